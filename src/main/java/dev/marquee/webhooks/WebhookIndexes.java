package dev.marquee.webhooks;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The indexes of the webhooks' collections (docs/architecture.md, "Webhooks", lists the query each
 * serves): the series' active webhooks, the due deliveries a node leases (and, by its {@code status} prefix, the finished ones the retention
 * sweep deletes), a webhook's log newest first, the deliveries that name a person (erasure).
 */
@Component
class WebhookIndexes implements InitializingBean {

	private final MongoTemplate mongo;

	WebhookIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		this.mongo.getCollection(Webhook.COLLECTION)
			.createIndexes(List.of(new IndexModel(Indexes.ascending("seriesId", "active", "createdAt"))));
		this.mongo.getCollection(WebhookDelivery.COLLECTION)
			.createIndexes(List.of(new IndexModel(Indexes.ascending("status", "nextAttemptAt")),
					new IndexModel(Indexes.ascending("webhookId", "createdAt", "_id")),
					new IndexModel(Indexes.ascending("personId"))));
	}

}
