package dev.marquee.graphql;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.marquee.event.Event;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strings and lists passed in, literally or through variables, have bounds: above them a query is a
 * BAD_REQUEST error naming the argument, answered before anything runs; a mutation answers INVALID_INPUT
 * in its payload and writes nothing.
 */
class InputLimitsIT extends IntegrationTest {

	private static final String COMPANIES = "query($f: CompanyFilter) { companies(filter: $f) { totalCount } }";

	@Test
	void nameContainsOf64KilobytesIsRefusedBeforeExecutionLiterallyAndThroughVariables() {
		String text = "ab".repeat(32_768);
		String message = "`filter.nameContains` is at most 200 characters, was 65536.";

		assertRefusedUnexecuted(this.graphQl.document("{ companies(filter: {nameContains: \"" + text + "\"}) { totalCount } }"),
				"filter.nameContains", message);
		assertRefusedUnexecuted(this.graphQl.document(COMPANIES).variable("f", Map.of("nameContains", text)),
				"filter.nameContains", message);
	}

	@Test
	void nameContainsOf200CharactersIsServed() {
		this.fixtures.company("acme", "Acme");
		this.graphQl.document(COMPANIES).variable("f", Map.of("nameContains", "a".repeat(200))).execute()
			.path("companies.totalCount").entity(Integer.class).isEqualTo(0);
	}

	@Test
	void searchTextAbove200CharactersIsRefusedBeforeExecution() {
		assertRefusedUnexecuted(this.graphQl.document("query($t: String!) { search(text: $t) { __typename } }")
			.variable("t", "x".repeat(201)), "text", "`text` is at most 200 characters, was 201.");
	}

	@Test
	void aStringWithoutItsOwnBoundIsRefusedAboveTheDefaultOf1000Characters() {
		assertRefusedUnexecuted(this.graphQl.document("query($s: String!) { company(slug: $s) { slug } }")
			.variable("s", "c".repeat(1001)), "slug", "`slug` is at most 1000 characters, was 1001.");
	}

	@Test
	void aListAboveItsBoundIsRefusedBeforeExecution() {
		assertRefusedUnexecuted(this.graphQl.document("query($f: EventFilter) { events(filter: $f) { totalCount } }")
			.variable("f", Map.of("status", Collections.nCopies(6, "PUBLISHED"))), "filter.status",
				"`filter.status` takes at most 5 items, was 6.");
		assertRefusedUnexecuted(this.graphQl.document("{ events { nodes { sponsorships(tiers: [GOLD, GOLD, GOLD, GOLD, "
				+ "GOLD, GOLD, GOLD, GOLD, GOLD, GOLD, GOLD]) { tier } } } }"), "tiers",
				"`tiers` takes at most 10 items, was 11.");
	}

	@Test
	void anOverlongMutationInputIsInvalidInputInThePayloadAndChangesNothing() {
		EventSeries series = this.fixtures.series("expo", "Expo");
		Event event = this.fixtures.event(series, "expo-2030").create();
		GraphQlTester organizer = graphQlAs(this.fixtures.token(this.fixtures.organizer("org", series)));

		GraphQlTester.Response response = organizer.documentName("updateEvent")
			.variable("input", Map.of("id", GlobalId.encode("Event", event.id()), "expectedVersion", 1, "name", "Renamed",
					"hostSlug", "h".repeat(1001)))
			.execute();

		response.path("updateEvent.event").valueIsNull();
		response.path("updateEvent.errors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
		response.path("updateEvent.errors[0].field").entity(List.class).isEqualTo(List.of("input", "hostSlug"));
		response.path("updateEvent.errors[0].message").entity(String.class)
			.isEqualTo("`input.hostSlug` is at most 1000 characters, was 1001.");
		GraphQlTester.Response state = this.graphQl.documentName("eventState").variable("slug", "expo-2030").execute();
		state.path("event.name").entity(String.class).isNotEqualTo("Renamed");
		state.path("event.version").entity(Integer.class).isEqualTo(1);
	}

	@Test
	void tooManySpeakersAreInvalidInputInThePayload() {
		EventSeries series = this.fixtures.series("expo", "Expo");
		Event event = this.fixtures.event(series, "expo-2030").create();
		GraphQlTester organizer = graphQlAs(this.fixtures.token(this.fixtures.organizer("org", series)));

		GraphQlTester.Response response = organizer.documentName("scheduleSession")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", event.id()), "title", "Keynote", "kind",
					"KEYNOTE", "speakerIds", Collections.nCopies(21, GlobalId.encode("Person", event.id()))))
			.execute();
		response.path("scheduleSession.session").valueIsNull();
		response.path("scheduleSession.errors[0].field").entity(List.class).isEqualTo(List.of("input", "speakerIds"));
		response.path("scheduleSession.errors[0].message").entity(String.class)
			.isEqualTo("`input.speakerIds` takes at most 20 items, was 21.");
	}

	private void assertRefusedUnexecuted(GraphQlTester.Request<?> request, String argument, String message) {
		this.mongoCommands.reset();
		GraphQlTester.Response response = request.execute();
		assertThat(this.mongoCommands.byName()).as("MongoDB commands of a refused request").isEmpty();
		response.errors().satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.getExtensions()).containsEntry("classification", "BAD_REQUEST")
				.containsEntry("argument", argument);
			assertThat(error.getMessage()).isEqualTo(message);
		}));
	}

}
