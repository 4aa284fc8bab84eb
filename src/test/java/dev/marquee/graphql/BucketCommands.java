package dev.marquee.graphql;

import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.marquee.support.MongoCommandCounter;
import org.bson.BsonValue;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts the MongoDB commands of a node started by {@link RateLimitIT}, on {@code rate_buckets} and on every other
 * collection apart (handshake and monitoring commands name no collection and are left out, and so are the
 * application's background workers, as in {@link MongoCommandCounter}). Added to the node
 * through {@code spring.main.sources}.
 */
public final class BucketCommands implements CommandListener {

	private final AtomicInteger buckets = new AtomicInteger();

	private final AtomicInteger others = new AtomicInteger();

	@Override
	public void commandStarted(CommandStartedEvent event) {
		BsonValue collection = event.getCommand().get(event.getCommandName());
		if (collection == null || !collection.isString() || MongoCommandCounter.onBackgroundThread()) {
			return;
		}
		if (RateBuckets.COLLECTION.equals(collection.asString().getValue())) {
			this.buckets.incrementAndGet();
		}
		else {
			this.others.incrementAndGet();
		}
	}

	void reset() {
		this.buckets.set(0);
		this.others.set(0);
	}

	int onBuckets() {
		return this.buckets.get();
	}

	int onOtherCollections() {
		return this.others.get();
	}

	@Configuration(proxyBeanMethods = false)
	public static class Registration {

		@Bean
		BucketCommands bucketCommands() {
			return new BucketCommands();
		}

		@Bean
		MongoClientSettingsBuilderCustomizer countBucketCommands(BucketCommands commands) {
			return (settings) -> settings.addCommandListener(commands);
		}

	}

}
