package dev.marquee.attendance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.marquee.event.Event;
import dev.marquee.event.EventService;
import dev.marquee.security.Viewer;
import dev.marquee.series.EventSeries;
import org.bson.types.ObjectId;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.stereotype.Controller;

@Controller
class AttendanceController {

	private final EventService events;

	AttendanceController(EventService events) {
		this.events = events;
	}

	/** Trends of a batch of series from one read of their public editions' counters. */
	@BatchMapping(typeName = "EventSeries")
	Map<EventSeries, AttendanceTrend> attendanceTrend(List<EventSeries> series, @ContextValue Viewer viewer) {
		Map<ObjectId, List<Event>> editions = this.events.editionsOf(series.stream().map(EventSeries::id).toList(), viewer);
		Map<EventSeries, AttendanceTrend> trends = new HashMap<>();
		series.forEach((s) -> trends.put(s, AttendanceTrend.of(editions.getOrDefault(s.id(), List.of()))));
		return trends;
	}

}
