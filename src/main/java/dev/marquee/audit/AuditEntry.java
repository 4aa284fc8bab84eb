package dev.marquee.audit;

import java.time.Instant;

import dev.marquee.storage.HasId;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One change to the hub: who, when, which object, its version before and after, and a summary.
 * Append-only, except that erasing a person replaces the summaries about it ({@link AuditLog#redact});
 * admins read it with {@code auditLog}.
 */
@Document("audit")
public record AuditEntry(@Id ObjectId id, Instant at, ObjectId actorId, String actor, String action,
		String objectType, ObjectId objectId, ObjectId seriesId, Integer versionBefore, Integer versionAfter,
		String summary) implements HasId {

	public static final String COLLECTION = "audit";

}
