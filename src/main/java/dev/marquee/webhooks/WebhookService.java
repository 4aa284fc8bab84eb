package dev.marquee.webhooks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.marquee.graphql.Connection;
import dev.marquee.graphql.Page;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.storage.KeysetPager;
import dev.marquee.storage.Ordering;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Reads webhooks and their delivery logs; who may see them is {@link AccessPolicy#mayManageWebhooks}. */
@Service
class WebhookService {

	static final Ordering<WebhookDelivery> NEWEST_FIRST = new Ordering<>("webhook-deliveries", "createdAt",
			Direction.DESC, WebhookDelivery::createdAt);

	private final MongoTemplate mongo;

	private final KeysetPager pager;

	private final AccessPolicy policy;

	WebhookService(MongoTemplate mongo, KeysetPager pager, AccessPolicy policy) {
		this.mongo = mongo;
		this.pager = pager;
		this.policy = policy;
	}

	Optional<Webhook> byId(ObjectId id) {
		return Optional.ofNullable(this.mongo.findById(id, Webhook.class));
	}

	Optional<WebhookDelivery> deliveryById(ObjectId id) {
		return Optional.ofNullable(this.mongo.findById(id, WebhookDelivery.class));
	}

	/** A webhook as {@code node(id)} answers it: only to organizers of its series and admins. */
	Optional<Webhook> visible(ObjectId id, Viewer viewer) {
		return byId(id).filter((webhook) -> mayManage(viewer, webhook.seriesId()));
	}

	Optional<WebhookDelivery> visibleDelivery(ObjectId id, Viewer viewer) {
		return deliveryById(id).filter((delivery) -> mayManage(viewer, delivery.seriesId()));
	}

	boolean mayManage(Viewer viewer, ObjectId seriesId) {
		return this.policy.mayManageWebhooks(viewer, seriesId).isEmpty();
	}

	/** The active webhooks of each series, oldest first: one query for a batch of series. */
	Map<ObjectId, List<Webhook>> activeOf(Collection<ObjectId> seriesIds) {
		Query query = Query.query(Criteria.where("seriesId").in(seriesIds).and("active").is(true))
			.with(Sort.by("createdAt", "_id"));
		Map<ObjectId, List<Webhook>> bySeries = new HashMap<>();
		for (Webhook webhook : this.mongo.find(query, Webhook.class)) {
			bySeries.computeIfAbsent(webhook.seriesId(), (id) -> new ArrayList<>()).add(webhook);
		}
		return bySeries;
	}

	long countActive(ObjectId seriesId) {
		return this.mongo.count(Query.query(Criteria.where("seriesId").is(seriesId).and("active").is(true)),
				Webhook.class);
	}

	/**
	 * Pages of {@code Webhook.deliveries}, newest first: one keyset query per webhook of the batch (a series
	 * has at most {@code marquee.webhooks.max-per-series} of them).
	 */
	Map<DeliveriesKey, Connection<WebhookDelivery>> pages(Set<DeliveriesKey> keys) {
		Map<DeliveriesKey, Connection<WebhookDelivery>> result = new HashMap<>();
		for (DeliveriesKey key : keys) {
			result.put(key, this.pager.page(WebhookDelivery.class, Criteria.where("webhookId").is(key.webhookId()),
					NEWEST_FIRST, key.page()));
		}
		return result;
	}

	/** DataLoader key of {@code Webhook.deliveries(first, after)}. */
	record DeliveriesKey(ObjectId webhookId, Page page) {
	}

}
