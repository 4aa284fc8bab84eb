package dev.marquee.attendance;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.marquee.event.Event;
import dev.marquee.node.NodeLookup;
import dev.marquee.graphql.UserError;
import dev.marquee.program.Person;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;
import org.dataloader.DataLoader;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class RegistrationController implements NodeLookup {

	private final RegistrationService registrations;

	private final RegistrationCommands commands;

	RegistrationController(RegistrationService registrations, RegistrationCommands commands) {
		this.registrations = registrations;
		this.commands = commands;
	}

	@MutationMapping
	RegistrationPayload registerAttendee(@Argument RegistrationCommands.RegisterAttendeeInput input,
			@ContextValue Viewer viewer) {
		var outcome = this.commands.register(viewer, input);
		return new RegistrationPayload(outcome.value(), outcome.errors());
	}

	@MutationMapping
	RegistrationPayload checkIn(@Argument String registrationId, @ContextValue Viewer viewer) {
		var outcome = this.commands.checkIn(viewer, registrationId);
		return new RegistrationPayload(outcome.value(), outcome.errors());
	}

	@MutationMapping
	ErasePayload erasePerson(@Argument String id, @ContextValue Viewer viewer) {
		var outcome = this.commands.erasePerson(viewer, id);
		return new ErasePayload(outcome.isOk() ? outcome.value() : 0, outcome.errors());
	}

	@SchemaMapping
	CompletableFuture<Event> event(Registration registration, DataLoader<ObjectId, Event> loader) {
		return loader.load(registration.eventId());
	}

	@SchemaMapping
	CompletableFuture<Person> person(Registration registration, DataLoader<ObjectId, Person> loader) {
		return loader.load(registration.personId());
	}

	@Override
	public String type() {
		return "Registration";
	}

	@Override
	public Optional<Registration> findNode(ObjectId id, Viewer viewer) {
		return this.registrations.visible(id, viewer);
	}

	record RegistrationPayload(Registration registration, List<UserError> errors) {
	}

	record ErasePayload(int anonymizedRegistrations, List<UserError> errors) {
	}

}
