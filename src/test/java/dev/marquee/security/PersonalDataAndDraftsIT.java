package dev.marquee.security;

import java.util.Map;

import dev.marquee.account.Account;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Personal data (a person's email, registrations, also through {@code node(id)} and search) is seen
 * only by organizers of the series holding the person and by admins; a DRAFT edition only by its
 * series' organizers and admins, on every read path.
 */
class PersonalDataAndDraftsIT extends IntegrationTest {

	private Person ada;

	private String registration;

	private Event draft;

	private Map<String, Account> callers;

	@BeforeEach
	void adaRegisteredForExpoAndADraftOfExpo() {
		EventSeries expo = this.fixtures.series("expo", "Expo");
		EventSeries other = this.fixtures.series("other", "Other");
		Account admin = this.fixtures.admin("root");
		this.callers = Map.of("admin", admin, "organizer", this.fixtures.organizer("olga", expo), "otherOrganizer",
				this.fixtures.organizer("oscar", other));
		Event published = this.fixtures.event(expo, "expo-2026").create();
		this.draft = this.fixtures.event(expo, "expo-2027-secret").startsAt("2027-06-01T09:00:00-07:00").draft().create();
		// expo holds Ada's data; speaking at a published edition makes her a public speaker profile
		this.ada = this.fixtures.attendee(expo, "Ada Lovelace", null, "ada@example.org");
		graphQlAs(this.fixtures.token(admin)).documentName("scheduleSession")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", published.id()), "title", "Engines", "kind",
					"TALK", "speakerIds", java.util.List.of(GlobalId.encode("Person", this.ada.id()))))
			.execute()
			.path("scheduleSession.errors")
			.entityList(Object.class)
			.hasSize(0);
		this.registration = graphQlAs(this.fixtures.token(admin)).documentName("registerAttendee")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", published.id()), "personId",
					GlobalId.encode("Person", this.ada.id()), "segment", "PRODUCER"))
			.execute()
			.path("registerAttendee.registration.id")
			.entity(String.class)
			.get();
	}

	@ParameterizedTest(name = "{0} sees personal data: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			anonymous      | false
			otherOrganizer | false
			organizer      | true
			admin          | true
			""")
	void emailAndRegistrationAreVisibleOnlyToOrganizersOfTheSeriesAndAdmins(String caller, boolean sees) {
		GraphQlTester.Response response = as(caller).documentName("personalData")
			.variable("person", GlobalId.encode("Person", this.ada.id()))
			.variable("registration", this.registration)
			.execute();

		response.path("person.name").entity(String.class).isEqualTo("Ada Lovelace");
		if (sees) {
			response.path("person.email").entity(String.class).isEqualTo("ada@example.org");
			response.path("people[0].email").entity(String.class).isEqualTo("ada@example.org");
			response.path("registration.id").entity(String.class).isEqualTo(this.registration);
			response.path("registration.person.name").entity(String.class).isEqualTo("Ada Lovelace");
		}
		else {
			response.path("person.email").valueIsNull();
			response.path("people[0].name").entity(String.class).isEqualTo("Ada Lovelace");
			response.path("people[0].email").valueIsNull();
			response.path("registration").valueIsNull();
		}
	}

	@ParameterizedTest(name = "{0} sees the draft: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			anonymous      | false
			otherOrganizer | false
			organizer      | true
			admin          | true
			""")
	void aDraftIsVisibleOnlyToItsSeriesOrganizersAndAdminsOnEveryReadPath(String caller, boolean sees) {
		GraphQlTester.Response response = as(caller).documentName("draftReads")
			.variable("slug", "expo-2027-secret")
			.variable("id", GlobalId.encode("Event", this.draft.id()))
			.variable("text", "secret")
			.execute();

		java.util.List<String> events = response.path("events.nodes[*].slug").entityList(String.class).get();
		java.util.List<Object> found = response.path("search").entityList(Object.class).get();
		if (sees) {
			response.path("event.slug").entity(String.class).isEqualTo("expo-2027-secret");
			response.path("node.slug").entity(String.class).isEqualTo("expo-2027-secret");
			assertThat(events).containsExactly("expo-2026", "expo-2027-secret");
			assertThat(found).containsExactly(Map.of("slug", "expo-2027-secret"));
		}
		else {
			response.path("event").valueIsNull();
			response.path("node").valueIsNull();
			assertThat(events).containsExactly("expo-2026");
			assertThat(found).isEmpty();
		}
	}

	private HttpGraphQlTester as(String caller) {
		return caller.equals("anonymous") ? this.graphQl : graphQlAs(this.fixtures.token(this.callers.get(caller)));
	}

}
