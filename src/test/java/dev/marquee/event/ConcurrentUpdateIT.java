package dev.marquee.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.marquee.audit.AuditEntry;
import dev.marquee.graphql.GlobalId;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Two organizers of one series update the same edition at the same moment, from the same version,
 * round after round: exactly one wins each version, the other is told VERSION_MISMATCH, and no update
 * is lost (every win is a version step and an audit entry by its winner).
 */
class ConcurrentUpdateIT extends IntegrationTest {

	private static final int ROUNDS = 10;

	private final ExecutorService clients = Executors.newFixedThreadPool(2);

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	@Test
	void concurrentUpdatesFromTheSameVersionHaveExactlyOneWinnerEachAndLoseNothing() throws Exception {
		EventSeries expo = this.fixtures.series("expo", "Expo");
		Event event = this.fixtures.event(expo, "expo-2026").create();
		String id = GlobalId.encode("Event", event.id());
		Map<String, HttpGraphQlTester> organizers = Map.of("olga",
				graphQlAs(this.fixtures.token(this.fixtures.organizer("olga", expo))), "oskar",
				graphQlAs(this.fixtures.token(this.fixtures.organizer("oskar", expo))));
		List<String> winners = new ArrayList<>();

		for (int round = 0; round < ROUNDS; round++) {
			int version = 1 + round;
			CountDownLatch start = new CountDownLatch(1);
			Map<String, Future<GraphQlTester.Response>> calls = new java.util.TreeMap<>();
			for (Map.Entry<String, HttpGraphQlTester> organizer : organizers.entrySet()) {
				String name = "Renamed by " + organizer.getKey() + " in round " + round;
				calls.put(organizer.getKey(), this.clients.submit(() -> {
					start.await();
					return organizer.getValue()
						.documentName("updateEvent")
						.variable("input", Map.of("id", id, "expectedVersion", version, "name", name))
						.execute();
				}));
			}
			start.countDown();

			List<String> roundWinners = new ArrayList<>();
			for (Map.Entry<String, Future<GraphQlTester.Response>> call : calls.entrySet()) {
				GraphQlTester.Response response = call.getValue().get(60, TimeUnit.SECONDS);
				List<Object> errors = response.path("updateEvent.errors[*].code").entityList(Object.class).get();
				if (errors.isEmpty()) {
					response.path("updateEvent.event.version").entity(Integer.class).isEqualTo(version + 1);
					roundWinners.add(call.getKey());
				}
				else {
					assertThat(errors).containsExactly("VERSION_MISMATCH");
				}
			}
			assertThat(roundWinners).as("winners of version %d", version).hasSize(1);
			winners.add(roundWinners.get(0));
		}

		Event stored = this.mongo.findById(event.id(), Event.class);
		assertThat(stored.version()).isEqualTo(1 + winners.size()).isEqualTo(1 + ROUNDS);
		assertThat(stored.name()).isEqualTo("Renamed by " + winners.get(ROUNDS - 1) + " in round " + (ROUNDS - 1));
		List<AuditEntry> updates = this.mongo.find(
				Query.query(Criteria.where("action").is("updateEvent").and("objectId").is(event.id())), AuditEntry.class);
		assertThat(updates).hasSize(ROUNDS);
		for (int round = 0; round < ROUNDS; round++) {
			int before = 1 + round;
			String winner = winners.get(round);
			assertThat(updates).filteredOn((e) -> e.versionBefore() == before)
				.singleElement()
				.satisfies((e) -> {
					assertThat(e.versionAfter()).isEqualTo(before + 1);
					assertThat(e.actor()).isEqualTo(winner);
				});
		}
	}

}
