package dev.marquee.changes;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.Fixtures;
import dev.marquee.support.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** The log is the database's, not a node's: a check-in made on node A reaches a listener on node B. */
class ChangeFeedTwoNodesIT {

	private static TwoNodes nodes;

	@BeforeAll
	static void twoNodes() {
		nodes = TwoNodes.start();
	}

	@AfterAll
	static void stop() {
		nodes.close();
	}

	@Test
	void aCheckInMadeOnNodeAReachesAListenerOnNodeB() throws Exception {
		Fixtures fixtures = nodes.a().fixtures();
		EventSeries expo = fixtures.series("expo", "Expo");
		Event event = fixtures.event(expo, "expo-2026").create();
		Person ada = fixtures.attendee(expo, "Ada Lovelace", null, null);
		HttpGraphQlTester organizerOnA = nodes.a().graphQl().mutate()
			.header("Authorization", "Bearer " + fixtures.token(fixtures.organizer("olga", expo)))
			.build();
		String registration = organizerOnA.documentName("registerAttendee")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", event.id()), "personId",
					GlobalId.encode("Person", ada.id()), "segment", "PRODUCER"))
			.execute()
			.path("registerAttendee.registration.id")
			.entity(String.class)
			.get();
		ChangeLog logOnB = nodes.b().context().getBean(ChangeLog.class);
		BlockingQueue<Change> heardOnB = new LinkedBlockingQueue<>();

		try (AutoCloseable following = nodes.b().context().getBean(ChangeFeed.class)
			.follow(logOnB.version(), heardOnB::add)) {
			organizerOnA.documentName("checkIn").variable("registrationId", registration).execute();

			Change heard = heardOnB.poll(30, TimeUnit.SECONDS);

			assertThat(heard).isNotNull();
			assertThat(heard.kind()).isEqualTo(ChangeKind.CHECKED_IN);
			assertThat(heard.eventId()).isEqualTo(event.id());
			assertThat(heard.data()).containsEntry("checkedIn", 1);
		}
	}

}
