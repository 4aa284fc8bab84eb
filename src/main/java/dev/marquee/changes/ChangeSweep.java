package dev.marquee.changes;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import com.mongodb.client.model.Filters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes entries older than {@code marquee.changes.retention}, every {@code marquee.changes.sweep-interval}
 * (the embedded server has no TTL indexes). One {@code deleteMany} on {@code at}: several nodes sweeping at
 * once delete the same range, which is harmless. The counter is a document of its own and stays.
 */
@Component
class ChangeSweep {

	private static final Logger log = LoggerFactory.getLogger(ChangeSweep.class);

	private final MongoTemplate mongo;

	private final ChangeProperties properties;

	private final Clock clock;

	ChangeSweep(MongoTemplate mongo, ChangeProperties properties, Optional<Clock> clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@Scheduled(initialDelayString = "${marquee.changes.sweep-interval:10m}",
			fixedDelayString = "${marquee.changes.sweep-interval:10m}")
	void sweep() {
		purge();
	}

	/** Deletes the entries older than the retention; answers how many. */
	long purge() {
		Instant before = Instant.now(this.clock).minus(this.properties.retention());
		long deleted = this.mongo.getCollection(MongoChangeLog.COLLECTION)
			.deleteMany(Filters.lt("at", Date.from(before)))
			.getDeletedCount();
		if (deleted > 0) {
			log.info("Deleted {} change-log entries older than {}", deleted, before);
		}
		return deleted;
	}

}
