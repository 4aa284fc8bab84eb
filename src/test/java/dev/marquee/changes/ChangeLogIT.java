package dev.marquee.changes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Every write a reader could see appends one entry to the change log, with ids and counters but nothing
 * personal; the node's follower hands them to listeners in seq order, once, waiting for a seq whose entry
 * is not stored yet.
 */
class ChangeLogIT extends IntegrationTest {

	@Autowired
	private ChangeLog changeLog;

	@Autowired
	private ChangeFeed feed;

	@Autowired
	private ChangeCheckpoints checkpoints;

	@Autowired
	private ChangeSweep sweep;

	private EventSeries expo;

	private HttpGraphQlTester organizer;

	private Event event;

	private Person ada;

	private long before;

	@BeforeEach
	void anEditionAndAPerson() {
		this.expo = this.fixtures.series("expo", "Expo");
		this.organizer = graphQlAs(this.fixtures.token(this.fixtures.organizer("olga", this.expo)));
		this.event = this.fixtures.event(this.expo, "expo-2026").tracks("Main").create();
		this.ada = this.fixtures.attendee(this.expo, "Ada Lovelace", null, "ada@example.org");
		this.before = this.changeLog.version();
	}

	@Test
	void registrationAndCheckInAppendTheEditionsNewCountersAndNothingPersonal() {
		String registration = register(this.ada).path("registerAttendee.registration.id").entity(String.class).get();
		checkIn(registration).path("checkIn.errors").entityList(Object.class).hasSize(0);

		List<Change> changes = this.feed.after(this.before, 100);

		assertThat(changes).extracting(Change::kind)
			.containsExactly(ChangeKind.REGISTRATION_CREATED, ChangeKind.CHECKED_IN);
		assertThat(changes).extracting(Change::seq).containsExactly(this.before + 1, this.before + 2);
		ObjectId registrationId = GlobalId.decode(registration, "Registration").orElseThrow();
		assertThat(changes).allSatisfy((change) -> {
			assertThat(change.eventId()).isEqualTo(this.event.id());
			assertThat(change.seriesId()).isEqualTo(this.expo.id());
			assertThat(change.subjectId()).isEqualTo(registrationId);
			assertThat(change.data().toJson()).doesNotContain("Ada", "ada@", this.ada.id().toHexString());
		});
		assertThat(changes.get(0).data()).containsEntry("registered", 1)
			.containsEntry("checkedIn", 0)
			.containsEntry("segment", "PRODUCER")
			.containsEntry("bySegment", new Document("PRODUCER", 1));
		assertThat(changes.get(1).data()).containsEntry("registered", 1).containsEntry("checkedIn", 1);
		assertThat(this.changeLog.version()).isEqualTo(this.before + 2);
	}

	@Test
	void eventDetailsStatusReportedAttendanceSessionsAndSponsorshipsAppendInTheOrderTheyHappened() {
		this.event = this.fixtures.event(this.expo, "expo-2027").draft().create();
		String eventId = GlobalId.encode("Event", this.event.id());
		this.organizer.documentName("updateEvent")
			.variable("input", Map.of("id", eventId, "expectedVersion", 1, "name", "Expo 2026"))
			.execute()
			.path("updateEvent.errors")
			.entityList(Object.class)
			.hasSize(0);
		this.organizer.documentName("publishEvent").variable("id", eventId).execute()
			.path("publishEvent.event.status").entity(String.class).isEqualTo("PUBLISHED");
		this.organizer.documentName("recordReportedAttendance")
			.variable("eventId", eventId)
			.variable("count", 420)
			.variable("source", "door count by Ada")
			.execute()
			.path("recordReportedAttendance.errors")
			.entityList(Object.class)
			.hasSize(0);
		this.organizer.documentName("scheduleSession")
			.variable("input", Map.of("eventId", eventId, "title", "Keynote", "kind", "KEYNOTE"))
			.execute()
			.path("scheduleSession.errors")
			.entityList(Object.class)
			.hasSize(0);
		this.fixtures.company("acme", "Acme");
		String sponsorship = this.organizer.documentName("addSponsorship")
			.variable("input", Map.of("eventId", eventId, "companySlug", "acme", "tier", "GOLD"))
			.execute()
			.path("addSponsorship.sponsorship.id")
			.entity(String.class)
			.get();
		this.organizer.documentName("removeSponsorship").variable("id", sponsorship).execute()
			.path("removeSponsorship.errors").entityList(Object.class).hasSize(0);

		List<Change> changes = this.feed.after(this.before, 100);

		assertThat(changes).extracting(Change::kind)
			.containsExactly(ChangeKind.EVENT_DETAILS, ChangeKind.EVENT_STATUS, ChangeKind.ATTENDANCE,
					ChangeKind.SESSIONS, ChangeKind.SPONSORSHIPS, ChangeKind.SPONSORSHIPS);
		assertThat(changes).allSatisfy((change) -> assertThat(change.eventId()).isEqualTo(this.event.id()));
		assertThat(changes.get(0).data()).containsEntry("fields", List.of("name")).containsEntry("version", 2);
		assertThat(changes.get(1).data()).containsEntry("from", "DRAFT").containsEntry("to", "PUBLISHED");
		assertThat(changes.get(2).data()).containsEntry("reported", 420);
		assertThat(changes.get(2).data().toJson()).doesNotContain("Ada");
		assertThat(changes.get(4).data()).containsEntry("action", "added").containsEntry("tier", "GOLD");
		assertThat(changes.get(5).data()).containsEntry("action", "removed");
	}

