package dev.marquee.attendance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Registrations are unique per person and edition; a check-in counts once, however often it is sent. */
class RegistrationIT extends IntegrationTest {

	private final ExecutorService clients = Executors.newFixedThreadPool(10);

	private EventSeries expo;

	private HttpGraphQlTester organizer;

	private Event event;

	private Person ada;

	@BeforeEach
	void anEditionAndAPerson() {
		this.expo = this.fixtures.series("expo", "Expo");
		this.organizer = graphQlAs(this.fixtures.token(this.fixtures.organizer("olga", this.expo)));
		this.event = this.fixtures.event(this.expo, "expo-2026").create();
		this.ada = this.fixtures.person("Ada Lovelace", null);
	}

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	@Test
	void registeringTheSamePersonForTheSameEditionTwiceIsDuplicate() {
		register(this.ada).path("registerAttendee.registration.event.attendance.registered")
			.entity(Integer.class)
			.isEqualTo(1);

		GraphQlTester.Response again = register(this.ada);

		again.path("registerAttendee.registration").valueIsNull();
		again.path("registerAttendee.errors[0].code").entity(String.class).isEqualTo("DUPLICATE");
		again.path("registerAttendee.errors[0].field").entityList(String.class).containsExactly("input", "personId");
		attendance().path("event.attendance.registered").entity(Integer.class).isEqualTo(1);
		assertThat(this.mongo.getCollection("registrations").countDocuments()).isEqualTo(1);
	}

	@Test
	void tenClientsRegisteringOnePersonAtOnceMakeOneRegistrationAndNineDuplicates() throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<String>>> answers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			answers.add(this.clients.submit(() -> {
				start.await();
				return register(this.ada).path("registerAttendee.errors[*].code").entityList(String.class).get();
			}));
		}

		start.countDown();

		List<String> codes = new ArrayList<>();
		for (Future<List<String>> answer : answers) {
			codes.add(String.join(",", answer.get(60, TimeUnit.SECONDS)));
		}
		assertThat(codes).containsExactlyInAnyOrder("", "DUPLICATE", "DUPLICATE", "DUPLICATE", "DUPLICATE", "DUPLICATE",
				"DUPLICATE", "DUPLICATE", "DUPLICATE", "DUPLICATE");
		attendance().path("event.attendance.registered").entity(Integer.class).isEqualTo(1);
		assertThat(this.mongo.getCollection("registrations").countDocuments()).isEqualTo(1);
	}

	@Test
	void anUnknownPersonIsNotFoundAtItsField() {
		this.organizer.documentName("registerAttendee")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", this.event.id()), "personId",
					GlobalId.encode("Person", new org.bson.types.ObjectId()), "segment", "PRODUCER"))
			.execute()
			.path("registerAttendee.errors[0]")
			.entity(Map.class)
			.satisfies((error) -> assertThat(error).containsEntry("code", "NOT_FOUND")
				.containsEntry("field", List.of("input", "personId")));
	}

	@Test
	void aSecondCheckInAnswersTheSameRegistrationAndCountsOnce() {
		String registration = registrationOf(this.ada);

		String first = checkIn(this.organizer, registration).path("checkIn.registration.checkedInAt")
			.entity(String.class)
			.get();
		GraphQlTester.Response second = checkIn(this.organizer, registration);

		second.path("checkIn.errors").entityList(Object.class).hasSize(0);
		second.path("checkIn.registration.id").entity(String.class).isEqualTo(registration);
		second.path("checkIn.registration.checkedInAt").entity(String.class).isEqualTo(first);
		attendance().path("event.attendance.checkedIn").entity(Integer.class).isEqualTo(1);
		assertThat(this.mongo.getCollection("audit").countDocuments(new Document("action", "checkIn"))).isEqualTo(1);
	}

	@Test
	void tenClientsCheckingInOneRegistrationAtOnceAllGetItAndItCountsOnce() throws Exception {
		List<HttpGraphQlTester> doors = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			doors.add(graphQlAs(this.fixtures.token(this.fixtures.organizer("door-" + i, this.expo))));
		}
		// several registrations, one race each, so a lost race shows more surely than with one
		for (int attendee = 0; attendee < 10; attendee++) {
			String registration = registrationOf(this.fixtures.person("Attendee " + attendee, null));
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<String>>> answers = new ArrayList<>();
			for (HttpGraphQlTester door : doors) {
				answers.add(this.clients.submit(() -> {
					start.await();
					GraphQlTester.Response response = checkIn(door, registration);
					response.path("checkIn.errors").entityList(Object.class).hasSize(0);
					return List.of(response.path("checkIn.registration.id").entity(String.class).get(),
							response.path("checkIn.registration.checkedInAt").entity(String.class).get());
				}));
			}

			start.countDown();

			List<List<String>> results = new ArrayList<>();
			for (Future<List<String>> answer : answers) {
				results.add(answer.get(60, TimeUnit.SECONDS));
			}
			assertThat(results).hasSize(10).allSatisfy((r) -> assertThat(r).isEqualTo(results.get(0)));
			assertThat(results.get(0).get(0)).isEqualTo(registration);
			attendance().path("event.attendance.checkedIn").entity(Integer.class).isEqualTo(attendee + 1);
		}
		assertThat(this.mongo.getCollection("audit").countDocuments(new Document("action", "checkIn"))).isEqualTo(10);
	}

	private GraphQlTester.Response register(Person person) {
		return this.organizer.documentName("registerAttendee")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", this.event.id()), "personId",
					GlobalId.encode("Person", person.id()), "segment", "PRODUCER"))
			.execute();
	}

	private String registrationOf(Person person) {
		return register(person).path("registerAttendee.registration.id").entity(String.class).get();
	}

	private static GraphQlTester.Response checkIn(HttpGraphQlTester client, String registration) {
		return client.documentName("checkIn").variable("registrationId", registration).execute();
	}

	private GraphQlTester.Response attendance() {
		return this.organizer.documentName("eventState").variable("slug", "expo-2026").execute();
	}

}
