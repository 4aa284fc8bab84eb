package dev.marquee.calendar;

import dev.marquee.event.Event;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code Event.calendarUrl}: the path of the edition's feed, no read. */
@Controller
class CalendarController {

	@SchemaMapping
	String calendarUrl(Event event) {
		return CalendarFeeds.eventFeedPath(event.slug());
	}

}
