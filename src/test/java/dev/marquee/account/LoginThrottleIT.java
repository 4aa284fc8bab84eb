package dev.marquee.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.marquee.support.Fixtures;
import dev.marquee.support.TestClock;
import dev.marquee.support.TwoNodes;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Sign-in throttling as several app nodes and several clients see it: two nodes on one database
 * ({@link TwoNodes}) that trust {@code X-Forwarded-For} from loopback, as behind a reverse proxy
 * ({@code server.forward-headers-strategy=native}), so each test can speak as several clients. Time is
 * a clock the test moves; no test waits.
 */
class LoginThrottleIT {

	private static final TestClock clock = TestClock.movable();

	private static TwoNodes nodes;

	@BeforeAll
	static void startTwoNodes() {
		nodes = TwoNodes.start(clock, "server.forward-headers-strategy=native");
	}

	@AfterAll
	static void stopTwoNodes() {
		nodes.close();
	}

	@BeforeEach
	void forgetEveryAccountAndGuess() {
		clock.reset();
		nodes.a().mongo().getCollection(Account.COLLECTION).deleteMany(new Document());
		nodes.a().mongo().getCollection(LoginThrottle.COLLECTION).deleteMany(new Document());
	}

	@Test
	void failuresOnOneNodeCountOnTheOtherSoABurstAcrossBothStaysWithinTheLimit() throws Exception {
		nodes.a().fixtures().organizer("two-node-target");
		ExecutorService pool = Executors.newFixedThreadPool(40);
		List<HttpStatus> statuses = new ArrayList<>();
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<HttpStatus>> answers = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				WebTestClient node = (i % 2 == 0) ? nodes.a().http() : nodes.b().http();
				String password = "wrong-password-" + i;
				answers.add(pool.submit(() -> {
					start.await();
					return HttpStatus.valueOf(signIn(node, "203.0.113.7", "two-node-target", password).getStatus().value());
				}));
			}
			start.countDown();
			for (Future<HttpStatus> answer : answers) {
				statuses.add(answer.get(60, TimeUnit.SECONDS));
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(statuses).as("guesses evaluated (401) on both nodes together")
			.filteredOn((status) -> status == HttpStatus.UNAUTHORIZED)
			.hasSizeLessThanOrEqualTo(5);
		assertThat(statuses).containsOnly(HttpStatus.UNAUTHORIZED, HttpStatus.TOO_MANY_REQUESTS);
		assertThat(signIn(nodes.a().http(), "203.0.113.7", "two-node-target", Fixtures.PASSWORD).getStatus())
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(signIn(nodes.b().http(), "203.0.113.7", "two-node-target", Fixtures.PASSWORD).getStatus())
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void sequentialFailuresOnNodeACountOnNodeB() {
		nodes.a().fixtures().organizer("sequential-target");
		for (int i = 0; i < 3; i++) {
			assertThat(signIn(nodes.a().http(), "203.0.113.8", "sequential-target", "wrong-" + i).getStatus())
				.isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		for (int i = 3; i < 5; i++) {
			assertThat(signIn(nodes.b().http(), "203.0.113.8", "sequential-target", "wrong-" + i).getStatus())
				.isEqualTo(HttpStatus.UNAUTHORIZED);
		}

		EntityExchangeResult<byte[]> sixth = signIn(nodes.b().http(), "203.0.113.8", "sequential-target",
				Fixtures.PASSWORD);

		assertThat(sixth.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(sixth.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
	}

	@Test
	void theOwnerSigningInFromAnotherClientIsNotLockedOutByAnAttackersFailures() {
		nodes.a().fixtures().organizer("owner");
		for (int i = 0; i < 5; i++) {
			assertThat(signIn(nodes.a().http(), "203.0.113.66", "owner", "attacker-guess-" + i).getStatus())
				.isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		assertThat(signIn(nodes.a().http(), "203.0.113.66", "owner", "attacker-guess-5").getStatus())
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

		// on the node that saw every failure, and on the other
		assertThat(signIn(nodes.a().http(), "198.51.100.20", "owner", Fixtures.PASSWORD).getStatus())
			.isEqualTo(HttpStatus.OK);
		assertThat(signIn(nodes.b().http(), "198.51.100.20", "owner", Fixtures.PASSWORD).getStatus())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void manyAttackingClientsOnlyDelayTheOwnerByAShortWaitThatGrowsWithEveryFurtherFailure() {
		nodes.a().fixtures().organizer("popular");
		// two clients use their five guesses each: the account's ten free failures
		for (int i = 0; i < 10; i++) {
			String client = "203.0.113." + (100 + i / 5);
			assertThat(signIn(nodes.a().http(), client, "popular", "guess-" + i).getStatus())
				.isEqualTo(HttpStatus.UNAUTHORIZED);
		}

		EntityExchangeResult<byte[]> owner = signIn(nodes.b().http(), "198.51.100.30", "popular", Fixtures.PASSWORD);
		assertThat(owner.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(owner.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");

		clock.advance(Duration.ofSeconds(1));
		assertThat(signIn(nodes.a().http(), "203.0.113.102", "popular", "guess-10").getStatus())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		owner = signIn(nodes.b().http(), "198.51.100.30", "popular", Fixtures.PASSWORD);
		assertThat(owner.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(owner.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");

		clock.advance(Duration.ofSeconds(2));
		assertThat(signIn(nodes.b().http(), "198.51.100.30", "popular", Fixtures.PASSWORD).getStatus())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void theOwnersOwnSignInsNeverThrottleIt() {
		nodes.a().fixtures().organizer("frequent");
		for (int i = 0; i < 12; i++) {
			WebTestClient node = (i % 2 == 0) ? nodes.a().http() : nodes.b().http();
			assertThat(signIn(node, "198.51.100.40", "frequent", Fixtures.PASSWORD).getStatus()).as("sign-in %d", i)
				.isEqualTo(HttpStatus.OK);
		}
	}

	@Test
	void expiredThrottleRecordsArePurged() {
		signIn(nodes.a().http(), "203.0.113.9", "purged-user", "wrong-password");
		assertThat(nodes.a().mongo().getCollection(LoginThrottle.COLLECTION).countDocuments()).isEqualTo(2);

		clock.advance(Duration.ofMinutes(16));
		nodes.b().context().getBean(LoginThrottle.class).purge();

		assertThat(nodes.a().mongo().getCollection(LoginThrottle.COLLECTION).countDocuments()).isZero();
	}

	private static EntityExchangeResult<byte[]> signIn(WebTestClient node, String client, String username,
			String password) {
		return node.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", client)
			.headers((h) -> h.setBasicAuth(username, password))
			.exchange()
			.expectBody()
			.returnResult();
	}

}
