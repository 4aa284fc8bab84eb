package dev.marquee.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The deliveries' retention ({@code marquee.webhooks.retention}): every {@code sweep-interval}, each node
 * deletes the DELIVERED and FAILED deliveries that finished longer ago than the retention, body and
 * attempt log with them (no TTL index: the embedded server has none). One {@code deleteMany} whose filter
 * is the whole rule, so two nodes sweeping at once delete each delivery once and a PENDING one (a
 * redelivery resets {@code finishedAt}) is never touched.
 */
@Component
class WebhookRetention implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookRetention.class);

	private final MongoTemplate mongo;

	private final WebhooksProperties properties;

	private final Clock clock;

	private volatile ScheduledExecutorService sweeper;

	WebhookRetention(MongoTemplate mongo, WebhooksProperties properties, Optional<Clock> clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("webhook-sweep-"));
		long every = Math.max(1, this.properties.sweepInterval().toMillis());
		started.scheduleWithFixedDelay(this::sweepLogged, every, every, TimeUnit.MILLISECONDS);
		this.sweeper = started;
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.sweeper;
		this.sweeper = null;
		if (running != null) {
			running.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.sweeper != null;
	}

	private void sweepLogged() {
		try {
			long deleted = sweep();
			if (deleted > 0) {
				log.info("Deleted {} webhook deliveries finished more than {} ago", deleted, this.properties.retention());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not delete old webhook deliveries; the next sweep tries again", ex);
		}
	}

	/** Deletes the finished deliveries older than the retention; answers how many. */
	long sweep() {
		Instant before = Instant.now(this.clock).minus(this.properties.retention());
		return this.mongo
			.remove(Query.query(Criteria.where("status")
				.in(List.of(WebhookDeliveryStatus.DELIVERED, WebhookDeliveryStatus.FAILED))
				.and("finishedAt").lt(before)), WebhookDelivery.class)
			.getDeletedCount();
	}

}
