package dev.marquee.program;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
 * keeps only its id, so its registrations still count; see {@link #erased}. {@code bio} is plain text and
 * {@code photoUrl} an http(s) URL, both public parts of a speaker profile. A speaker that came from a
 * program import has its {@code source} and {@code sourceKey} (holding series, system and id; unique
 * when present), so a re-import finds it again.
 */
@Document("people")
public record Person(@Id ObjectId id, String name, String headline, ObjectId companyId, String email, String emailKey,
		String nameKey, List<String> terms, boolean unlisted, ObjectId seriesId, String seriesEmailKey,
		Instant erasedAt, String bio, String photoUrl, ProgramSource source, String sourceKey) implements HasId {

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
				SearchText.terms(name), unlisted, seriesId, seriesEmailKey(seriesId, email), null, null, null, null,
				null);
	}

	/**
	 * A speaker from a program import, held by the edition's series: {@code unlisted} until it speaks at
	 * a visible session, found by search through its name and bio.
	 */
	public static Person speaker(ObjectId id, String name, String headline, String bio, String photoUrl,
			ObjectId seriesId, boolean unlisted, ProgramSource source) {
		return new Person(id, name, headline, null, null, null, SearchText.normalize(name), terms(name, bio), unlisted,
				seriesId, null, null, bio, photoUrl, source, ProgramSource.key(seriesId, source));
	}

	/** Search terms of a person: the name from every word on, and the words of the bio (bounded). */
	static List<String> terms(String name, String bio) {
		Set<String> terms = new LinkedHashSet<>(SearchText.terms(name));
		terms.addAll(SearchText.longTextTerms(bio));
		return List.copyOf(terms);
	}

	/** The lower-cased email, the part of every email match and key. */
	public static String emailKey(String email) {
		return (email != null) ? email.toLowerCase(Locale.ROOT) : null;
	}

	/** The key people are matched by: the holding series and the email, or null without both. */
	public static String seriesEmailKey(ObjectId seriesId, String email) {
		return (seriesId != null && email != null) ? seriesId.toHexString() + ":" + emailKey(email) : null;
	}

	/**
	 * What is left of a person after {@code erasePerson}: no name, email, headline, company, bio, photo,
	 * source link or search terms (a re-import of the program makes a new profile, not this one again).
	 */
	public static Person erased(ObjectId id, ObjectId seriesId, Instant at) {
		return new Person(id, ERASED_NAME, null, null, null, null, null, List.of(), true, seriesId, null, at, null,
				null, null, null);
	}

}
