package dev.marquee.attendance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.marquee.account.Account;
import dev.marquee.account.AccountCommands;
import dev.marquee.event.Attendance;
import dev.marquee.event.AudienceSegment;
import dev.marquee.security.Role;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Event.attendance} stays exact while clients race: check-ins of the same registration, and
 * check-ins during an import of the same edition. Every racer waits at one gate, then all go at once.
 */
class AttendanceConcurrencyIT extends IntegrationTest {

	record Counts(int created, int updated, int unchanged) {
	}

	@Autowired
	AccountCommands accounts;

	ExecutorService clients = Executors.newFixedThreadPool(11);

	Event expo;

	String organizer;

	@BeforeEach
	void anEditionAndItsOrganizer() {
		EventSeries series = this.fixtures.series("expo", "Expo");
		this.expo = this.fixtures.event(series, "expo-2026").create();
		Account organizer = this.fixtures.organizer("expo-organizer");
		this.accounts.grant(organizer.id(), series.id());
		this.organizer = this.fixtures.token(organizer);
	}

	@AfterEach
	void stopTheClients() throws InterruptedException {
		this.clients.shutdownNow();
		this.clients.awaitTermination(1, TimeUnit.MINUTES);
	}

	@Test
	void sameRegistrationCheckedInByTenClientsAtOnceCountsOnce() throws Exception {
		Person ann = this.fixtures.person("Ann", null, "ann@example.com");
		Registration registration = this.fixtures.registration(this.expo, ann, AudienceSegment.PRODUCER, null);
		String id = GlobalId.encode("Registration", registration.id());
		CountDownLatch gate = new CountDownLatch(1);

		List<Future<GraphQlTester.Response>> answers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			HttpGraphQlTester client = signedIn();
			answers.add(this.clients.submit(() -> {
				gate.await();
				return client.documentName("checkIn").variable("registrationId", id).execute();
			}));
		}
		gate.countDown();

