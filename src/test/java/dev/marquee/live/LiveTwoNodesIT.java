package dev.marquee.live;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.marquee.account.Account;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app nodes on one database: a subscriber on node B hears of a check-in made on node A (the change log
 * is the only thing the nodes share).
 */
class LiveTwoNodesIT {

	private static TwoNodes nodes;

	@BeforeAll
	static void startTwoNodes() {
		// nodes behind a proxy on this machine (as bench/cluster.sh runs them), which may name the client
		nodes = TwoNodes.start("marquee.rate-limit.trusted-proxies=127.0.0.1/32,::1/128",
				"marquee.live.max-connections-per-client=2");
	}

	@AfterAll
	static void stopTwoNodes() {
		nodes.close();
	}

	@Test
	void aSubscriberOnNodeBReceivesACheckInMadeOnNodeA() throws IOException {
		EventSeries expo = nodes.a().fixtures().series("two-node-expo", "Expo");
		Account olga = nodes.a().fixtures().organizer("two-node-olga", expo);
		Event edition = nodes.a().fixtures().event(expo, "two-node-expo-2026").create();
		Person ada = nodes.a().fixtures().person("Ada Lovelace", null);
		HttpGraphQlTester onA = nodes.a().graphQl().mutate()
			.header("Authorization", "Bearer " + nodes.a().fixtures().token(olga))
			.build();

		try (RawSocket onB = RawSocket.open(nodes.b().port())) {
			onB.init(null);
			onB.subscribe("a", "attendanceChanged", Map.of("eventSlug", "two-node-expo-2026"));
			assertThat(counters(onB.nextOf("next"))).containsExactly(0, 0);

			String registration = onA.documentName("registerAttendee")
				.variable("input", Map.of("eventId", GlobalId.encode("Event", edition.id()), "personId",
						GlobalId.encode("Person", ada.id()), "segment", "PRODUCER"))
				.execute()
				.path("registerAttendee.registration.id")
				.entity(String.class)
				.get();
			onA.documentName("checkIn").variable("registrationId", registration).execute()
				.path("checkIn.errors").entityList(Object.class).hasSize(0);

			List<Integer> last = counters(onB.nextOf("next"));
			if (!last.equals(List.of(1, 1))) {
				assertThat(last).containsExactly(1, 0);
				last = counters(onB.nextOf("next"));
			}
			assertThat(last).containsExactly(1, 1);
		}
	}

	@Test
	void behindATrustedProxyEveryClientItNamesHasItsOwnSockets() throws IOException {
		String first = "X-Forwarded-For: 203.0.113.7";
		try (RawSocket one = RawSocket.open(nodes.b().port(), "graphql-transport-ws", null, 0, first);
				RawSocket two = RawSocket.open(nodes.b().port(), "graphql-transport-ws", null, 0, first)) {
			one.init(null);
			two.init(null);
			try (RawSocket third = RawSocket.open(nodes.b().port(), "graphql-transport-ws", null, 0, first)) {
				assertThat(third.awaitClose()).isEqualTo(1008);
			}
			// another visitor through the same proxy
			try (RawSocket other = RawSocket.open(nodes.b().port(), "graphql-transport-ws", null, 0,
					"X-Forwarded-For: 203.0.113.8")) {
				other.init(null);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Integer> counters(Map<String, Object> next) {
		Map<String, Object> payload = (Map<String, Object>) next.get("payload");
		Map<String, Object> summary = (Map<String, Object>) ((Map<String, Object>) payload.get("data"))
			.get("attendanceChanged");
		return List.of((Integer) summary.get("registered"), (Integer) summary.get("checkedIn"));
	}

}
