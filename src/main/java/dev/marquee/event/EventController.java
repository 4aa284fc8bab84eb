package dev.marquee.event;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.marquee.company.Company;
import dev.marquee.event.EventCommands.CreateEventInput;
import dev.marquee.event.EventCommands.UpdateEventInput;
import dev.marquee.event.EventService.EventFilter;
import dev.marquee.graphql.Connection;
import dev.marquee.graphql.Outcome;
import dev.marquee.node.NodeLookup;
import dev.marquee.graphql.Page;
import dev.marquee.graphql.UserError;
import dev.marquee.security.Viewer;
import dev.marquee.security.Viewers;
import dev.marquee.series.EventSeries;
import dev.marquee.storage.KeysetPager;
import org.bson.types.ObjectId;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

@Controller
class EventController implements NodeLookup {

	private final EventService events;

	private final EventCommands commands;

	private final ReportedAttendanceCommands reported;

	EventController(EventService events, EventCommands commands, ReportedAttendanceCommands reported,
			BatchLoaderRegistry loaders) {
		this.events = events;
		this.commands = commands;
		this.reported = reported;
		loaders.forTypePair(ObjectId.class, Event.class)
			.registerMappedBatchLoader((ids, env) -> Mono.fromSupplier(() -> events.byIds(ids, Viewers.of(env))));
		loaders.<EditionsKey, Connection<Event>>forName("editions")
			.registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> editions(keys, Viewers.of(env))));
	}

	@QueryMapping
	Event event(@Argument String slug, @ContextValue Viewer viewer) {
		return this.events.bySlug(slug, viewer).orElse(null);
	}

	@QueryMapping
	Connection<Event> events(@Argument EventFilter filter, @Argument EventOrder orderBy, @Argument Integer first,
			@Argument String after, @ContextValue Viewer viewer) {
		return this.events.list(filter, (orderBy != null) ? orderBy : EventOrder.START_ASC, Page.of(first, after, 20),
				viewer);
	}

	@SchemaMapping
	OffsetDateTime startsAt(Event event) {
		return event.startsAt().atZone(ZoneId.of(event.timeZone())).toOffsetDateTime();
	}

	@SchemaMapping
	OffsetDateTime endsAt(Event event) {
		return event.endsAt().atZone(ZoneId.of(event.timeZone())).toOffsetDateTime();
	}

	@SchemaMapping
	CompletableFuture<EventSeries> series(Event event, DataLoader<ObjectId, EventSeries> loader) {
		return loader.load(event.seriesId());
	}

	@SchemaMapping
	CompletableFuture<Company> host(Event event, DataLoader<ObjectId, Company> loader) {
		return (event.hostId() != null) ? loader.load(event.hostId()) : CompletableFuture.completedFuture(null);
	}

	@SchemaMapping(typeName = "EventSeries")
	CompletableFuture<Connection<Event>> editions(EventSeries series, @Argument Integer first, @Argument String after,
			DataLoader<EditionsKey, Connection<Event>> editions) {
		return editions.load(new EditionsKey(series.id(), Page.of(first, after, 50)));
	}

	@BatchMapping(typeName = "Company")
	Map<Company, List<Event>> hostedEvents(List<Company> companies, @ContextValue Viewer viewer) {
		Map<ObjectId, List<Event>> byHost = this.events.hostedBy(companies.stream().map(Company::id).toList(), viewer);
		Map<Company, List<Event>> result = new HashMap<>();
		companies.forEach((c) -> result.put(c, byHost.getOrDefault(c.id(), List.of())));
		return result;
	}

	private Map<EditionsKey, Connection<Event>> editions(Set<EditionsKey> keys, Viewer viewer) {
		Set<ObjectId> seriesIds = new LinkedHashSet<>();
		keys.forEach((key) -> seriesIds.add(key.seriesId()));
		Map<ObjectId, List<Event>> bySeries = this.events.editionsOf(seriesIds, viewer);
		Map<EditionsKey, Connection<Event>> pages = new HashMap<>();
		for (EditionsKey key : keys) {
			pages.put(key, KeysetPager.slice(bySeries.get(key.seriesId()), EventOrder.START_ASC.ordering(), key.page()));
		}
		return pages;
	}

	@Override
	public String type() {
		return "Event";
	}

	@Override
	public Optional<Event> findNode(ObjectId id, Viewer viewer) {
		return Optional.ofNullable(this.events.byIds(List.of(id), viewer).get(id));
	}

	/** A series' editions page: the DataLoader key of {@code EventSeries.editions(first, after)}. */
	record EditionsKey(ObjectId seriesId, Page page) {
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
		return payload(this.reported.record(viewer, eventId, count, source));
	}

	private static EventPayload payload(Outcome<Event> outcome) {
		return new EventPayload(outcome.value(), outcome.errors());
	}

	record EventPayload(Event event, List<UserError> errors) {
	}

}
