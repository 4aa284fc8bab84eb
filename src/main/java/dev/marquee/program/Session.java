package dev.marquee.program;

import java.time.Instant;
import java.util.List;

import dev.marquee.event.Event;
import dev.marquee.storage.HasId;
import dev.marquee.storage.SearchText;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A session of an edition (keynote, panel, demo…). {@code sortAt} is {@code startsAt}, or the end of
 * time for unscheduled sessions, so the programme pages by a non-null key. {@code draft} mirrors the
 * edition's DRAFT status so public reads can exclude it without a join.
 */
@Document("sessions")
public record Session(@Id ObjectId id, ObjectId eventId, ObjectId seriesId, String title, SessionKind kind,
		String trackName, String trackKey, Instant startsAt, Instant endsAt, List<ObjectId> speakerIds, Instant sortAt, boolean draft,
		String titleKey, List<String> terms) implements HasId {

	public static final String COLLECTION = "sessions";

	/** Sort key of sessions without a time: after every scheduled one. */
	public static final Instant UNSCHEDULED = Instant.parse("9999-12-31T00:00:00Z");

	/**
	 * A new session with its derived fields: the track's key (as the edition's {@code trackKeys}), the
	 * sort time, the title's key and search terms.
	 */
	public static Session of(ObjectId id, ObjectId eventId, ObjectId seriesId, String title, SessionKind kind,
			String trackName, Instant startsAt, Instant endsAt, List<ObjectId> speakerIds, boolean draft) {
		return new Session(id, eventId, seriesId, title, kind, trackName, Event.trackKey(trackName), startsAt, endsAt,
				List.copyOf(speakerIds), (startsAt != null) ? startsAt : UNSCHEDULED, draft, SearchText.normalize(title),
				SearchText.terms(title));
	}

}
