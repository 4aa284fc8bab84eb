package dev.marquee.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import dev.marquee.audit.AuditLog;
import dev.marquee.changes.ChangeLog;
import dev.marquee.graphql.GlobalId;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.series.EventSeries;
import dev.marquee.series.SeriesService;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Creating, deleting and redelivering webhooks: organizers of the series and admins
 * ({@link AccessPolicy#mayManageWebhooks}). Every change is audited; no secret ever is.
 */
@Service
class WebhookCommands {

	private final MongoTemplate mongo;

	private final WebhookService webhooks;

	private final SeriesService series;

	private final ChangeLog changes;

	private final AccessPolicy policy;

	private final AuditLog audit;

	private final WebhooksProperties properties;

	private final Clock clock;

	WebhookCommands(MongoTemplate mongo, WebhookService webhooks, SeriesService series, ChangeLog changes,
			AccessPolicy policy, AuditLog audit, WebhooksProperties properties, Optional<Clock> clock) {
		this.mongo = mongo;
		this.webhooks = webhooks;
		this.series = series;
		this.changes = changes;
		this.policy = policy;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	record CreateWebhookInput(String seriesId, Object url, List<WebhookEventType> events) {
	}

	/** A new webhook and its signing secret, which is shown this once. */
	record Created(Webhook webhook, String secret) {
	}

	/**
	 * Checks the series, the caller, the events and the target (its form, then every address its host
	 * resolves to) before writing anything.
	 */
	Outcome<Created> create(Viewer viewer, CreateWebhookInput input) {
		Optional<EventSeries> target = GlobalId.decode(input.seriesId(), "EventSeries")
			.map((id) -> this.series.byIds(List.of(id)).get(id));
		if (target.isEmpty()) {
			return Outcome.failed(this.policy.missing(viewer, "No series with this id.", "input", "seriesId"));
		}
		ObjectId seriesId = target.get().id();
		Optional<UserError> denied = this.policy.mayManageWebhooks(viewer, seriesId);
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		if (input.events() == null || input.events().isEmpty()) {
			return Outcome.failed(UserError.of(UserErrorCode.INVALID_INPUT,
					"Name at least one event type the webhook is sent for.", "input", "events"));
		}
		String url = (input.url() != null) ? input.url().toString() : null;
		try {
			Targets.Target parsed = Targets.parse(url, this.properties.allowHttp(), this.properties.maxUrlLength());
			Targets.resolve(parsed, this.properties.allowPrivateTargets());
		}
		catch (Targets.Refused ex) {
			return Outcome.failed(UserError.of(UserErrorCode.INVALID_INPUT, ex.getMessage(), "input", "url"));
		}
		if (this.webhooks.countActive(seriesId) >= this.properties.maxPerSeries()) {
			return Outcome.failed(UserError.of(UserErrorCode.CONFLICT, "A series has at most "
					+ this.properties.maxPerSeries() + " webhooks; delete one first.", "input", "seriesId"));
		}
		String secret = Signatures.newSecret();
		Webhook webhook = this.mongo.insert(new Webhook(new ObjectId(), seriesId, url,
				List.copyOf(new LinkedHashSet<>(input.events())), secret, true, this.changes.version(),
				Instant.now(this.clock), viewer.accountId(), null));
		this.audit.record(viewer, "createWebhook", "Webhook", webhook.id(), seriesId, null, null,
				"created a webhook to " + host(url) + " for " + webhook.events());
		return Outcome.ok(new Created(webhook, secret));
	}

	/**
	 * Deactivates the webhook: no delivery is created for it any more, and its pending ones end FAILED
	 * (an attempt already under way finishes). Its delivery log stays. Deleting it again changes nothing.
	 */
	Outcome<Webhook> delete(Viewer viewer, String id) {
		Optional<Webhook> found = GlobalId.decode(id, "Webhook").flatMap(this.webhooks::byId);
		if (found.isEmpty()) {
			return Outcome.failed(this.policy.missing(viewer, "No webhook with this id.", "id"));
		}
		Webhook webhook = found.get();
		Optional<UserError> denied = this.policy.mayManageWebhooks(viewer, webhook.seriesId());
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		if (!webhook.active()) {
			return Outcome.ok(webhook);
		}
		Instant now = Instant.now(this.clock);
		Webhook deleted = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(webhook.id()).and("active").is(true)),
				new Update().set("active", false).set("deletedAt", now), FindAndModifyOptions.options().returnNew(true),
				Webhook.class);
		if (deleted == null) {
			return Outcome.ok(this.webhooks.byId(webhook.id()).orElse(webhook));
		}
		this.mongo.updateMulti(
				Query.query(Criteria.where("webhookId").is(webhook.id())
					.and("status").is(WebhookDeliveryStatus.PENDING)
					.and("leaseUntil").lt(now)),
				new Update().set("status", WebhookDeliveryStatus.FAILED)
					.set("finishedAt", now)
					.set("lastError", "the webhook was deleted"),
				WebhookDelivery.class);
		this.audit.record(viewer, "deleteWebhook", "Webhook", webhook.id(), webhook.seriesId(), null, null,
				"deleted the webhook to " + host(webhook.url()));
		return Outcome.ok(deleted);
	}

	/**
	 * Queues a past delivery again, due now, with the retry schedule from its start: the same
	 * {@code webhook-id} and body (Standard Webhooks: a redelivery is the same message), a new attempt.
	 */
	Outcome<Webhook> redeliver(Viewer viewer, String deliveryId) {
		Optional<WebhookDelivery> found = GlobalId.decode(deliveryId, "WebhookDelivery")
			.flatMap(this.webhooks::deliveryById);
		if (found.isEmpty()) {
			return Outcome.failed(this.policy.missing(viewer, "No webhook delivery with this id.", "deliveryId"));
		}
		WebhookDelivery delivery = found.get();
		Optional<UserError> denied = this.policy.mayManageWebhooks(viewer, delivery.seriesId());
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		Optional<Webhook> webhook = this.webhooks.byId(delivery.webhookId());
		if (webhook.isEmpty() || !webhook.get().active()) {
			return Outcome.failed(UserError.of(UserErrorCode.CONFLICT,
					"The webhook of this delivery was deleted; create a new one.", "deliveryId"));
		}
		long queued = this.mongo.updateFirst(Query.query(Criteria.where("_id").is(delivery.id())),
				new Update().set("status", WebhookDeliveryStatus.PENDING)
					.set("retries", 0)
					.set("nextAttemptAt", Instant.now(this.clock))
					.unset("finishedAt"),
				WebhookDelivery.class)
			.getMatchedCount();
		if (queued == 0) {
			// the retention sweep deleted it since it was read
			return Outcome.failed(this.policy.missing(viewer, "No webhook delivery with this id.", "deliveryId"));
		}
		this.audit.record(viewer, "redeliverWebhook", "WebhookDelivery", delivery.id(), delivery.seriesId(), null,
				null, "queued delivery " + delivery.messageId() + " again");
		return Outcome.ok(webhook.get());
	}

	/** The URL's host, for audit summaries (a path or query may hold a receiver's token). */
	private static String host(String url) {
		try {
			return Targets.parse(url, true, Integer.MAX_VALUE).host();
		}
		catch (Targets.Refused ex) {
			return "(an invalid URL)";
		}
	}

}
