package dev.marquee.attendance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.marquee.account.Account;
import dev.marquee.account.AccountCommands;
import dev.marquee.event.AudienceSegment;
import dev.marquee.security.Role;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registrations in the graph: {@code Event.registrations} for organizers (filters, pages, the batched
 * path), and a person's history and email limited to the series the caller organizes.
 */
class RegistrationsGraphIT extends IntegrationTest {

	record Node(String segment, String checkedInAt, Map<String, String> person) {
	}

	record Edge(String cursor, Node node) {
	}

	record PageInfo(boolean hasNextPage, String endCursor) {
	}

	record Page(List<Edge> edges, PageInfo pageInfo, int totalCount) {

		List<String> names() {
			return this.edges.stream().map((e) -> e.node().person().get("name")).toList();
		}

	}

	@Autowired
	AccountCommands accounts;

	EventSeries expo;

	EventSeries other;

	Event expo2025;

	Event expo2026;

	Event other2026;

	String organizer;

	String stranger;

	String admin;

	/** Names registered for each edition, in registration order, with segment and check-in. */
	final Map<String, List<Object[]>> registered = new HashMap<>();

	@BeforeEach
	void twoSeriesTheirOrganizersAndAnAdmin() {
		this.expo = this.fixtures.series("expo", "Expo");
		this.other = this.fixtures.series("other", "Other");
		this.expo2025 = this.fixtures.event(this.expo, "expo-2025").startsAt("2025-06-01T09:00:00-07:00").create();
		this.expo2026 = this.fixtures.event(this.expo, "expo-2026").create();
		this.other2026 = this.fixtures.event(this.other, "other-2026").startsAt("2026-09-01T09:00:00-07:00").create();
		Account organizer = this.fixtures.organizer("expo-organizer");
		this.accounts.grant(organizer.id(), this.expo.id());
		Account stranger = this.fixtures.organizer("other-organizer");
		this.accounts.grant(stranger.id(), this.other.id());
		this.organizer = this.fixtures.token(organizer);
		this.stranger = this.fixtures.token(stranger);
		this.admin = this.fixtures.token(this.fixtures.admin("root"));
	}

	// ---- Event.registrations -----------------------------------------------------------------------

	@Test
	void registrationsAreForTheOrganizersOfTheSeriesAndAdminsOnly() {
		register(this.expo2026, 3);

		for (HttpGraphQlTester caller : List.of(this.graphQl, as(this.stranger))) {
			GraphQlTester.Response response = caller.documentName("eventRegistrations")
				.variable("slug", "expo-2026")
				.execute();
			assertOnlyError(response, "FORBIDDEN", "organizers");
			response.path("event.registrations").valueIsNull();
		}
		for (String token : List.of(this.organizer, this.admin)) {
			assertThat(page(as(token), "expo-2026", 20, null, null, null).names()).containsExactly("expo-2026 #0",
					"expo-2026 #1", "expo-2026 #2");
		}
	}

	static Stream<Arguments> filters() {
		return Stream.of(Arguments.of(null, null), Arguments.of("PRODUCER", null), Arguments.of(null, true),
				Arguments.of(null, false), Arguments.of("PRESS", true), Arguments.of("STUDENT", false));
	}

	@ParameterizedTest
	@MethodSource("filters")
	void registrationsFilterAndPageInTheOrderTheyCameIn(String segment, Boolean checkedIn) {
		register(this.expo2026, 11);
		List<String> expected = expected("expo-2026", segment, checkedIn);

		List<String> walked = new ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			Page page = page(as(this.organizer), "expo-2026", 2, after, segment, checkedIn);
			assertThat(page.totalCount()).isEqualTo(expected.size());
			walked.addAll(page.names());
			after = page.pageInfo().endCursor();
			pages++;
			if (!page.pageInfo().hasNextPage()) {
				break;
			}
		}
		while (pages < 20);

