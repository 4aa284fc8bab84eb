package dev.marquee.event;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.marquee.graphql.GlobalId;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The event mutations as an organizer of the series: input validation with the field at fault, what
 * follows from the dates in the event's own zone, optimistic versioning and the lifecycle.
 */
class EventMutationsIT extends IntegrationTest {

	private EventSeries expo;

	private HttpGraphQlTester organizer;

	@BeforeEach
	void anOrganizerOfExpo() {
		this.expo = this.fixtures.series("expo", "Expo");
		this.organizer = graphQlAs(this.fixtures.token(this.fixtures.organizer("olga", this.expo)));
	}

	@ParameterizedTest(name = "{0} = ''{1}'' is refused")
	@CsvSource(delimiter = '|', textBlock = """
			slug     | Expo_2028
			slug     | expo--2028
			slug     | -expo
			slug     | expo-
			slug     | ''
			slug     | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
			name     | ''
			name     | '   '
			timeZone | Mars/Olympus_Mons
			timeZone | PST
			endsAt   | 2028-06-01T09:00:00-07:00
			endsAt   | 2028-06-01T08:00:00-07:00
			""")
	void createEventRefusesInvalidInputNamingTheField(String field, String value) {
		GraphQlTester.Response response = createEvent(Map.of(field, value));

		response.path("createEvent.event").valueIsNull();
		response.path("createEvent.errors[*].code").entityList(String.class).containsExactly("INVALID_INPUT");
		response.path("createEvent.errors[0].field").entityList(String.class).containsExactly("input", field);
		assertThat(this.mongo.getCollection("events").countDocuments()).isZero();
	}

	@Test
	void aSlugOfSixtyFourCharactersAndANameOfTwoHundredAreAccepted() {
		createEvent(Map.of("slug", "a".repeat(64), "name", "n".repeat(200))).path("createEvent.errors")
			.entityList(Object.class)
			.hasSize(0);
		createEvent(Map.of("slug", "b", "name", "n".repeat(201))).path("createEvent.errors[0].field")
			.entityList(String.class)
			.containsExactly("input", "name");
	}

	@Test
	void unknownSeriesAndHostAreNotFoundAtTheirField() {
		createEvent(Map.of("seriesId", GlobalId.encode("EventSeries", new org.bson.types.ObjectId())))
			.path("createEvent.errors[0]")
			.entity(Map.class)
			.satisfies((error) -> assertThat(error).containsEntry("code", "NOT_FOUND")
				.containsEntry("field", List.of("input", "seriesId")));
		createEvent(Map.of("hostSlug", "no-such-company")).path("createEvent.errors[0]")
			.entity(Map.class)
			.satisfies((error) -> assertThat(error).containsEntry("code", "NOT_FOUND")
				.containsEntry("field", List.of("input", "hostSlug")));
	}

	@Test
	void trackNamesAreUniqueWithinAnEvent() {
		createEvent(Map.of("tracks", List.of(Map.of("name", "Main"), Map.of("name", "Workshops"),
				Map.of("name", "main")))).path("createEvent.errors[0]")
			.entity(Map.class)
			.satisfies((error) -> assertThat(error).containsEntry("code", "DUPLICATE")
				.containsEntry("field", List.of("input", "tracks", "2", "name")));
	}

	@Test
	void aDuplicateEventSlugIsDuplicate() {
		createEvent(Map.of()).path("createEvent.errors").entityList(Object.class).hasSize(0);
		createEvent(Map.of()).path("createEvent.errors[0].code").entity(String.class).isEqualTo("DUPLICATE");
	}

	/**
	 * The edition's dates are read in its own zone (EventScheduleTest has the rules case by case): in UTC
	 * this one would be a two-day edition of 2026.
	 */
	@Test
	void yearDaysAndFormatFollowFromTheDatesInTheEventsZone() {
		GraphQlTester.Response response = createEvent(Map.of("startsAt", "2027-01-01T10:00:00+13:00", "endsAt",
				"2027-01-01T19:00:00+13:00", "timeZone", "Pacific/Auckland"));

		response.path("createEvent.event.year").entity(Integer.class).isEqualTo(2027);
		response.path("createEvent.event.days").entity(Integer.class).isEqualTo(1);
		response.path("createEvent.event.format").entity(String.class).isEqualTo("ONE_DAY");
		response.path("createEvent.event.status").entity(String.class).isEqualTo("DRAFT");
	}

