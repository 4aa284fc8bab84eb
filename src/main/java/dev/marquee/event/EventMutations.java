package dev.marquee.event;

import dev.marquee.event.EventInputs.CreateEventInput;
import dev.marquee.event.EventInputs.EventPayload;
import dev.marquee.event.EventInputs.UpdateEventInput;
import dev.marquee.graphql.Outcome;
import dev.marquee.security.Viewer;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

@Controller
class EventMutations {

	private final EventCommands commands;

	EventMutations(EventCommands commands) {
		this.commands = commands;
	}

	@MutationMapping
	EventPayload createEvent(@Argument CreateEventInput input, @ContextValue Viewer viewer) {
		return payload(this.commands.create(viewer, input));
	}

	@MutationMapping
	EventPayload updateEvent(@Argument UpdateEventInput input, @ContextValue Viewer viewer) {
		return payload(this.commands.update(viewer, input));
	}

	@MutationMapping
	EventPayload announceEvent(@Argument String id, @ContextValue Viewer viewer) {
		return payload(this.commands.transition(viewer, id, EventStatus.ANNOUNCED, null));
	}

	@MutationMapping
	EventPayload publishEvent(@Argument String id, @ContextValue Viewer viewer) {
		return payload(this.commands.transition(viewer, id, EventStatus.PUBLISHED, null));
	}

	@MutationMapping
	EventPayload completeEvent(@Argument String id, @ContextValue Viewer viewer) {
		return payload(this.commands.transition(viewer, id, EventStatus.COMPLETED, null));
	}

	@MutationMapping
	EventPayload cancelEvent(@Argument String id, @Argument String reason, @ContextValue Viewer viewer) {
		return payload(this.commands.transition(viewer, id, EventStatus.CANCELLED, reason));
	}

	@MutationMapping
	EventPayload recordReportedAttendance(@Argument String eventId, @Argument int count, @Argument String source,
			@ContextValue Viewer viewer) {
		return payload(this.commands.recordReported(viewer, eventId, count, source));
	}

	private static EventPayload payload(Outcome<Event> outcome) {
		return new EventPayload(outcome.value(), outcome.errors());
	}

}
