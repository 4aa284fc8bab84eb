package dev.marquee.changes;

import java.time.Instant;

import org.bson.Document;
import org.bson.types.ObjectId;

/** One entry of the {@code changes} collection; seq is dense and grows by one per entry. */
public record Change(long seq, Instant at, ChangeKind kind, ObjectId seriesId, ObjectId eventId,
		ObjectId subjectId, Document data) {

}
