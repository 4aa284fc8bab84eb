package dev.marquee.program;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.marquee.storage.SearchText;
import dev.marquee.storage.HasId;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person: speaker or attendee. Personal data is held per series: {@code seriesId} is the series whose
 * organizer supplied it (the CSV import and {@code createPerson(seriesId:)}; null for speaker profiles
 * made without one and for documents from before series-held people). {@code email} is personal data:
 * admins and organizers of the holding series see it, nobody else. {@code emailKey} is its lower-cased
 * form, {@code seriesEmailKey} the holding series and that key ({@code seriesId:emailKey}), unique when
 * present: the one key people are matched by, so matching never crosses a series. People who only came
 * in as attendees are {@code unlisted}: not found by public search or {@code node(id)}; scheduling one
 * at a visible session lists them as a public speaker profile. An erased person ({@code erasedAt} set)
 * keeps only its id, so its registrations still count; see {@link #erased}.
 */
@Document("people")
public record Person(@Id ObjectId id, String name, String headline, ObjectId companyId, String email, String emailKey,
		String nameKey, List<String> terms, boolean unlisted, ObjectId seriesId, String seriesEmailKey,
		Instant erasedAt) implements HasId {

	public static final String COLLECTION = "people";

	/** What {@code Person.name} answers once a person has been erased. */
	public static final String ERASED_NAME = "Erased person";

	/**
	 * A new person with its derived fields (keys, search terms): held by {@code seriesId} when given,
	 * {@code unlisted} for attendees.
	 */
	public static Person of(ObjectId id, String name, String headline, ObjectId companyId, String email,
			ObjectId seriesId, boolean unlisted) {
		return new Person(id, name, headline, companyId, email, emailKey(email), SearchText.normalize(name),
				SearchText.terms(name), unlisted, seriesId, seriesEmailKey(seriesId, email), null);
	}

	/** The lower-cased email, the part of every email match and key. */
	public static String emailKey(String email) {
		return (email != null) ? email.toLowerCase(Locale.ROOT) : null;
	}

	/** The key people are matched by: the holding series and the email, or null without both. */
	public static String seriesEmailKey(ObjectId seriesId, String email) {
		return (seriesId != null && email != null) ? seriesId.toHexString() + ":" + emailKey(email) : null;
	}

	/** What is left of a person after {@code erasePerson}: no name, email, headline, company or search terms. */
	public static Person erased(ObjectId id, ObjectId seriesId, Instant at) {
		return new Person(id, ERASED_NAME, null, null, null, null, null, List.of(), true, seriesId, null, at);
	}

}
