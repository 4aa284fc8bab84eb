package dev.marquee.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.marquee.changes.Change;
import dev.marquee.changes.ChangeFeed;
import dev.marquee.changes.ChangeLog;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Turns the change log into deliveries, on every node: each node follows the log from the shared
 * checkpoint and, for each change, creates one delivery per active webhook of the change's series that
 * subscribed to its event type and was created before it. A delivery's {@code _id} is derived from the
 * webhook and the seq ({@link WebhookDelivery#idOf}), so the second node, or a node replaying entries
 * after a restart, finds it already there: each delivery exists once. Sending is {@link WebhookSender}'s.
 * <p>
 * The checkpoint is written at most once a second ({@link #writeCheckpoint}, and at stop), not after every
 * change: one write per change was one of a check-in's fourteen database commands. A node that stops
 * abruptly replays the changes of its last second from the checkpoint, whose deliveries exist already.
 */
@Component
class WebhookDeliveries implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

	/** {@code {_id: "deliveries", seq}}: every change up to seq has its deliveries. */
	static final String CHECKPOINTS = "webhook_checkpoints";

	private static final String CHECKPOINT_ID = "deliveries";

	private final MongoTemplate mongo;

	private final WebhookService webhooks;

	private final WebhookMessages messages;

	private final WebhookErasure erasure;

	private final ChangeLog changes;

	private final ChangeFeed feed;

	private final Clock clock;

	private volatile AutoCloseable following;

	/** The seq of the last change handled (the listener's thread), and the last one written to the checkpoint. */
	private volatile long handled = -1;

	private long written = -1;

	WebhookDeliveries(MongoTemplate mongo, WebhookService webhooks, WebhookMessages messages,
			WebhookErasure erasure, ChangeLog changes, ChangeFeed feed, Optional<Clock> clock) {
		this.mongo = mongo;
		this.webhooks = webhooks;
		this.messages = messages;
		this.erasure = erasure;
		this.changes = changes;
		this.feed = feed;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * Follows from the checkpoint. The feed is a constructor dependency, so Spring starts it first and it
	 * catches this listener up from the database when the checkpoint is behind it.
	 */
	@Override
	public void start() {
		this.following = this.feed.follow(checkpoint(), this::deliver);
	}

	@Override
	public void stop() {
		AutoCloseable handle = this.following;
		this.following = null;
		if (handle != null) {
			try {
				handle.close();
			}
			catch (Exception ex) {
				log.warn("Could not stop following the change log", ex);
			}
			writeCheckpoint();
		}
	}

	@Override
	public boolean isRunning() {
		return this.following != null;
	}

	/** The shared checkpoint; on the very first start the log's current version (no history is replayed). */
	long checkpoint() {
		var checkpoints = this.mongo.getCollection(CHECKPOINTS);
		checkpoints.updateOne(Filters.eq("_id", CHECKPOINT_ID),
				Updates.setOnInsert("seq", this.changes.version()), new UpdateOptions().upsert(true));
		Document stored = checkpoints.find(Filters.eq("_id", CHECKPOINT_ID)).first();
		return ((Number) stored.get("seq")).longValue();
	}

	/**
	 * The deliveries of one change; the checkpoint moves past it within a second. A change that cannot be
	 * handled (the database gone away three times in a row) is logged and left behind.
	 */
	void deliver(Change change) {
		for (int attempt = 1;; attempt++) {
			try {
				create(change);
				break;
			}
			catch (RuntimeException ex) {
				if (attempt == 3) {
					log.error("No webhook deliveries for change {} ({})", change.seq(), change.kind(), ex);
					break;
				}
			}
		}
		this.handled = change.seq();
	}

	/** Moves the shared checkpoint to the last change handled, if it is not there yet: once a second, and at stop. */
	@Scheduled(fixedDelay = 1000)
	synchronized void writeCheckpoint() {
		long seq = this.handled;
		if (seq <= this.written) {
			return;
		}
		try {
			this.mongo.getCollection(CHECKPOINTS).updateOne(Filters.eq("_id", CHECKPOINT_ID), Updates.max("seq", seq));
			this.written = seq;
		}
		catch (RuntimeException ex) {
			log.warn("Could not move the webhook checkpoint to {}; retried in a second", seq, ex);
		}
	}

	private void create(Change change) {
		Optional<WebhookEventType> type = WebhookEventType.of(change.kind());
		if (type.isEmpty() || change.seriesId() == null) {
			return;
		}
		List<Webhook> listening = this.webhooks.activeOf(List.of(change.seriesId()))
			.getOrDefault(change.seriesId(), List.of())
			.stream()
			.filter((webhook) -> webhook.hears(type.get()) && change.seq() > webhook.fromSeq())
			.toList();
		if (listening.isEmpty()) {
			return;
		}
		WebhookMessages.Message message = this.messages.body(change, type.get());
		Instant now = Instant.now(this.clock);
		for (Webhook webhook : listening) {
			try {
				this.mongo.insert(new WebhookDelivery(WebhookDelivery.idOf(webhook.id(), change.seq()), webhook.id(),
						webhook.seriesId(), change.seq(), type.get(), message.personId(), message.body(),
						WebhookDeliveryStatus.PENDING, 0, 0, now, Instant.EPOCH, null, now, null, null, null, null,
						List.of()));
			}
			catch (DuplicateKeyException ex) {
				// another node, or this one before a restart, created it already
			}
		}
		if (message.personId() != null) {
			// an erasure that ran between reading the person and the inserts did not see them
			this.erasure.afterCreating(message.personId());
		}
	}

}
