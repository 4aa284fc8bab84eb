package dev.marquee.series;

import java.util.List;

import dev.marquee.storage.HasId;
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

}