		List<String> checkedInAt = new ArrayList<>();
		for (Future<GraphQlTester.Response> answer : answers) {
			GraphQlTester.Response response = answer.get(1, TimeUnit.MINUTES);
			response.errors().verify();
			response.path("checkIn.errors").entityList(Object.class).hasSize(0);
			checkedInAt.add(response.path("checkIn.registration.checkedInAt").entity(String.class).get());
		}
		assertThat(checkedInAt).as("every client sees the one check-in").hasSize(10).containsOnly(checkedInAt.get(0));
		Attendance counters = counters();
		assertThat(counters.checkedIn()).isEqualTo(1);
		assertThat(counters.registered()).isEqualTo(1);
		assertThat(this.mongo.count(Query.query(Criteria.where("action").is("checkIn")),
				dev.marquee.audit.AuditEntry.COLLECTION))
			.as("one check-in recorded")
			.isEqualTo(1);
	}

	@Test
	void importAndCheckInsOnTheSameEditionEndWithCountersEqualToARecount() throws Exception {
		int existing = 300;
		StringBuilder first = new StringBuilder(AttendanceCsvIT.HEADER);
		for (int i = 0; i < existing; i++) {
			first.append("P").append(i).append(",p").append(i).append("@example.com,,PRODUCER,false\n");
		}
		assertThat(importCsv(first.toString())).isEqualTo(new Counts(existing, 0, 0));
		List<String> ids = this.mongo.find(Query.query(Criteria.where("eventId").is(this.expo.id())), Registration.class)
			.stream()
			.map((r) -> GlobalId.encode("Registration", r.id()))
			.toList();
		// the file checks in every other existing registration, moves every third to PRESS, adds 500
		StringBuilder second = new StringBuilder(AttendanceCsvIT.HEADER);
		for (int i = 0; i < existing + 500; i++) {
			second.append("P").append(i).append(",p").append(i).append("@example.com,,")
				.append((i % 3 == 0) ? "PRESS" : "PRODUCER").append(',').append(i % 2 == 0).append('\n');
		}
		CountDownLatch gate = new CountDownLatch(1);

		Future<Counts> imported = this.clients.submit(() -> {
			gate.await();
			return importCsv(second.toString());
		});
		List<Future<Integer>> checkers = new ArrayList<>();
		for (int c = 0; c < 10; c++) {
			int client = c;
			HttpGraphQlTester tester = signedIn();
			checkers.add(this.clients.submit((Callable<Integer>) () -> {
				gate.await();
				int done = 0;
				// each client checks in every registration whose index is ≡ client (mod 5): two clients each
				for (int i = client % 5; i < ids.size(); i += 5) {
					tester.documentName("checkIn").variable("registrationId", ids.get(i)).execute().errors().verify();
					done++;
				}
				return done;
			}));
		}
		gate.countDown();

		Counts counts = imported.get(5, TimeUnit.MINUTES);
		for (Future<Integer> checker : checkers) {
			assertThat(checker.get(5, TimeUnit.MINUTES)).isPositive();
		}
		assertThat(counts.created()).isEqualTo(500);
		assertThat(counts.created() + counts.updated() + counts.unchanged()).isEqualTo(existing + 500);
		List<Registration> all = this.mongo.find(Query.query(Criteria.where("eventId").is(this.expo.id())),
				Registration.class);
		Map<AudienceSegment, Integer> bySegment = new EnumMap<>(AudienceSegment.class);
		all.forEach((r) -> bySegment.merge(r.segment(), 1, Integer::sum));
		long checkedIn = all.stream().filter((r) -> r.checkedInAt() != null).count();
		assertThat(all).hasSize(existing + 500);
		assertThat(checkedIn).as("all 300 by the clients, and 250 of the new rows by the file").isEqualTo(550);
		Attendance counters = counters();
		assertThat(counters.registered()).isEqualTo(all.size());
		assertThat(counters.checkedIn()).isEqualTo((int) checkedIn);
		assertThat(counters.bySegment()).isEqualTo(bySegment);
	}

	@Test
	void twoImportsOfTheSameNewPeopleAtOnceCreateEachPersonAndRegistrationOnce() throws Exception {
		StringBuilder file = new StringBuilder(AttendanceCsvIT.HEADER);
		for (int i = 0; i < 400; i++) {
			file.append("P").append(i).append(",p").append(i).append("@example.com,,PRODUCER,").append(i % 2 == 0)
				.append('\n');
		}
		CountDownLatch gate = new CountDownLatch(1);

		List<Future<Counts>> imports = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			imports.add(this.clients.submit(() -> {
				gate.await();
				return importCsv(file.toString());
			}));
		}
		gate.countDown();

		Counts one = imports.get(0).get(5, TimeUnit.MINUTES);
		Counts other = imports.get(1).get(5, TimeUnit.MINUTES);
		assertThat(one.created() + other.created()).as("each registration created by one import").isEqualTo(400);
		assertThat(one.updated() + other.updated()).isZero();
		assertThat(this.mongo.count(new Query(), Person.class)).as("each person created once").isEqualTo(400);
		assertThat(this.mongo.count(new Query(), Registration.class)).isEqualTo(400);
		Attendance counters = counters();
		assertThat(counters.registered()).isEqualTo(400);
		assertThat(counters.checkedIn()).isEqualTo(200);
		assertThat(counters.bySegment()).isEqualTo(Map.of(AudienceSegment.PRODUCER, 400));
	}

	private HttpGraphQlTester signedIn() {
		return this.graphQl.mutate().header("Authorization", "Bearer " + this.organizer).build();
	}

	private Attendance counters() {
		return this.mongo.findById(this.expo.id(), Event.class).attendanceOrNone();
	}

	private Counts importCsv(String body) {
		return this.http.mutate()
			.responseTimeout(Duration.ofMinutes(5))
			.build()
			.post()
			.uri("/api/events/expo-2026/registrations")
			.headers((h) -> h.setBearerAuth(this.organizer))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Counts.class)
			.returnResult()
			.getResponseBody();
	}

}
