package dev.marquee.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.marquee.company.Company;
import dev.marquee.event.Event;
import dev.marquee.series.EventSeries;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.support.IntegrationTest;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Node's id resolves through {@code node(id)} to the same object; anything else is null. */
class NodeIdIT extends IntegrationTest {

	@Test
	void everyNodeTypeRoundTripsThroughNode() {
		Company company = this.fixtures.company("acme", "Acme");
		EventSeries series = this.fixtures.series("expo", "Expo");
		Event event = this.fixtures.event(series, "expo-2026").create();
		this.fixtures.sponsor(event, company, SponsorTier.GOLD);
		this.fixtures.session(event, "Keynote").speakers(this.fixtures.person("Ada Lovelace", company)).create();

		GraphQlTester.Response ids = this.graphQl.documentName("everyNodeId")
			.variable("series", "expo")
			.variable("event", "expo-2026")
			.variable("company", "acme")
			.execute();
		Map<String, List<String>> expected = new LinkedHashMap<>();
		expected.put(ids.path("series.id").entity(String.class).get(), List.of("EventSeries", "expo"));
		expected.put(ids.path("event.id").entity(String.class).get(), List.of("Event", "expo-2026"));
		expected.put(ids.path("company.id").entity(String.class).get(), List.of("Company", "acme"));
		expected.put(ids.path("event.sponsorships[0].id").entity(String.class).get(), List.of("Sponsorship", "GOLD", "tier"));
		expected.put(ids.path("event.sessions.nodes[0].id").entity(String.class).get(), List.of("Session", "Keynote"));
		expected.put(ids.path("event.sessions.nodes[0].speakers[0].id").entity(String.class).get(),
				List.of("Person", "Ada Lovelace"));
		assertThat(expected).as("six distinct ids").hasSize(6);

		expected.forEach((id, typeAndLabel) -> {
			GraphQlTester.Response node = this.graphQl.documentName("node").variable("id", id).execute();
			node.errors().verify();
			node.path("node.__typename").entity(String.class).isEqualTo(typeAndLabel.get(0));
			node.path("node.id").entity(String.class).isEqualTo(id);
			String field = (typeAndLabel.size() > 2) ? typeAndLabel.get(2) : "label";
			node.path("node." + field).entity(String.class).isEqualTo(typeAndLabel.get(1));
		});
	}

	@Test
	void idOfAnExistingObjectUnderAnotherTypeIsNull() {
		Company company = this.fixtures.company("acme", "Acme");

		for (String type : List.of("Event", "EventSeries", "Person", "Account", "Registration", "Nope")) {
			assertNullWithoutErrors(GlobalId.encode(type, company.id()));
		}
		assertNullWithoutErrors(GlobalId.encode("Company", company.id()).toLowerCase());
	}

	@Test
	void unknownIdIsNull() {
		assertNullWithoutErrors(GlobalId.encode("Company", new ObjectId()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "x", "!!!", "Q29tcGFueTo", "Q29tcGFueTpub3QtaGV4", "OjY1NDAwMDAwMDAwMDAwMDAwMDAwMDAwMA",
			"Company:6540000000000000000000000" })
	void malformedIdIsNull(String id) {
		assertNullWithoutErrors(id);
	}

	@Test
	void overlongIdIsNull() {
		assertNullWithoutErrors("A".repeat(5000));
	}

	private void assertNullWithoutErrors(String id) {
		this.graphQl.documentName("node").variable("id", id).execute().errors().verify().path("node").valueIsNull();
	}

}