	@Test
	void seriesCompaniesAndPeopleAppendWithoutTheirNames() {
		HttpGraphQlTester admin = graphQlAs(this.fixtures.token(this.fixtures.admin("root")));
		admin.documentName("createSeries")
			.variable("input", Map.of("slug", "summit", "name", "Summit"))
			.execute()
			.path("createSeries.errors")
			.entityList(Object.class)
			.hasSize(0);
		String acme = admin.documentName("createCompany")
			.variable("input", Map.of("slug", "acme", "name", "Acme", "kind", "STUDIO"))
			.execute()
			.path("createCompany.company.id")
			.entity(String.class)
			.get();
		admin.documentName("updateCompany")
			.variable("input", Map.of("id", acme, "name", "Acme Ltd"))
			.execute()
			.path("updateCompany.errors")
			.entityList(Object.class)
			.hasSize(0);
		String grace = this.organizer.documentName("createPerson")
			.variable("input", Map.of("name", "Grace Hopper", "email", "grace@example.org", "seriesId",
					GlobalId.encode("EventSeries", this.expo.id())))
			.execute()
			.path("createPerson.person.id")
			.entity(String.class)
			.get();
		admin.documentName("erasePerson").variable("id", grace).execute()
			.path("erasePerson.errors").entityList(Object.class).hasSize(0);

		List<Change> changes = this.feed.after(this.before, 100);

		assertThat(changes).extracting(Change::kind)
			.containsExactly(ChangeKind.SERIES, ChangeKind.COMPANY, ChangeKind.COMPANY, ChangeKind.PERSON,
					ChangeKind.PERSON);
		ObjectId graceId = GlobalId.decode(grace, "Person").orElseThrow();
		assertThat(changes.get(3).subjectId()).isEqualTo(graceId);
		assertThat(changes.get(3).seriesId()).isEqualTo(this.expo.id());
		assertThat(changes.get(4).data()).containsEntry("action", "erased");
		assertThat(changes).allSatisfy((change) -> assertThat(change.data().toJson()).doesNotContain("Grace",
				"grace@", "Acme", "Summit"));
	}

	@Test
	void aCsvImportAppendsOnceWithTheEditionsNewCountersAndNoPersonalData() {
		this.http.post()
			.uri("/api/events/{slug}/registrations", "expo-2026")
			.headers((h) -> h.setBearerAuth(this.fixtures.token(this.fixtures.organizer("ines", this.expo))))
			.contentType(new org.springframework.http.MediaType("text", "csv"))
			.bodyValue("name,email,company,segment,checked_in\nAnn,ann@example.com,,PRESS,true\n"
					+ "Bob,bob@example.com,,PRODUCER,false\n")
			.exchange()
			.expectStatus()
			.isOk();

		List<Change> changes = this.feed.after(this.before, 100);

		assertThat(changes).singleElement().satisfies((change) -> {
			assertThat(change.kind()).isEqualTo(ChangeKind.ATTENDANCE);
			assertThat(change.eventId()).isEqualTo(this.event.id());
			assertThat(change.data()).containsEntry("registered", 2)
				.containsEntry("checkedIn", 1)
				.containsEntry("created", 2);
			assertThat(change.data().toJson()).doesNotContain("Ann", "ann@", "Bob", "bob@");
		});
	}

	@Test
	void aRefusedWriteAppendsNothing() {
		register(this.ada);
		long afterFirst = this.changeLog.version();

		register(this.ada).path("registerAttendee.errors[0].code").entity(String.class).isEqualTo("DUPLICATE");
		this.organizer.documentName("updateEvent")
			.variable("input", Map.of("id", GlobalId.encode("Event", this.event.id()), "expectedVersion", 7, "name", "X"))
			.execute()
			.path("updateEvent.errors[0].code")
			.entity(String.class)
			.isEqualTo("VERSION_MISMATCH");

		assertThat(this.changeLog.version()).isEqualTo(afterFirst);
		assertThat(this.feed.after(afterFirst, 10)).isEmpty();
	}

