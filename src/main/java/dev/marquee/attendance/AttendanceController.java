package dev.marquee.attendance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.marquee.event.Attendance.SegmentCount;
import dev.marquee.attendance.AttendanceAnalytics.CompanyAttendance;
import dev.marquee.attendance.AttendanceAnalytics.CompanyAttendanceKey;
import dev.marquee.attendance.AttendanceAnalytics.EditionAudience;
import dev.marquee.attendance.AttendanceAnalytics.ReturningPoint;
import dev.marquee.attendance.RegistrationService.RegistrationsKey;
import dev.marquee.company.Company;
import dev.marquee.event.AudienceSegment;
import dev.marquee.event.Event;
import dev.marquee.event.EventService;
import dev.marquee.graphql.Connection;
import dev.marquee.graphql.ForbiddenException;
import dev.marquee.graphql.Page;
import dev.marquee.program.Person;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.security.Viewers;
import dev.marquee.series.EventSeries;
import org.bson.types.ObjectId;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

@Controller
class AttendanceController {

	private final EventService events;

	private final AttendanceAnalytics analytics;

	private final RegistrationService registrations;

	private final AccessPolicy policy;

	AttendanceController(EventService events, AttendanceAnalytics analytics, RegistrationService registrations,
			AccessPolicy policy, BatchLoaderRegistry loaders) {
		this.events = events;
		this.policy = policy;
		this.analytics = analytics;
		this.registrations = registrations;
		loaders.<CompanyAttendanceKey, List<CompanyAttendance>>forName("companyAttendance")
			.registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> analytics.companyAttendance(keys, Viewers.of(env))));
		loaders.<RegistrationsKey, Connection<Registration>>forName("eventRegistrations")
			.registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> registrations.pages(keys)));
	}

	/** Trends of a batch of series from one read of their editions' counters. */
	@BatchMapping(typeName = "EventSeries")
	Map<EventSeries, AttendanceTrend> attendanceTrend(List<EventSeries> series, @ContextValue Viewer viewer) {
		Map<ObjectId, List<Event>> editions = this.events.editionsOf(ids(series), viewer);
		Map<EventSeries, AttendanceTrend> trends = new HashMap<>();
		series.forEach((s) -> trends.put(s, AttendanceTrend.of(editions.getOrDefault(s.id(), List.of()))));
		return trends;
	}

	@BatchMapping(typeName = "EventSeries")
	Map<EventSeries, List<ReturningPoint>> returningAttendance(List<EventSeries> series, @ContextValue Viewer viewer) {
		Map<ObjectId, List<ReturningPoint>> bySeries = this.analytics.returning(ids(series), viewer);
		Map<EventSeries, List<ReturningPoint>> result = new HashMap<>();
		series.forEach((s) -> result.put(s, bySeries.getOrDefault(s.id(), List.of())));
		return result;
	}

	@BatchMapping(typeName = "EventSeries")
	Map<EventSeries, List<EditionAudience>> audienceMix(List<EventSeries> series, @ContextValue Viewer viewer) {
		Map<ObjectId, List<EditionAudience>> bySeries = this.analytics.audienceMix(ids(series), viewer);
		Map<EventSeries, List<EditionAudience>> result = new HashMap<>();
		series.forEach((s) -> result.put(s, bySeries.getOrDefault(s.id(), List.of())));
		return result;
	}

	/** Edition totals are public; segments under the privacy threshold only for organizers. */
	@SchemaMapping(typeName = "Event")
	AttendanceSummary attendance(Event event, @ContextValue Viewer viewer) {
		return this.analytics.summary(event, viewer);
	}

	@SchemaMapping(typeName = "Company")
	CompletableFuture<List<CompanyAttendance>> attendance(Company company, @Argument Boolean includeSubsidiaries,
			DataLoader<CompanyAttendanceKey, List<CompanyAttendance>> companyAttendance) {
		return companyAttendance.load(new CompanyAttendanceKey(company.id(), Boolean.TRUE.equals(includeSubsidiaries)));
	}

	/** Organizers of the series and admins only. */
	@SchemaMapping(typeName = "Event")
	CompletableFuture<Connection<Registration>> registrations(Event event, @Argument Integer first,
			@Argument String after, @Argument AudienceSegment segment, @Argument Boolean checkedIn,
			@ContextValue Viewer viewer, DataLoader<RegistrationsKey, Connection<Registration>> eventRegistrations) {
		if (!this.policy.maySeePersonalData(viewer, event.seriesId())) {
			throw new ForbiddenException("Registrations are visible to the organizers of the series only.");
		}
		return eventRegistrations.load(new RegistrationsKey(event.id(), Page.of(first, after, 20), segment, checkedIn));
	}

	@BatchMapping(typeName = "Person")
	Map<Person, List<Registration>> registrations(List<Person> people, @ContextValue Viewer viewer) {
		Map<ObjectId, List<Registration>> byPerson = this.registrations.history(people.stream().map(Person::id).toList(),
				viewer);
		Map<Person, List<Registration>> result = new HashMap<>();
		people.forEach((p) -> result.put(p, byPerson.getOrDefault(p.id(), List.of())));
		return result;
	}

	private static List<ObjectId> ids(List<EventSeries> series) {
		return series.stream().map(EventSeries::id).toList();
	}

}
