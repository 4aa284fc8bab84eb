package dev.marquee.webhooks;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries, on every node, each attempt by exactly one node: a node takes a delivery with
 * one {@code findAndModify} ({@code status: PENDING, nextAttemptAt <= now, leaseUntil < now} → its own
 * lease token in {@code owner}, {@code leaseUntil = now + timeout + 30 s}), sends it, and records the
 * outcome with an update guarded by that token. It takes only as many leases as it has free workers
 * ({@code marquee.webhooks.workers}), so a slow receiver holds one worker for at most the timeout and
 * never a delivery it has not started. A node that dies mid-attempt leaves a lease that runs out; the
 * attempt is then made again by whichever node leases it next (at least once, never twice at a time).
 * <p>
 * 2xx is delivered; anything else (3xx included: redirects are not followed), a timeout, a refused
 * target or a connection error is a failed attempt, retried after the next wait of
 * {@code marquee.webhooks.retry-schedule} varied by {@code jitter}, and FAILED once the schedule is used
 * up.
 */
@Component
class WebhookSender implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

	private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

	private final MongoTemplate mongo;

	private final WebhookService webhooks;

	private final WebhooksProperties properties;

	private final Clock clock;

	private final Semaphore free;

	private ScheduledExecutorService poller;

	private ScheduledExecutorService watchdog;

	private ExecutorService workers;

	private HttpPost http;

	private volatile boolean running;

	WebhookSender(MongoTemplate mongo, WebhookService webhooks, WebhooksProperties properties,
			Optional<Clock> clock) {
		this.mongo = mongo;
		this.webhooks = webhooks;
		this.properties = properties;
		this.clock = clock.orElse(Clock.systemUTC());
		this.free = new Semaphore(Math.max(1, properties.workers()));
	}

	@Override
	public void start() {
		this.poller = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("webhook-poll-"));
		this.watchdog = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("webhook-timeout-"));
		this.workers = Executors.newFixedThreadPool(Math.max(1, this.properties.workers()),
				new CustomizableThreadFactory("webhook-send-"));
		this.http = new HttpPost(this.watchdog, this.properties.timeout(),
				(int) this.properties.maxResponseBytes().toBytes());
		long every = this.properties.pollInterval().toMillis();
		this.poller.scheduleWithFixedDelay(this::sendDue, every, every, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.poller.shutdownNow();
		this.workers.shutdownNow();
		this.watchdog.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Leases and starts due deliveries while this node has free workers. An idle node only looks (one
	 * indexed {@code find} per interval); it writes only when something is due.
	 */
	void sendDue() {
		try {
			if (!anyDue()) {
				return;
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not look for due webhook deliveries", ex);
			return;
		}
		while (this.running && this.free.tryAcquire()) {
			Optional<Lease> lease;
			try {
				lease = lease();
				if (lease.isPresent()) {
					Lease taken = lease.get();
					this.workers.execute(() -> send(taken));
				}
			}
			catch (RuntimeException ex) {
				// the database or the pool refused: the permit goes back, and a lease taken runs out
				this.free.release();
				log.warn("Could not lease a due webhook delivery", ex);
				return;
			}
			if (lease.isEmpty()) {
				this.free.release();
				return;
			}
		}
	}

	/** On a worker: one attempt, then the worker is free again. */
	private void send(Lease lease) {
		try {
			attempt(lease);
		}
		catch (RuntimeException ex) {
			log.error("Webhook delivery {} failed to record; its lease runs out", lease.delivery().id(), ex);
		}
		finally {
			this.free.release();
		}
	}

	private record Lease(WebhookDelivery delivery, String token) {
	}

	/** Deliveries that are due now and leased by nobody. */
	private static Query due(Instant now) {
		return Query.query(Criteria.where("status").is(WebhookDeliveryStatus.PENDING)
			.and("nextAttemptAt").lte(now)
			.and("leaseUntil").lt(now));
	}

	private boolean anyDue() {
		Query query = due(Instant.now(this.clock)).limit(1);
		query.fields().include("_id");
		return this.mongo.findOne(query, org.bson.Document.class, WebhookDelivery.COLLECTION) != null;
	}

	private Optional<Lease> lease() {
		Instant now = Instant.now(this.clock);
		String token = new ObjectId().toHexString();
		WebhookDelivery leased = this.mongo.findAndModify(due(now).with(Sort.by("nextAttemptAt")),
				new Update().set("leaseUntil", now.plus(this.properties.timeout()).plus(LEASE_MARGIN)).set("owner", token),
				FindAndModifyOptions.options().returnNew(true), WebhookDelivery.class);
		return Optional.ofNullable(leased).map((delivery) -> new Lease(delivery, token));
	}

	private void attempt(Lease lease) {
		WebhookDelivery delivery = lease.delivery();
		Optional<Webhook> webhook = this.webhooks.byId(delivery.webhookId()).filter(Webhook::active);
		if (webhook.isEmpty()) {
			finish(lease, new Update().set("status", WebhookDeliveryStatus.FAILED)
				.set("finishedAt", Instant.now(this.clock))
				.set("lastError", "the webhook was deleted"));
			return;
		}
		Instant at = Instant.now(this.clock);
		long started = System.nanoTime();
		HttpPost.Answer answer;
		try {
			Targets.Target target = Targets.parse(webhook.get().url(), this.properties.allowHttp(),
					this.properties.maxUrlLength());
			InetAddress address = Targets.resolve(target, this.properties.allowPrivateTargets());
			long timestamp = at.getEpochSecond();
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("webhook-id", delivery.messageId());
			headers.put("webhook-timestamp", Long.toString(timestamp));
			headers.put("webhook-signature",
					Signatures.sign(webhook.get().secret(), delivery.messageId(), timestamp, delivery.body()));
			answer = this.http.post(target, address, headers, delivery.body().getBytes(StandardCharsets.UTF_8));
		}
		catch (Targets.Refused ex) {
			answer = new HttpPost.Answer(null, "refused target: " + ex.getMessage());
		}
		long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		Instant now = Instant.now(this.clock);
		Update outcome = new Update();
		// the newest attempts only: redeliveries must not grow the document without bound
		outcome.push("log")
			.slice(-Math.max(1, this.properties.maxLoggedAttempts()))
			.each(new WebhookDelivery.Attempt(at, answer.statusCode(), answer.error(), durationMs));
		outcome.inc("attempts", 1)
			.set("lastStatusCode", answer.statusCode())
			.set("lastError", answer.error());
		if (answer.delivered()) {
			outcome.set("status", WebhookDeliveryStatus.DELIVERED).set("deliveredAt", now).set("finishedAt", now);
		}
		else if (delivery.retries() < this.properties.retrySchedule().size()) {
			outcome.set("nextAttemptAt", now.plus(jittered(this.properties.retrySchedule().get(delivery.retries()))))
				.set("retries", delivery.retries() + 1);
		}
		else {
			outcome.set("status", WebhookDeliveryStatus.FAILED).set("finishedAt", now);
		}
		finish(lease, outcome);
	}

	/** Records the outcome and gives the lease back, if the lease is still this node's. */
	private void finish(Lease lease, Update outcome) {
		outcome.set("leaseUntil", Instant.EPOCH).set("owner", null);
		this.mongo.updateFirst(
				Query.query(Criteria.where("_id").is(lease.delivery().id()).and("owner").is(lease.token())), outcome,
				WebhookDelivery.class);
	}

	private Duration jittered(Duration wait) {
		double jitter = Math.max(0, Math.min(1, this.properties.jitter()));
		double factor = 1 + ((jitter > 0) ? ThreadLocalRandom.current().nextDouble(-jitter, jitter) : 0);
		return Duration.ofMillis(Math.round(wait.toMillis() * factor));
	}

}
