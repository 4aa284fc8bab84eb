package dev.marquee.series;

import java.util.List;

import dev.marquee.storage.HasId;
import dev.marquee.storage.SearchText;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * An event series ("AI on the Lot"): the brand whose editions are events.
 *
 * @param nameKey normalised name, the sort key of {@code seriesList}
 * @param terms search terms of name and slug
 */
@Document("series")
public record EventSeries(@Id ObjectId id, String slug, String name, String description,
		@Field("organizerId") ObjectId organizerId, String nameKey, List<String> terms) implements HasId {

	public static final String COLLECTION = "series";

	/** A new series with its derived fields (name key, search terms of name and slug), not yet written. */
	public static EventSeries of(ObjectId id, String slug, String name, String description, ObjectId organizerId) {
		return new EventSeries(id, slug, name, description, organizerId, SearchText.normalize(name),
				SearchText.terms(name, slug));
	}

}