	@Test
	void aListenerGetsACheckInMadeOverHttp() throws Exception {
		String registration = register(this.ada).path("registerAttendee.registration.id").entity(String.class).get();
		BlockingQueue<Change> heard = new LinkedBlockingQueue<>();
		try (AutoCloseable following = this.feed.follow(this.changeLog.version(), heard::add)) {
			checkIn(registration);

			Change change = heard.poll(30, TimeUnit.SECONDS);

			assertThat(change).isNotNull();
			assertThat(change.kind()).isEqualTo(ChangeKind.CHECKED_IN);
			assertThat(change.data()).containsEntry("checkedIn", 1);
		}
	}

	@Test
	void aListenerFollowingFromAnEarlierSeqCatchesUpFromTheLogFirst() throws Exception {
		register(this.ada);
		register(this.fixtures.attendee(this.expo, "Grace Hopper", null, null));
		BlockingQueue<Change> heard = new LinkedBlockingQueue<>();
		try (AutoCloseable following = this.feed.follow(this.before, heard::add)) {
			assertThat(heard.poll(30, TimeUnit.SECONDS).seq()).isEqualTo(this.before + 1);
			assertThat(heard.poll(30, TimeUnit.SECONDS).seq()).isEqualTo(this.before + 2);
		}
	}

	@Test
	void anEntryStoredAfterTheNextOneIsWaitedForAndHandedOnInSeqOrder() throws Exception {
		BlockingQueue<Change> heard = new LinkedBlockingQueue<>();
		try (AutoCloseable following = this.feed.follow(this.before, heard::add)) {
			// a writer took seq n from the counter and has not inserted its entry yet
			long taken = this.mongo.getCollection("change_counters")
				.findOneAndUpdate(new Document("_id", "changes"), new Document("$inc", new Document("seq", 1L)),
						new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
				.getLong("seq");
			Change next = this.changeLog.append(ChangeKind.SERIES, this.expo.id(), null, this.expo.id(), new Document());
			assertThat(next.seq()).isEqualTo(taken + 1);
			this.mongo.getCollection("changes")
				.insertOne(new Document("_id", taken).append("at", new java.util.Date())
					.append("kind", "COMPANY")
					.append("data", new Document()));

			assertThat(heard.poll(30, TimeUnit.SECONDS).seq()).isEqualTo(taken);
			assertThat(heard.poll(30, TimeUnit.SECONDS).seq()).isEqualTo(taken + 1);
		}
	}

	@Test
	void aConsumerThatStopsResumesAfterTheLastEntryItHandled() throws Exception {
		String registration = register(this.ada).path("registerAttendee.registration.id").entity(String.class).get();
		BlockingQueue<Change> firstRun = new LinkedBlockingQueue<>();
		try (AutoCloseable following = this.checkpoints.follow("badge-printer", this.before, firstRun::add)) {
			assertThat(firstRun.poll(30, TimeUnit.SECONDS).kind()).isEqualTo(ChangeKind.REGISTRATION_CREATED);
		}
		// written while the consumer is down
		checkIn(registration);

		BlockingQueue<Change> secondRun = new LinkedBlockingQueue<>();
		try (AutoCloseable following = this.checkpoints.follow("badge-printer", 0, secondRun::add)) {
			Change resumed = secondRun.poll(30, TimeUnit.SECONDS);

			assertThat(resumed.kind()).isEqualTo(ChangeKind.CHECKED_IN);
			assertThat(resumed.seq()).isEqualTo(this.before + 2);
		}
		assertThat(this.checkpoints.position("badge-printer", 0)).isEqualTo(this.before + 2);
	}

	@Test
	void aCheckpointOnlyMovesForward() {
		this.checkpoints.position("crm", 5);

		assertThat(this.checkpoints.advance("crm", 9)).isTrue();
		assertThat(this.checkpoints.advance("crm", 7)).isFalse();
		assertThat(this.checkpoints.position("crm", 0)).isEqualTo(9);
	}

	@Test
	void theSweepDeletesEntriesOlderThanTheRetentionAndReadsSeeWhatIsLeft() {
		register(this.ada);
		Change kept = this.changeLog.append(ChangeKind.SERIES, this.expo.id(), null, this.expo.id(), new Document());
		this.mongo.getCollection("changes")
			.updateOne(new Document("_id", this.before + 1), new Document("$set",
					new Document("at", java.util.Date.from(java.time.Instant.now().minus(java.time.Duration.ofDays(8))))));

		assertThat(this.sweep.purge()).isEqualTo(1);

		assertThat(this.feed.after(this.before, 10)).extracting(Change::seq).containsExactly(kept.seq());
		assertThat(this.changeLog.version()).isEqualTo(kept.seq());
	}

	private GraphQlTester.Response register(Person person) {
		return this.organizer.documentName("registerAttendee")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", this.event.id()), "personId",
					GlobalId.encode("Person", person.id()), "segment", "PRODUCER"))
			.execute();
	}

	private GraphQlTester.Response checkIn(String registration) {
		return this.organizer.documentName("checkIn").variable("registrationId", registration).execute();
	}

}
