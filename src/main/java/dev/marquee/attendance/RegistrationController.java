package dev.marquee.attendance;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.marquee.event.Event;
import dev.marquee.graphql.NodeLookup;
import dev.marquee.graphql.UserError;
import dev.marquee.program.Person;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;
import org.dataloader.DataLoader;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class RegistrationController implements NodeLookup {

	private final RegistrationService registrations;

	RegistrationController(RegistrationService registrations) {
		this.registrations = registrations;
	}

	@MutationMapping
	RegistrationPayload registerAttendee(@Argument RegistrationService.RegisterAttendeeInput input,
			@ContextValue Viewer viewer) {
		var outcome = this.registrations.register(viewer, input);
		return new RegistrationPayload(outcome.value(), outcome.errors());
	}

	@MutationMapping
	RegistrationPayload checkIn(@Argument String registrationId, @ContextValue Viewer viewer) {
		var outcome = this.registrations.checkIn(viewer, registrationId);
		return new RegistrationPayload(outcome.value(), outcome.errors());
	}

	@SchemaMapping
	CompletableFuture<Event> event(Registration registration, DataLoader<ObjectId, Event> loader) {
		return loader.load(registration.eventId());
	}

	@SchemaMapping
	CompletableFuture<Person> person(Registration registration, DataLoader<ObjectId, Person> loader) {
		return loader.load(registration.personId());
	}

	/** Personal data: the email only for admins and organizers of a series the person registered for. */
	@BatchMapping(typeName = "Person")
	java.util.Map<Person, String> email(List<Person> people, @ContextValue Viewer viewer) {
		var visible = this.registrations.peopleVisibleTo(viewer,
				people.stream().filter((p) -> p.email() != null).map(Person::id).toList());
		java.util.Map<Person, String> emails = new java.util.HashMap<>();
		people.forEach((p) -> emails.put(p, visible.contains(p.id()) ? p.email() : null));
		return emails;
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

}