	@Test
	void updatingTheDatesDerivesYearDaysAndFormatAgain() {
		Event event = this.fixtures.event(this.expo, "expo-2028").startsAt("2028-06-01T09:00:00-07:00").create();

		GraphQlTester.Response response = updateEvent(event, 1,
				Map.of("startsAt", "2028-12-31T23:00:00-08:00", "endsAt", "2029-01-01T01:00:00-08:00"));

		response.path("updateEvent.event.version").entity(Integer.class).isEqualTo(2);
		response.path("updateEvent.event.year").entity(Integer.class).isEqualTo(2028);
		response.path("updateEvent.event.days").entity(Integer.class).isEqualTo(2);
		response.path("updateEvent.event.format").entity(String.class).isEqualTo("MULTI_DAY");
	}

	@Test
	void updateWithAStaleExpectedVersionIsVersionMismatchAndChangesNothing() {
		Event event = this.fixtures.event(this.expo, "expo-2028").create();
		updateEvent(event, 1, Map.of("name", "First change")).path("updateEvent.event.version")
			.entity(Integer.class)
			.isEqualTo(2);
		Document before = this.mongo.getCollection("events").find(new Document("_id", event.id())).first();

		GraphQlTester.Response response = updateEvent(event, 1, Map.of("name", "Lost change"));

		response.path("updateEvent.event").valueIsNull();
		response.path("updateEvent.errors[0].code").entity(String.class).isEqualTo("VERSION_MISMATCH");
		response.path("updateEvent.errors[0].field").entityList(String.class).containsExactly("input",
				"expectedVersion");
		assertThat(this.mongo.getCollection("events").find(new Document("_id", event.id())).first()).isEqualTo(before);
	}

	@Test
	void aSessionMustLieInsideItsEventAndOnOneOfItsTracks() {
		Event event = this.fixtures.event(this.expo, "expo-2028").startsAt("2028-06-01T09:00:00-07:00").tracks("Main")
			.create();
		String id = GlobalId.encode("Event", event.id());

		schedule(Map.of("eventId", id, "startsAt", "2028-06-01T08:00:00-07:00", "endsAt", "2028-06-01T09:30:00-07:00"))
			.path("scheduleSession.errors[0]")
			.entity(Map.class)
			.satisfies((error) -> assertThat(error).containsEntry("code", "INVALID_INPUT")
				.containsEntry("field", List.of("input", "startsAt")));
		schedule(Map.of("eventId", id, "startsAt", "2028-06-01T16:30:00-07:00", "endsAt", "2028-06-01T17:30:00-07:00"))
			.path("scheduleSession.errors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_INPUT");
		schedule(Map.of("eventId", id, "trackName", "Backstage")).path("scheduleSession.errors[0]")
			.entity(Map.class)
			.satisfies((error) -> assertThat(error).containsEntry("code", "NOT_FOUND")
				.containsEntry("field", List.of("input", "trackName")));
		schedule(Map.of("eventId", id, "speakerIds", List.of(GlobalId.encode("Person", new org.bson.types.ObjectId()))))
			.path("scheduleSession.errors[0]")
			.entity(Map.class)
			.satisfies((error) -> assertThat(error).containsEntry("code", "NOT_FOUND")
				.containsEntry("field", List.of("input", "speakerIds", "0")));
		assertThat(this.mongo.getCollection("sessions").countDocuments()).isZero();

		schedule(Map.of("eventId", id, "trackName", "main", "startsAt", "2028-06-01T09:00:00-07:00", "endsAt",
				"2028-06-01T17:00:00-07:00"))
			.path("scheduleSession.session.track.name")
			.entity(String.class)
			.isEqualTo("Main");
	}

	@Test
	void anEditionGoesFromDraftThroughAnnouncedAndPublishedToCompleted() {
		Event event = this.fixtures.event(this.expo, "expo-2025").startsAt("2025-06-01T09:00:00-07:00").draft().create();

		transition("announceEvent", event).path("announceEvent.event.status").entity(String.class).isEqualTo("ANNOUNCED");
		transition("publishEvent", event).path("publishEvent.event.status").entity(String.class).isEqualTo("PUBLISHED");
		GraphQlTester.Response completed = transition("completeEvent", event);
		completed.path("completeEvent.event.status").entity(String.class).isEqualTo("COMPLETED");
		completed.path("completeEvent.event.version").entity(Integer.class).isEqualTo(4);
	}

