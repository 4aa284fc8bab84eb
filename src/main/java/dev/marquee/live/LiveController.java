package dev.marquee.live;

import java.time.Instant;

import dev.marquee.attendance.AttendanceSummary;
import dev.marquee.security.Viewer;
import reactor.core.publisher.Flux;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/** The subscriptions of graphql-schema/live.graphqls, over WebSocket and SSE alike. */
@Controller
class LiveController {

	private final LiveService live;

	LiveController(LiveService live) {
		this.live = live;
	}

	@SubscriptionMapping
	Flux<AttendanceSummary> attendanceChanged(@Argument String eventSlug, @ContextValue Viewer viewer,
			@ContextValue(LiveContext.CLIENT) String client,
			@ContextValue(name = LiveContext.TOKEN_EXPIRES, required = false) Instant tokenExpires) {
		return this.live.attendance(eventSlug, viewer, client, tokenExpires);
	}

	@SubscriptionMapping
	Flux<EventChange> eventChanged(@Argument String eventSlug, @ContextValue Viewer viewer,
			@ContextValue(LiveContext.CLIENT) String client,
			@ContextValue(name = LiveContext.TOKEN_EXPIRES, required = false) Instant tokenExpires) {
		return this.live.changes(eventSlug, viewer, client, tokenExpires);
	}

}
