package dev.marquee.changes;

import java.util.Date;

import org.bson.Document;

/** A {@link Change} as stored in {@code changes} and back. */
final class ChangeDocuments {

	private ChangeDocuments() {
	}

	static Document toDocument(Change change) {
		return new Document("_id", change.seq()).append("at", Date.from(change.at()))
			.append("kind", change.kind().name())
			.append("seriesId", change.seriesId())
			.append("eventId", change.eventId())
			.append("subjectId", change.subjectId())
			.append("data", change.data());
	}

	static Change fromDocument(Document document) {
		Document data = document.get("data", Document.class);
		return new Change(((Number) document.get("_id")).longValue(), document.getDate("at").toInstant(),
				ChangeKind.valueOf(document.getString("kind")), document.getObjectId("seriesId"),
				document.getObjectId("eventId"), document.getObjectId("subjectId"),
				(data != null) ? data : new Document());
	}

}
