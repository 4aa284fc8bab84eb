package dev.marquee.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.marquee.company.Company;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * A multi-document write that stopped half-way leaves its intent in {@code pending_writes}; the
 * start-up runner recomputes the derived documents from their source of truth and clears the intent.
 */
class PendingWritesRepairIT extends IntegrationTest {

	@Autowired
	private PendingWrites pendingWrites;

	@Test
	void aPendingAttendanceIntentRecountsTheEditionsCountersAndIsRemoved() {
		EventSeries expo = this.fixtures.series("expo", "Expo");
		Event event = this.fixtures.event(expo, "expo-2026").create();
		HttpGraphQlTester olga = graphQlAs(this.fixtures.token(this.fixtures.organizer("olga", expo)));
		String ada = register(olga, event, this.fixtures.person("Ada Lovelace", null), "PRODUCER");
		register(olga, event, this.fixtures.person("Grace Hopper", null), "PRESS");
		register(olga, event, this.fixtures.person("Hedy Lamarr", null), "PRESS");
		olga.documentName("checkIn").variable("registrationId", ada).execute().path("checkIn.errors")
			.entityList(Object.class)
			.hasSize(0);
		this.mongo.getCollection("events")
			.updateOne(new Document("_id", event.id()), new Document("$set", new Document("attendance.registered", 99)
				.append("attendance.checkedIn", 42)
				.append("attendance.bySegment", new Document("STUDENT", 7))));
		intent("attendance-counters", event.id());

		assertThat(this.pendingWrites.repair(Duration.ZERO)).isEqualTo(1);

		GraphQlTester.Response state = olga.documentName("eventState").variable("slug", "expo-2026").execute();
		state.path("event.attendance.registered").entity(Integer.class).isEqualTo(3);
		state.path("event.attendance.checkedIn").entity(Integer.class).isEqualTo(1);
		state.path("event.attendance.segments").entityList(Map.class).satisfies((segments) -> assertThat(segments)
			.containsExactlyInAnyOrder(Map.of("segment", "PRODUCER", "count", 1), Map.of("segment", "PRESS", "count", 2)));
		assertThat(this.mongo.getCollection("pending_writes").countDocuments()).isZero();
	}

	@Test
	void aPendingCompanyTreeIntentRecomputesTheSubtreesGroupAndIsRemoved() {
		Company top = this.fixtures.company("top", "Top");
		Company middle = this.fixtures.subsidiary(top, "middle", "Middle");
		Company leaf = this.fixtures.subsidiary(middle, "leaf", "Leaf");
		this.mongo.getCollection("companies")
			.updateOne(new Document("_id", leaf.id()), new Document("$set",
					new Document("groupId", leaf.id()).append("ancestorIds", java.util.List.of())));
		intent("company-tree", top.id());

		assertThat(this.pendingWrites.repair(Duration.ZERO)).isEqualTo(1);

		Document repaired = this.mongo.getCollection("companies").find(new Document("_id", leaf.id())).first();
		assertThat(repaired.getObjectId("groupId")).isEqualTo(top.id());
		assertThat(repaired.getList("ancestorIds", ObjectId.class)).containsExactly(middle.id(), top.id());
		assertThat(this.mongo.getCollection("pending_writes").countDocuments()).isZero();
	}

	@Test
	void anIntentYoungerThanTheGraceIsLeftToTheWriteThatMayStillBeRunningIt() {
		Company top = this.fixtures.company("top", "Top");
		intent("company-tree", top.id());

		assertThat(this.pendingWrites.repair(Duration.ofMinutes(2))).isZero();

		assertThat(this.mongo.getCollection("pending_writes").countDocuments()).isEqualTo(1);
	}

	private void intent(String kind, ObjectId target) {
		this.mongo.getCollection("pending_writes")
			.insertOne(new Document("_id", new ObjectId()).append("kind", kind).append("target", target)
				.append("at", Instant.now()));
	}

	private static String register(HttpGraphQlTester organizer, Event event, Person person, String segment) {
		return organizer.documentName("registerAttendee")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", event.id()), "personId",
					GlobalId.encode("Person", person.id()), "segment", segment))
			.execute()
			.path("registerAttendee.registration.id")
			.entity(String.class)
			.get();
	}

}
