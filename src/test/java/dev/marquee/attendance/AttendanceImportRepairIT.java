package dev.marquee.attendance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.marquee.event.Attendance;
import dev.marquee.event.AudienceSegment;
import dev.marquee.event.Event;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.storage.PendingWrites;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the repair before serving does with a CSV import that a crash interrupted, simulated by the
 * documents such an import leaves behind: staged but not committed, it is undone; committed, it is
 * finished, and the edition's counters equal a recount.
 */
class AttendanceImportRepairIT extends IntegrationTest {

	@Autowired
	PendingWrites pendingWrites;

	Event expo;

	Registration ann;

	Person bob;

	@BeforeEach
	void anEditionWithOneRegistrationAndAPersonNotRegistered() {
		EventSeries series = this.fixtures.series("expo", "Expo");
		this.expo = this.fixtures.event(series, "expo-2026").create();
		this.ann = this.fixtures.registration(this.expo, this.fixtures.attendee(this.expo, "Ann", null, "ann@example.com"),
				AudienceSegment.PRESS, null);
		this.bob = this.fixtures.attendee(this.expo, "Bob", null, "bob@example.com");
	}

	@Test
	void anImportStagedButNotCommittedIsRemovedAndTheEditionIsAsBefore() {
		Map<String, List<Document>> before = collections("events", "people", "registrations");
		ObjectId importId = new ObjectId();
		Person cy = newPerson("Cy", "cy@example.com");
		stage(importId, 0, List.of(cy), List.of(registration(cy, AudienceSegment.STUDENT, null)),
				List.of(new ImportBatch.SegmentMove(this.ann.id(), AudienceSegment.PRESS, AudienceSegment.EXECUTIVE)),
				List.of(new ImportBatch.CheckIn(this.ann.id(), Instant.parse("2026-06-01T10:00:00Z"))));
		stage(importId, 1, List.of(), List.of(registration(this.bob, AudienceSegment.VENDOR, null)), List.of(), List.of());
		intent(importId);

		assertThat(this.pendingWrites.repair(Duration.ZERO)).isEqualTo(1);

		assertThat(collections("events", "people", "registrations")).isEqualTo(before);
		assertThat(this.mongo.getCollection(ImportBatch.COLLECTION).countDocuments()).isZero();
		assertThat(this.mongo.getCollection("pending_writes").countDocuments()).isZero();
	}

	@Test
	void aCommittedImportIsFinishedIdempotentlyAndTheCountersEqualARecount() {
		ObjectId importId = new ObjectId();
		Person cy = newPerson("Cy", "cy@example.com");
		Person dee = newPerson("Dee", "dee@example.com");
		Person otherEve = newPerson("Eve", "eve@example.com");
		// what the interrupted try had already written: Cy, Cy's registration, and no counter for it
		this.mongo.insert(cy);
		Registration cyRegistration = registration(cy, AudienceSegment.STUDENT, Instant.parse("2026-06-01T09:00:00Z"));
		this.mongo.insert(cyRegistration);
		// what others wrote meanwhile: Eve created by someone else, Bob registered by someone else
		Person eve = this.fixtures.attendee(this.expo, "Eve Elsewhere", null, "EVE@example.com");
		this.fixtures.registration(this.expo, this.bob, AudienceSegment.CREATIVE, null);
		stage(importId, 0, List.of(cy, dee),
				List.of(cyRegistration, registration(dee, AudienceSegment.STUDENT, null),
						registration(this.bob, AudienceSegment.VENDOR, null)),
				List.of(new ImportBatch.SegmentMove(this.ann.id(), AudienceSegment.PRESS, AudienceSegment.EXECUTIVE)),
				List.of(new ImportBatch.CheckIn(this.ann.id(), Instant.parse("2026-06-01T10:00:00Z"))));
		stage(importId, 1, List.of(otherEve), List.of(registration(otherEve, AudienceSegment.PRESS, null)), List.of(),
				List.of());
		this.mongo.getCollection(AttendanceImport.COMMITS)
			.insertOne(new Document("_id", importId).append("eventId", this.expo.id()).append("batches", 2)
				.append("at", Instant.now()));
		intent(importId);

		assertThat(this.pendingWrites.repair(Duration.ZERO)).isEqualTo(1);

		Map<ObjectId, Registration> byPerson = new java.util.HashMap<>();
		this.mongo.find(Query.query(Criteria.where("eventId").is(this.expo.id())), Registration.class)
			.forEach((r) -> byPerson.put(r.personId(), r));
		assertThat(byPerson).containsOnlyKeys(this.ann.personId(), this.bob.id(), cy.id(), dee.id(), eve.id());
		assertThat(byPerson.get(this.ann.personId()).segment()).isEqualTo(AudienceSegment.EXECUTIVE);
		assertThat(byPerson.get(this.ann.personId()).checkedInAt()).isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
		assertThat(byPerson.get(this.bob.id()).segment()).as("registered meanwhile: theirs stands")
			.isEqualTo(AudienceSegment.CREATIVE);
		assertThat(byPerson.get(eve.id()).segment()).as("the person created meanwhile with that email")
			.isEqualTo(AudienceSegment.PRESS);
		assertThat(this.mongo.count(Query.query(Criteria.where("emailKey").is("cy@example.com")), Person.class)).isOne();
		assertThat(this.mongo.count(new Query(), Person.class)).as("Ann, Bob, Cy, Dee, Eve").isEqualTo(5);
		Attendance counters = this.mongo.findById(this.expo.id(), Event.class).attendanceOrNone();
		assertThat(counters.registered()).isEqualTo(5);
		assertThat(counters.checkedIn()).isEqualTo(2);
		assertThat(counters.bySegment()).isEqualTo(Map.of(AudienceSegment.EXECUTIVE, 1, AudienceSegment.CREATIVE, 1,
				AudienceSegment.STUDENT, 2, AudienceSegment.PRESS, 1));
		assertThat(this.mongo.getCollection(ImportBatch.COLLECTION).countDocuments()).isZero();
		assertThat(this.mongo.getCollection(AttendanceImport.COMMITS).countDocuments()).isZero();
		assertThat(this.mongo.getCollection("pending_writes").countDocuments()).isZero();
	}

	private Person newPerson(String name, String email) {
		return Person.of(new ObjectId(), name, null, null, email, this.expo.seriesId(), true);
	}

	private Registration registration(Person person, AudienceSegment segment, Instant checkedInAt) {
		return new Registration(new ObjectId(), this.expo.id(), this.expo.seriesId(), this.expo.year(),
				this.expo.startsAt(), person.id(), null, segment, Instant.now(), checkedInAt);
	}

	private void stage(ObjectId importId, int seq, List<Person> people, List<Registration> registrations,
			List<ImportBatch.SegmentMove> moves, List<ImportBatch.CheckIn> checkIns) {
		this.mongo.insert(new ImportBatch(new ObjectId(), importId, seq, people, registrations, moves, checkIns,
				moves.size(), 0));
	}

	private void intent(ObjectId importId) {
		this.mongo.getCollection("pending_writes")
			.insertOne(new Document("_id", new ObjectId()).append("kind", AttendanceImport.KIND)
				.append("target", importId)
				.append("at", Instant.now()));
	}

	private Map<String, List<Document>> collections(String... names) {
		Map<String, List<Document>> all = new java.util.TreeMap<>();
		for (String name : names) {
			all.put(name, this.mongo.getCollection(name).find().sort(new Document("_id", 1)).into(new java.util.ArrayList<>()));
		}
		return all;
	}

}
