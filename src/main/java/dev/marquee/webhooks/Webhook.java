package dev.marquee.webhooks;

import java.time.Instant;
import java.util.List;

import dev.marquee.storage.HasId;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A receiver of a series' changes. {@code secret} ({@code whsec_…}) signs every delivery; it is shown
 * once, in the answer to createWebhook, and never read out again. {@code fromSeq} is the change log's
 * version when the webhook was created: it hears only of later changes. Deleting it sets
 * {@code active = false} and {@code deletedAt}; its delivery log stays.
 */
@Document(Webhook.COLLECTION)
public record Webhook(@Id ObjectId id, ObjectId seriesId, String url, List<WebhookEventType> events, String secret,
		boolean active, long fromSeq, Instant createdAt, ObjectId createdBy, Instant deletedAt) implements HasId {

	public static final String COLLECTION = "webhooks";

	boolean hears(WebhookEventType type) {
		return this.active && this.events.contains(type);
	}

}
