package dev.marquee.program;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.marquee.event.Event;
import dev.marquee.storage.HasId;
import dev.marquee.storage.SearchText;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A session of an edition (keynote, panel, demo…). {@code sortAt} is {@code startsAt}, or the end of
 * time for unscheduled sessions, so the programme pages by a non-null key. {@code draft} mirrors the
 * edition's DRAFT status so public reads can exclude it without a join. {@code description} is plain
 * text, {@code room} a free name. {@code version} grows by one with every change of what a reader sees
 * and {@code updatedAt} is when that happened (documents from before get version 0 once at start-up, {@link SessionVersions}, and
 * read updatedAt as null: see
 * {@link #lastModified}). An imported session has its {@code source} and {@code sourceKey} (edition,
 * system and id; unique when present); hand-made sessions have neither.
 */
@Document("sessions")
public record Session(@Id ObjectId id, ObjectId eventId, ObjectId seriesId, String title, SessionKind kind,
		String trackName, String trackKey, Instant startsAt, Instant endsAt, List<ObjectId> speakerIds, Instant sortAt, boolean draft,
		String titleKey, List<String> terms, String description, String room,
		int version, Instant updatedAt,
		ProgramSource source, String sourceKey) implements HasId {

	public static final String COLLECTION = "sessions";

	/** Sort key of sessions without a time: after every scheduled one. */
	public static final Instant UNSCHEDULED = Instant.parse("9999-12-31T00:00:00Z");

	/**
	 * A new session with its derived fields: the track's key (as the edition's {@code trackKeys}), the
	 * sort time, the title's key and search terms.
	 */
	public static Session of(ObjectId id, ObjectId eventId, ObjectId seriesId, String title, SessionKind kind,
			String trackName, Instant startsAt, Instant endsAt, List<ObjectId> speakerIds, boolean draft) {
		return of(id, eventId, seriesId, title, kind, trackName, startsAt, endsAt, speakerIds, draft, null, null, 0,
				id.getDate().toInstant(), null);
	}

	/** A session with every field given, and its derived fields (keys, sort time, search terms). */
	public static Session of(ObjectId id, ObjectId eventId, ObjectId seriesId, String title, SessionKind kind,
			String trackName, Instant startsAt, Instant endsAt, List<ObjectId> speakerIds, boolean draft,
			String description, String room, int version, Instant updatedAt, ProgramSource source) {
		return new Session(id, eventId, seriesId, title, kind, trackName, Event.trackKey(trackName), startsAt, endsAt,
				List.copyOf(speakerIds), (startsAt != null) ? startsAt : UNSCHEDULED, draft, SearchText.normalize(title),
				terms(title, description), description, room, version, updatedAt, source,
				ProgramSource.key(eventId, source));
	}

	/** Search terms of a session: its title from every word on, and the words of its description (bounded). */
	static List<String> terms(String title, String description) {
		Set<String> terms = new LinkedHashSet<>(SearchText.terms(title));
		terms.addAll(SearchText.longTextTerms(description));
		return List.copyOf(terms);
	}

	/** This session with its speakers and draft flag as they are when an import applies it. */
	Session withSpeakers(List<ObjectId> speakers, boolean isDraft) {
		return new Session(this.id, this.eventId, this.seriesId, this.title, this.kind, this.trackName, this.trackKey,
				this.startsAt, this.endsAt, List.copyOf(speakers), this.sortAt, isDraft, this.titleKey, this.terms,
				this.description, this.room, this.version, this.updatedAt, this.source, this.sourceKey);
	}

	/** When the session last changed as a reader sees it: {@code updatedAt}, or its creation for older documents. */
	public Instant lastModified() {
		return (this.updatedAt != null) ? this.updatedAt : this.id.getDate().toInstant();
	}

}
