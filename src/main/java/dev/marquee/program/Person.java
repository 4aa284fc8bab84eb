package dev.marquee.program;

import java.util.List;

import dev.marquee.storage.HasId;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person: speaker or attendee. {@code email} is personal data and never leaves the server for
 * public callers; {@code emailKey} is its lower-cased form, unique when present. People who only came
 * in as attendees (a CSV import) are {@code unlisted}: not found by public search or {@code node(id)},
 * since their presence is personal data; scheduling one as a speaker lists them.
 */
@Document("people")
public record Person(@Id ObjectId id, String name, String headline, ObjectId companyId, String email, String emailKey,
		String nameKey, List<String> terms, boolean unlisted) implements HasId {

	public static final String COLLECTION = "people";

}