	@ParameterizedTest(name = "{1} of a {0} event is CONFLICT")
	@CsvSource(delimiter = '|', textBlock = """
			DRAFT     | completeEvent
			ANNOUNCED | announceEvent
			PUBLISHED | announceEvent
			PUBLISHED | publishEvent
			COMPLETED | publishEvent
			COMPLETED | cancelEvent
			CANCELLED | publishEvent
			CANCELLED | cancelEvent
			""")
	void invalidTransitionsAreConflictsAndChangeNothing(EventStatus status, String mutation) {
		Event event = this.fixtures.event(this.expo, "expo-2025").startsAt("2025-06-01T09:00:00-07:00").status(status)
			.create();

		GraphQlTester.Response response = transition(mutation, event);

		response.path(mutation + ".event").valueIsNull();
		response.path(mutation + ".errors[0].code").entity(String.class).isEqualTo("CONFLICT");
		state("expo-2025").path("event.status").entity(String.class).isEqualTo(status.name());
		state("expo-2025").path("event.version").entity(Integer.class).isEqualTo(1);
	}

	@Test
	void anEditionThatHasNotStartedCannotComplete() {
		Event event = this.fixtures.event(this.expo, "expo-2099").startsAt("2099-06-01T09:00:00-07:00").create();

		transition("completeEvent", event).path("completeEvent.errors[0].code").entity(String.class).isEqualTo("CONFLICT");
	}

	@Test
	void cancellingKeepsTheReason() {
		Event event = this.fixtures.event(this.expo, "expo-2028").create();

		this.organizer.documentName("cancelEvent")
			.variable("id", GlobalId.encode("Event", event.id()))
			.variable("reason", "The venue flooded")
			.execute()
			.path("cancelEvent.event.status")
			.entity(String.class)
			.isEqualTo("CANCELLED");

		state("expo-2028").path("event.cancelReason").entity(String.class).isEqualTo("The venue flooded");
		state("expo-2028").path("event.status").entity(String.class).isEqualTo("CANCELLED");
	}

	@Test
	void publishingADraftShowsItsSponsorshipsAndSessionsAndMovingItsDateMovesTheirYear() {
		Event draft = this.fixtures.event(this.expo, "expo-2028").startsAt("2028-06-01T09:00:00-07:00").draft().create();
		this.fixtures.sponsor(draft, this.fixtures.company("acme", "Acme"), dev.marquee.sponsorship.SponsorTier.GOLD);
		this.fixtures.session(draft, "Opening keynote").create();

		transition("publishEvent", draft).path("publishEvent.event.status").entity(String.class).isEqualTo("PUBLISHED");
		updateEvent(draft, 2, Map.of("startsAt", "2029-06-01T09:00:00-07:00", "endsAt", "2029-06-01T17:00:00-07:00"))
			.path("updateEvent.event.year")
			.entity(Integer.class)
			.isEqualTo(2029);

		GraphQlTester.Response anonymous = this.graphQl.documentName("eventParts")
			.variable("slug", "expo-2028")
			.variable("series", "expo")
			.execute();
		anonymous.path("event.sponsorships[*].company.slug").entityList(String.class).containsExactly("acme");
		anonymous.path("event.sessions.nodes[*].title").entityList(String.class).containsExactly("Opening keynote");
		anonymous.path("series.sponsorRetention[0].years").entityList(Integer.class).containsExactly(2029);
	}

	private GraphQlTester.Response createEvent(Map<String, Object> overrides) {
		Map<String, Object> input = new HashMap<>(Map.of("seriesId", GlobalId.encode("EventSeries", this.expo.id()),
				"slug", "expo-2028", "name", "Expo 2028", "startsAt", "2028-06-01T09:00:00-07:00", "endsAt",
				"2028-06-01T17:00:00-07:00", "timeZone", "America/Los_Angeles"));
		input.putAll(overrides);
		return this.organizer.documentName("createEvent").variable("input", input).execute();
	}

	private GraphQlTester.Response updateEvent(Event event, int expectedVersion, Map<String, Object> changes) {
		Map<String, Object> input = new HashMap<>(changes);
		input.put("id", GlobalId.encode("Event", event.id()));
		input.put("expectedVersion", expectedVersion);
		return this.organizer.documentName("updateEvent").variable("input", input).execute();
	}

	private GraphQlTester.Response schedule(Map<String, Object> fields) {
		Map<String, Object> input = new HashMap<>(Map.of("title", "A talk", "kind", "TALK"));
		input.putAll(fields);
		return this.organizer.documentName("scheduleSession").variable("input", input).execute();
	}

	private GraphQlTester.Response transition(String mutation, Event event) {
		GraphQlTester.Request<?> request = this.organizer.documentName(mutation)
			.variable("id", GlobalId.encode("Event", event.id()));
		if (mutation.equals("cancelEvent")) {
			request.variable("reason", "Changed plans");
		}
		return request.execute();
	}

	private GraphQlTester.Response state(String slug) {
		return this.organizer.documentName("eventState").variable("slug", slug).execute();
	}

}
