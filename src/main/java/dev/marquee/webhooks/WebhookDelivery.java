package dev.marquee.webhooks;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.marquee.storage.HasId;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message to one webhook: the change of the log it tells of ({@code seq}), its body (fixed when the
 * delivery is created, so every attempt sends the same bytes under the same {@code webhook-id}), where it
 * stands, and the log of its attempts. {@code nextAttemptAt}, {@code leaseUntil} and {@code owner} are the
 * queue: a node sends an attempt only after taking the lease ({@link WebhookSender}).
 *
 * @param personId the person the body names (registrations and check-ins), so that {@code erasePerson}
 *     finds the bodies to scrub ({@link WebhookErasure}); null when it names nobody
 * @param finishedAt when it became DELIVERED or FAILED (null while PENDING); the retention counts from it
 *     ({@link WebhookRetention})
 * @param retries waits of the retry schedule used so far (a redelivery starts the schedule again)
 * @param attempts every attempt ever made, redeliveries included
 * @param log the newest attempts, at most {@code marquee.webhooks.max-logged-attempts}
 */
@Document(WebhookDelivery.COLLECTION)
public record WebhookDelivery(@Id ObjectId id, ObjectId webhookId, ObjectId seriesId, long seq,
		WebhookEventType eventType, ObjectId personId, String body, WebhookDeliveryStatus status, int attempts,
		int retries, Instant nextAttemptAt, Instant leaseUntil, String owner, Instant createdAt, Instant deliveredAt,
		Instant finishedAt, Integer lastStatusCode, String lastError, List<Attempt> log) implements HasId {

	public static final String COLLECTION = "webhook_deliveries";

	/**
	 * One attempt: when it started, the receiver's status code or why there was none, and how long it took.
	 */
	public record Attempt(Instant at, Integer statusCode, String error, long durationMs) {
	}

	/** The Standard Webhooks {@code webhook-id}: the same for every attempt of this delivery. */
	String messageId() {
		return "msg_" + this.id.toHexString();
	}

	/**
	 * The id of the delivery of change {@code seq} to one webhook: the same on every node and after every
	 * restart, so the unique {@code _id} makes creating it twice a no-op.
	 */
	static ObjectId idOf(ObjectId webhookId, long seq) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(webhookId.toByteArray());
			sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seq).array());
			return new ObjectId(Arrays.copyOf(sha.digest(), 12));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
