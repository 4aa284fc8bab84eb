package dev.marquee.event;

import java.time.OffsetDateTime;
import java.util.List;

/** The {@code EventFilter} input; every field optional, all given ones must hold. */
public record EventFilter(String seriesSlug, Integer year, OffsetDateTime startsAfter, OffsetDateTime startsBefore,
		String city, Object country, List<EventStatus> status, String sponsorSlug, Boolean includeSponsorGroup,
		String trackName) {

	static final EventFilter NONE = new EventFilter(null, null, null, null, null, null, null, null, false, null);

}
