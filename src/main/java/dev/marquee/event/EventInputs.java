package dev.marquee.event;

import java.time.OffsetDateTime;
import java.util.List;

import dev.marquee.graphql.UserError;

/** Inputs and payloads of the event mutations, bound by name from the schema's input types. */
final class EventInputs {

	private EventInputs() {
	}

	record VenueInput(String name, String city, String region, Object country) {

		Venue toVenue() {
			return new Venue(this.name, this.city, this.region, (this.country != null) ? this.country.toString() : null);
		}

	}

	record CreateEventInput(String seriesId, String slug, String name, OffsetDateTime startsAt,
			OffsetDateTime endsAt, String timeZone, VenueInput venue, String hostSlug, List<Track> tracks) {
	}

	record UpdateEventInput(String id, Integer expectedVersion, String name, OffsetDateTime startsAt,
			OffsetDateTime endsAt, String timeZone, VenueInput venue, String hostSlug, List<Track> tracks) {
	}

	record EventPayload(Event event, List<UserError> errors) {
	}

}