		assertThat(walked).isEqualTo(expected);
	}

	@ParameterizedTest
	@MethodSource("filters")
	void batchOfEditionsGivesTheSamePagesAsOneAtATime(String segment, Boolean checkedIn) {
		register(this.expo2025, 7);
		register(this.expo2026, 11);
		Event expo2027 = this.fixtures.event(this.expo, "expo-2027").startsAt("2027-06-01T09:00:00-07:00").create();
		register(expo2027, 4);
		List<String> slugs = List.of("expo-2025", "expo-2026", "expo-2027");

		Map<String, List<Page>> alone = new HashMap<>();
		for (String slug : slugs) {
			List<Page> pages = new ArrayList<>();
			String after = null;
			while (pages.size() < 20) {
				Page page = page(as(this.organizer), slug, 3, after, segment, checkedIn);
				pages.add(page);
				after = page.pageInfo().endCursor();
				if (!page.pageInfo().hasNextPage()) {
					break;
				}
			}
			alone.put(slug, pages);
		}

		Map<String, List<Page>> together = Map.of("a", new ArrayList<>(), "b", new ArrayList<>(), "c",
				new ArrayList<>());
		Map<String, String> cursors = new HashMap<>();
		Map<String, Boolean> more = new HashMap<>(Map.of("a", true, "b", true, "c", true));
		for (int round = 0; round < 20 && more.containsValue(true); round++) {
			this.mongoCommands.reset();
			GraphQlTester.Response response = as(this.organizer).documentName("threeEventsRegistrations")
				.variable("a", slugs.get(0))
				.variable("b", slugs.get(1))
				.variable("c", slugs.get(2))
				.variable("first", 3)
				.variable("afterA", cursors.get("a"))
				.variable("afterB", cursors.get("b"))
				.variable("afterC", cursors.get("c"))
				.variable("segment", segment)
				.variable("checkedIn", checkedIn)
				.execute();
			response.errors().verify();
			assertThat(this.mongoCommands.byName())
				.as("the $facet path: one aggregation for the three pages, one count per edition")
				.containsEntry("aggregate", 4);
			for (String alias : List.of("a", "b", "c")) {
				if (!more.get(alias)) {
					continue;
				}
				Page page = response.path(alias + ".registrations").entity(Page.class).get();
				together.get(alias).add(page);
				cursors.put(alias, page.pageInfo().endCursor());
				more.put(alias, page.pageInfo().hasNextPage());
			}
		}

		assertThat(together.get("a")).isEqualTo(alone.get("expo-2025"));
		assertThat(together.get("b")).isEqualTo(alone.get("expo-2026"));
		assertThat(together.get("c")).isEqualTo(alone.get("expo-2027"));
		assertThat(alone.get("expo-2026").stream().flatMap((p) -> p.names().stream()).toList())
			.isEqualTo(expected("expo-2026", segment, checkedIn));
	}

	@Test
	void registrationsOfOneInstantPageByIdWithoutLossOrRepeatOnBothPaths() {
		// an import registers its whole file at one instant
		Instant at = Instant.parse("2026-05-01T12:00:00Z");
		Map<String, List<String>> expected = new HashMap<>();
		for (Event event : List.of(this.expo2025, this.expo2026)) {
			List<Registration> batch = new ArrayList<>();
			for (int i = 0; i < 7; i++) {
				Person person = this.fixtures.person(event.slug() + " same " + i, null, null);
				batch.add(new Registration(new org.bson.types.ObjectId(), event.id(), event.seriesId(), event.year(),
						event.startsAt(), person.id(), null, AudienceSegment.OTHER, at, null));
				expected.computeIfAbsent(event.slug(), (s) -> new ArrayList<>()).add(person.name());
			}
			this.mongo.insert(batch, Registration.class);
		}

		for (String slug : List.of("expo-2025", "expo-2026")) {
			List<String> walked = new ArrayList<>();
			String after = null;
			for (int pages = 0; pages < 10; pages++) {
				Page page = page(as(this.organizer), slug, 2, after, null, null);
				walked.addAll(page.names());
				after = page.pageInfo().endCursor();
				if (!page.pageInfo().hasNextPage()) {
					break;
				}
			}
			assertThat(walked).as(slug + " alone").isEqualTo(expected.get(slug));
		}
		Map<String, List<String>> together = Map.of("a", new ArrayList<>(), "b", new ArrayList<>());
		Map<String, String> cursors = new HashMap<>();
		for (int round = 0; round < 4; round++) {
			GraphQlTester.Response response = as(this.organizer).documentName("threeEventsRegistrations")
				.variable("a", "expo-2025")
				.variable("b", "expo-2026")
				.variable("c", "other-2026")
				.variable("first", 2)
				.variable("afterA", cursors.get("a"))
				.variable("afterB", cursors.get("b"))
				.execute();
			// other-2026 is not theirs: its page is refused, the others are served
			assertOnlyError(response, "FORBIDDEN", "organizers");
			for (String alias : List.of("a", "b")) {
				Page page = response.path(alias + ".registrations").entity(Page.class).get();
				together.get(alias).addAll(page.names());
				cursors.put(alias, page.pageInfo().endCursor());
			}
		}
		assertThat(together.get("a")).as("expo-2025 in the batch").isEqualTo(expected.get("expo-2025"));
		assertThat(together.get("b")).as("expo-2026 in the batch").isEqualTo(expected.get("expo-2026"));
	}

	// ---- Person.registrations and Person.email -----------------------------------------------------

	@Test
	void historyIsLimitedToTheSeriesTheCallerOrganizesAndTheEmailToTheSeriesHoldingThePerson() {
		// Ann's data came from expo; she is also registered for other-2026 (as an admin could register her)
		Person ann = this.fixtures.attendee(this.expo, "Ann", null, "ann@example.com");
		this.fixtures.registration(this.expo2025, ann, AudienceSegment.PRODUCER, Instant.parse("2025-06-01T16:30:00Z"));
		this.fixtures.registration(this.expo2026, ann, AudienceSegment.EXECUTIVE, null);
		this.fixtures.registration(this.other2026, ann, AudienceSegment.PRESS, null);
		EventSeries third = this.fixtures.series("third", "Third");
		Account thirdOrganizer = this.fixtures.organizer("third-organizer");
		this.accounts.grant(thirdOrganizer.id(), third.id());
		String id = GlobalId.encode("Person", ann.id());

		GraphQlTester.Response byAdmin = history(as(this.admin), id);
		byAdmin.path("node.registrations[*].event.slug").entityList(String.class)
			.containsExactly("other-2026", "expo-2026", "expo-2025");
		byAdmin.path("node.email").entity(String.class).isEqualTo("ann@example.com");

		GraphQlTester.Response byOrganizer = history(as(this.organizer), id);
		byOrganizer.path("node.registrations[*].event.slug").entityList(String.class)
			.containsExactly("expo-2026", "expo-2025");
		byOrganizer.path("node.registrations[*].segment").entityList(String.class)
			.containsExactly("EXECUTIVE", "PRODUCER");
		byOrganizer.path("node.registrations[1].checkedInAt").entity(String.class)
			.satisfies((at) -> assertThat(Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(at)))
				.isEqualTo(Instant.parse("2025-06-01T16:30:00Z")));
		byOrganizer.path("node.email").entity(String.class).isEqualTo("ann@example.com");

		GraphQlTester.Response byStranger = history(as(this.stranger), id);
		byStranger.path("node.name").entity(String.class).isEqualTo("Ann");
		byStranger.path("node.registrations[*].event.slug").entityList(String.class).containsExactly("other-2026");
		byStranger.path("node.email").valueIsNull();

		history(as(this.fixtures.token(thirdOrganizer)), id).path("node").valueIsNull();
		history(this.graphQl, id).path("node").valueIsNull();
	}

	@Test
	void emailOfSomeoneNeverRegisteredIsForAdminsOnly() {
		Person bob = this.fixtures.person("Bob", null, "bob@example.com");
		String id = GlobalId.encode("Person", bob.id());

		history(as(this.admin), id).path("node.email").entity(String.class).isEqualTo("bob@example.com");
		history(as(this.organizer), id).path("node.email").valueIsNull();
		history(this.graphQl, id).path("node.email").valueIsNull();
	}

	// ---- helpers -----------------------------------------------------------------------------------

	private HttpGraphQlTester as(String token) {
		return this.graphQl.mutate().header("Authorization", "Bearer " + token).build();
	}

	/** {@code count} people registered for the edition in order, segments and check-ins varied. */
	private void register(Event event, int count) {
		AudienceSegment[] segments = { AudienceSegment.PRODUCER, AudienceSegment.PRESS, AudienceSegment.STUDENT };
		List<Object[]> rows = this.registered.computeIfAbsent(event.slug(), (s) -> new ArrayList<>());
		for (int i = 0; i < count; i++) {
			String name = event.slug() + " #" + i;
			AudienceSegment segment = segments[(i * 7 + event.year()) % 3];
			boolean in = (i + event.year()) % 2 == 0 || i % 5 == 0;
			this.fixtures.registration(event, this.fixtures.person(name, null, name.replace(" #", "-") + "@example.com"),
					segment, in ? Instant.parse("2026-06-01T17:00:00Z").plusSeconds(i) : null);
			rows.add(new Object[] { name, segment.name(), in });
		}
	}

	private List<String> expected(String slug, String segment, Boolean checkedIn) {
		return this.registered.get(slug)
			.stream()
			.filter((row) -> segment == null || segment.equals(row[1]))
			.filter((row) -> checkedIn == null || checkedIn.equals(row[2]))
			.map((row) -> (String) row[0])
			.toList();
	}

	private Page page(HttpGraphQlTester caller, String slug, int first, String after, String segment,
			Boolean checkedIn) {
		GraphQlTester.Response response = caller.documentName("eventRegistrations")
			.variable("slug", slug)
			.variable("first", first)
			.variable("after", after)
			.variable("segment", segment)
			.variable("checkedIn", checkedIn)
			.execute();
		response.errors().verify();
		return response.path("event.registrations").entity(Page.class).get();
	}

	private GraphQlTester.Response history(HttpGraphQlTester caller, String personId) {
		GraphQlTester.Response response = caller.documentName("personHistory").variable("id", personId).execute();
		response.errors().verify();
		return response;
	}

}
