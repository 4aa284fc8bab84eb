package dev.marquee.program;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.marquee.company.Company;
import dev.marquee.event.Event;
import dev.marquee.event.Track;
import dev.marquee.graphql.Connection;
import dev.marquee.graphql.Page;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.security.Viewers;
import org.bson.types.ObjectId;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

@Controller
class ProgramController {

	private final ProgramService program;

	private final ProgramPages pages;

	private final ProgramCommands commands;

	private final AccessPolicy policy;

	ProgramController(ProgramService program, ProgramPages pages, ProgramCommands commands, AccessPolicy policy,
			BatchLoaderRegistry loaders) {
		this.program = program;
		this.pages = pages;
		this.commands = commands;
		this.policy = policy;
		loaders.forTypePair(ObjectId.class, Person.class)
			.registerMappedBatchLoader((ids, env) -> Mono.fromSupplier(() -> program.peopleByIds(ids)));
		loaders.<ProgramPages.SessionsKey, Connection<Session>>forName("eventSessions")
			.registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> pages.sessions(keys, Viewers.of(env))));
	}

	@SchemaMapping(typeName = "Event")
	CompletableFuture<Connection<Session>> sessions(Event event, @Argument Integer first, @Argument String after,
			@Argument String trackName, DataLoader<ProgramPages.SessionsKey, Connection<Session>> eventSessions) {
		return eventSessions.load(new ProgramPages.SessionsKey(event, Page.of(first, after, 50), trackName));
	}

	@SchemaMapping
	CompletableFuture<Event> event(Session session, DataLoader<ObjectId, Event> loader) {
		return loader.load(session.eventId());
	}

	/** The session's track with its description, read off the (already batched) edition. */
	@SchemaMapping
	CompletableFuture<Track> track(Session session, DataLoader<ObjectId, Event> loader) {
		if (session.trackName() == null) {
			return CompletableFuture.completedFuture(null);
		}
		return loader.load(session.eventId())
			.thenApply((event) -> (event == null) ? new Track(session.trackName(), null)
					: event.tracks()
						.stream()
						.filter((t) -> t.name().equals(session.trackName()))
						.findFirst()
						.orElse(new Track(session.trackName(), null)));
	}

	@SchemaMapping
	CompletableFuture<List<Person>> speakers(Session session, DataLoader<ObjectId, Person> loader) {
		return loader.loadMany(session.speakerIds())
			.thenApply((people) -> people.stream().filter(java.util.Objects::nonNull).toList());
	}

	@SchemaMapping
	CompletableFuture<Company> company(Person person, DataLoader<ObjectId, Company> loader) {
		return (person.companyId() != null) ? loader.load(person.companyId())
				: CompletableFuture.completedFuture(null);
	}

	/**
	 * Personal data: the email only for admins and organizers of the series holding the person (its
	 * data came from that series); no read, the holding series is on the document.
	 */
	@SchemaMapping
	String email(Person person, @ContextValue Viewer viewer) {
		return this.policy.maySeePersonEmail(viewer, person.seriesId()) ? person.email() : null;
	}

	@BatchMapping(typeName = "Person")
	Map<Person, List<Session>> sessions(List<Person> people, @ContextValue Viewer viewer) {
		Set<ObjectId> ids = new LinkedHashSet<>();
		people.forEach((p) -> ids.add(p.id()));
		Map<ObjectId, List<Session>> bySpeaker = this.program.sessionsOfSpeakers(ids, viewer);
		Map<Person, List<Session>> result = new HashMap<>();
		people.forEach((p) -> result.put(p, bySpeaker.getOrDefault(p.id(), List.of())));
		return result;
	}

	@MutationMapping
	SessionPayload scheduleSession(@Argument ProgramCommands.ScheduleSessionInput input, @ContextValue Viewer viewer) {
		var outcome = this.commands.schedule(viewer, input);
		return new SessionPayload(outcome.value(), outcome.errors());
	}

	@MutationMapping
	PersonPayload createPerson(@Argument ProgramCommands.CreatePersonInput input, @ContextValue Viewer viewer) {
		var outcome = this.commands.createPerson(viewer, input);
		return new PersonPayload(outcome.value(), outcome.errors());
	}

	record SessionPayload(Session session, List<dev.marquee.graphql.UserError> errors) {
	}

	record PersonPayload(Person person, List<dev.marquee.graphql.UserError> errors) {
	}

}
