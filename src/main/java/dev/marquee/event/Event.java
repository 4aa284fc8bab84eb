package dev.marquee.event;

import java.time.Instant;
import java.util.List;

import dev.marquee.event.Attendance;
import dev.marquee.storage.HasId;
import dev.marquee.storage.SearchText;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An edition of a series. Venue and tracks are embedded; {@code cityKey}, {@code trackKeys},
 * {@code nameKey} and {@code terms} are normalised copies kept for filters, sorting and search.
 * Its sessions and sponsorships are not listed here: they name the edition ({@code eventId}) and are
 * read through that index. The child lists earlier versions kept ({@code sessionIds},
 * {@code sponsorshipIds}) are unset at start-up ({@link RetiredChildLists}).
 */
@Document("events")
public record Event(@Id ObjectId id, String slug, ObjectId seriesId, String name, int year, EventStatus status,
		EventFormat format, Instant startsAt, Instant endsAt, String timeZone, int days, Venue venue, ObjectId hostId,
		List<Track> tracks, Attendance attendance, int version, String cancelReason, String nameKey, String cityKey,
		List<String> trackKeys, List<String> terms) implements HasId {

	public static final String COLLECTION = "events";

	public boolean isPublic() {
		return this.status != EventStatus.DRAFT;
	}

	// the derived fields, each computed here only: every writer (services, demo data, generator) calls these

	/** Normalised name, the key of the name ordering. */
	public static String nameKey(String name) {
		return SearchText.normalize(name);
	}

	/** Search terms of an edition: its name and slug. */
	public static List<String> terms(String name, String slug) {
		return SearchText.terms(name, slug);
	}

	/** Normalised city of a venue, the key of the {@code city} filter. */
	public static String cityKey(Venue venue) {
		return (venue != null) ? SearchText.normalize(venue.city()) : null;
	}

	/** Normalised track names, the keys of the {@code trackName} filter. */
	public static List<String> trackKeys(List<Track> tracks) {
		return tracks.stream().map((t) -> trackKey(t.name())).toList();
	}

	/** The key a track is matched by (sessions' {@code trackKey}, the {@code trackName} filters); null for none. */
	public static String trackKey(String trackName) {
		return (trackName != null) ? SearchText.normalize(trackName) : null;
	}

	public Attendance attendanceOrNone() {
		return (this.attendance != null) ? this.attendance : Attendance.NONE;
	}

}
