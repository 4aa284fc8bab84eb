package dev.marquee.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.marquee.support.InParallel;
import dev.marquee.support.TestClock;
import dev.marquee.support.TwoNodes;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Cost budgets with the default {@code marquee.rate-limit} budget (capacity 100000 points, 10000 per second),
 * on two nodes sharing one database ({@link TwoNodes}), which trust {@code X-Forwarded-For} from loopback so each
 * test speaks as clients of its own. Time is a frozen clock the test moves: no bucket drains unless a test says
 * so, and no test waits.
 */
class RateLimitIT {

	private static final long CAPACITY = 100_000;

	private static final long RATE = 10_000;

	private static final TestClock clock = TestClock.frozen();

	private static TwoNodes nodes;

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@BeforeAll
	static void startTwoNodes() {
		// the timeout as in the rest of the suite: a slow answer on a busy machine is no runaway request here
		nodes = TwoNodes.start(clock, "marquee.rate-limit.trusted-proxies=127.0.0.1/32,::1/128",
				"marquee.graphql.timeout=2m",
				"spring.main.sources=" + BucketCommands.Registration.class.getName());
	}

	@AfterAll
	static void stopTwoNodes() {
		nodes.close();
	}

	@BeforeEach
	void emptyBucketsAndCompanies() {
		nodes.a().mongo().getCollection(RateBuckets.COLLECTION).deleteMany(new Document());
		nodes.a().mongo().getCollection("companies").deleteMany(new Document());
	}

	@Test
	void anAnswerCarriesWhatItAskedForWhatItReturnedAndTheCallersBudget() {
		companies(3);

		Answer answer = post(nodes.a(), "203.0.113.1", "costOfCompanies", Map.of("first", 50));

		assertThat(answer.status()).isEqualTo(HttpStatus.OK);
		// companies 1 + nodes (1 + 50 x (slug + name)); returned: 3 companies
		assertThat(answer.cost()).containsEntry("requestedQueryCost", 102).containsEntry("actualQueryCost", 8);
		assertThat(answer.cost().get("throttleStatus"))
			.isEqualTo(Map.of("maximumAvailable", 100000, "currentlyAvailable", 99992, "restoreRate", 10000));
		assertThat(answer.header("RateLimit-Limit")).isEqualTo("100000");
		assertThat(answer.header("RateLimit-Remaining")).isEqualTo("99992");
		// 8 points drain in under a second
		assertThat(answer.header("RateLimit-Reset")).isEqualTo("1");
		assertThat(answer.header(HttpHeaders.RETRY_AFTER)).isNull();
	}

	@Test
	void aPublicAnswerThatCachesMayShareCarriesItsCostButNotTheCallersBudgetWhichStaysInTheHeaders() {
		companies(3);
		String query = "{ companies(first: 50) { nodes { slug name } } }";

		EntityExchangeResult<Map<String, Object>> result = nodes.a()
			.http()
			.get()
			.uri((uri) -> uri.path("/graphql").queryParam("query", "{query}").build(query))
			.header("X-Forwarded-For", "203.0.113.9")
			.exchange()
			.expectBody(JSON)
			.returnResult();
		Answer answer = new Answer(HttpStatus.valueOf(result.getStatus().value()), result.getResponseHeaders(),
				result.getResponseBody());

		assertThat(answer.header(HttpHeaders.CACHE_CONTROL)).startsWith("public");
		// the same bytes for everyone the ETag is served to: what the query cost, not what one caller has left
		assertThat(answer.cost()).containsEntry("requestedQueryCost", 102)
			.containsEntry("actualQueryCost", 8)
			.doesNotContainKey("throttleStatus");
		assertThat(answer.header("RateLimit-Remaining")).isEqualTo("99992");
	}

	@Test
	void theUnspentPartOfAReservationIsGivenBackSoOnlyWhatWasReturnedIsCharged() {
		companies(3);
		post(nodes.a(), "203.0.113.2", "costOfCompanies", Map.of("first", 50));

		Answer second = post(nodes.a(), "203.0.113.2", "costOfCompanies", Map.of("first", 100));

		assertThat(second.cost()).containsEntry("requestedQueryCost", 202).containsEntry("actualQueryCost", 8);
		assertThat(available(second)).isEqualTo(CAPACITY - 8 - 8);
		assertThat(bucket("client:203.0.113.2").get("level")).isEqualTo(16.0);
	}

	@Test
	void theDefaultBudgetStopsAFloodWith429AndRetryAfterBeforeTheQueryRuns() {
		companies(50);
		long spent = 0;
		int answered = 0;
		Answer answer = post(nodes.a(), "203.0.113.3", "floodCompanies", Map.of());
		while (answer.status() == HttpStatus.OK) {
			answered++;
			long actual = ((Number) answer.cost().get("actualQueryCost")).longValue();
			assertThat(actual).isEqualTo(30 * (2 + 50 * 11));
			spent += actual;
			assertThat(available(answer)).isEqualTo(CAPACITY - spent);
			answer = post(nodes.a(), "203.0.113.3", "floodCompanies", Map.of());
		}
		// 30 x (2 + 100 x 11) = 33060 requested; after five answers 17200 are left
		assertThat(answered).isEqualTo(5);
		assertThat(answer.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		long wait = (long) Math.ceil((spent + 33060 - CAPACITY) / (double) RATE);
		assertThat(answer.header(HttpHeaders.RETRY_AFTER)).isEqualTo(Long.toString(wait));
		assertThat(answer.header("RateLimit-Remaining")).isEqualTo(Long.toString(CAPACITY - spent));
		assertThat(answer.body()).doesNotContainKey("data");
		assertThat(answer.errors()).singleElement().satisfies((error) -> {
			assertThat(error.get("message")).asString().contains("costs 33060 points").contains("retry in " + wait + " s");
			assertThat(error.get("extensions")).isEqualTo(Map.of("classification", "THROTTLED", "status", 429));
		});
		assertThat(answer.cost()).containsEntry("requestedQueryCost", 33060).containsEntry("actualQueryCost", 0);

		clock.advance(Duration.ofSeconds(wait));
		assertThat(post(nodes.a(), "203.0.113.3", "floodCompanies", Map.of()).status()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void aRefusedRequestReadsOnlyItsBucketAndAnAnsweredOneWritesItTwice() {
		companies(50);
		for (int i = 0; i < 5; i++) {
			assertThat(post(nodes.a(), "203.0.113.4", "floodCompanies", Map.of()).status()).isEqualTo(HttpStatus.OK);
		}
		BucketCommands commands = nodes.a().context().getBean(BucketCommands.class);

		commands.reset();
		Answer refused = post(nodes.a(), "203.0.113.4", "floodCompanies", Map.of());

		assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(commands.onOtherCollections()).as("commands of the query itself").isZero();
		assertThat(commands.onBuckets()).as("the fresh read that confirms the refusal").isEqualTo(1);

		clock.advance(Duration.ofSeconds(60));
		post(nodes.a(), "203.0.113.4", "costOfCompanies", Map.of("first", 100));
		commands.reset();
		Answer answered = post(nodes.a(), "203.0.113.4", "costOfCompanies", Map.of("first", 100));

		assertThat(answered.status()).isEqualTo(HttpStatus.OK);
		assertThat(answered.cost()).containsEntry("requestedQueryCost", 202).containsEntry("actualQueryCost", 102);
		assertThat(commands.onBuckets()).as("reserve, then refund what was not returned").isEqualTo(2);
	}

	@Test
	void spendingOnOneNodeIsSeenOnTheOther() {
		companies(50);
		for (int i = 0; i < 5; i++) {
			Answer answer = post((i % 2 == 0) ? nodes.a() : nodes.b(), "203.0.113.5", "floodCompanies", Map.of());
			assertThat(answer.status()).isEqualTo(HttpStatus.OK);
		}

		Answer onB = post(nodes.b(), "203.0.113.5", "floodCompanies", Map.of());
		Answer onA = post(nodes.a(), "203.0.113.5", "floodCompanies", Map.of());

		assertThat(onB.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(onA.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(available(onB)).isEqualTo(CAPACITY - 5 * 30 * (2 + 50 * 11));
	}

	@Test
	void concurrentRequestsOfOneCallerOnBothNodesAreEachChargedAndNoneRefusedWhileBudgetIsLeft() throws Exception {
		companies(3);
		int threads = 32;
		int each = 4;
		List<Callable<List<Answer>>> callers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			TwoNodes.Node node = (t % 2 == 0) ? nodes.a() : nodes.b();
			callers.add(() -> {
				List<Answer> answers = new ArrayList<>();
				for (int i = 0; i < each; i++) {
					answers.add(post(node, "203.0.113.9", "costOfCompanies", Map.of("first", 50)));
				}
				return answers;
			});
		}
		long charged = 0;
		for (List<Answer> answers : InParallel.run(callers)) {
			for (Answer answer : answers) {
				assertThat(answer.status()).as("%s", answer.body()).isEqualTo(HttpStatus.OK);
				charged += ((Number) answer.cost().get("actualQueryCost")).longValue();
			}
		}

		// the clock stands still: the bucket holds exactly what the answers were charged, none lost or doubled
		assertThat(charged).isEqualTo(threads * each * 8L);
		assertThat(bucket("client:203.0.113.9").get("level", Number.class).doubleValue()).isEqualTo(charged);
	}

	@Test
	void theClientIsTheRightmostForwardedAddressThatIsNoTrustedProxy() {
		companies(1);

		post(nodes.a(), "198.51.100.7, 203.0.113.6, 127.0.0.1", "costOfCompanies", Map.of("first", 1));

		assertThat(nodes.a().mongo().getCollection(RateBuckets.COLLECTION).distinct("_id", String.class)
			.into(new java.util.ArrayList<>())).containsExactly("client:203.0.113.6");
	}

	@Test
	void aSignedInCallerSpendsItsAccountsBudgetFromAnyAddress() {
		companies(3);
		String token = nodes.a().fixtures().token(nodes.a().fixtures().admin("budget-admin"));

		Answer first = post(nodes.a(), "203.0.113.10", token, "costOfCompanies", Map.of("first", 50));
		Answer second = post(nodes.b(), "203.0.113.11", token, "costOfCompanies", Map.of("first", 50));
		Answer anonymous = post(nodes.a(), "203.0.113.10", null, "costOfCompanies", Map.of("first", 50));

		assertThat(available(first)).isEqualTo(CAPACITY - 8);
		assertThat(available(second)).isEqualTo(CAPACITY - 16);
		assertThat(available(anonymous)).isEqualTo(CAPACITY - 8);
	}

	@Test
	void aMutationIsPricedAndChargedToo() {
		String token = nodes.a().fixtures().token(nodes.a().fixtures().admin("budget-writer"));

		Answer answer = post(nodes.a(), "203.0.113.12", token, "createCompany",
				Map.of("input", Map.of("slug", "budget-co", "name", "Budget Co", "kind", "STUDIO")));

		assertThat(answer.status()).isEqualTo(HttpStatus.OK);
		assertThat(((Number) answer.cost().get("requestedQueryCost")).longValue()).isPositive();
		long actual = ((Number) answer.cost().get("actualQueryCost")).longValue();
		assertThat(actual).isPositive();
		assertThat(available(answer)).isEqualTo(CAPACITY - actual);
	}

	@Test
	void introspectionIsFree() {
		Answer answer = post(nodes.a(), "203.0.113.13", null, "{ __schema { queryType { name } } }", Map.of());

		assertThat(answer.cost()).containsEntry("requestedQueryCost", 0).containsEntry("actualQueryCost", 0);
		assertThat(available(answer)).isEqualTo(CAPACITY);
		assertThat(answer.header("RateLimit-Reset")).isEqualTo("0");
	}

	@Test
	void aNegativeLevelEditedByHandIsAnUnusedBucketNeverMoreThanTheCapacity() {
		handEdited("203.0.113.20", new Document("level", -5_000_000.0).append("at", new Date(clock.millis())));
		assertThat(available(chargedEight("203.0.113.20"))).isEqualTo(CAPACITY - 8);
	}

	@Test
	void aLevelAboveTheCapacityEditedByHandIsAFullBucketThatDrains() {
		handEdited("203.0.113.21", new Document("level", 1e12).append("at", new Date(clock.millis())));

		Answer refused = post(nodes.a(), "203.0.113.21", "costOfCompanies", Map.of("first", 50));

		assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(available(refused)).isZero();
		// 102 points drain in under a second
		assertThat(refused.header(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(refused.header("RateLimit-Reset")).isEqualTo("10");
		clock.advance(Duration.ofSeconds(1));
		assertThat(post(nodes.a(), "203.0.113.21", "costOfCompanies", Map.of("first", 50)).status())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void aLevelOfTheWrongTypeEditedByHandIsAnUnusedBucketAndIsReplaced() {
		handEdited("203.0.113.22", new Document("level", "lots").append("at", new Date(clock.millis())));
		assertThat(available(chargedEight("203.0.113.22"))).isEqualTo(CAPACITY - 8);
		assertThat(bucket("client:203.0.113.22").get("level")).isEqualTo(8.0);
	}

	@Test
	void aBucketWithoutItsFieldsIsAnUnusedBucket() {
		handEdited("203.0.113.23", new Document());
		assertThat(available(chargedEight("203.0.113.23"))).isEqualTo(CAPACITY - 8);
	}

	@Test
	void aBucketFromTheFutureDrainsFromNowInsteadOfStayingFull() {
		handEdited("203.0.113.24", new Document("level", 50_000.0)
			.append("at", Date.from(clock.instant().plus(Duration.ofDays(365)))));
		assertThat(available(chargedEight("203.0.113.24"))).isEqualTo(CAPACITY - 50_000 - 8);
		// 50008 points drain in 6 s
		clock.advance(Duration.ofSeconds(6));
		assertThat(available(chargedEight("203.0.113.24"))).isEqualTo(CAPACITY - 8);
	}

	@Test
	void theSweepDeletesBucketsThatHaveDrainedAndKeepsTheOthers() {
		// drained: older than capacity ÷ rate (10 s) plus the second a level may be added to without moving `at`
		handEdited("203.0.113.30", new Document("level", 5.0).append("at", Date.from(clock.instant().minusSeconds(12))));
		handEdited("203.0.113.31", new Document("level", 5.0).append("at", Date.from(clock.instant().minusSeconds(9))));

		nodes.a().context().getBean(RateBuckets.class).sweep();

		assertThat(nodes.a().mongo().getCollection(RateBuckets.COLLECTION).distinct("_id", String.class)
			.into(new java.util.ArrayList<>())).containsExactly("client:203.0.113.31");
	}

	private Answer chargedEight(String client) {
		if (nodes.a().mongo().getCollection("companies").countDocuments() == 0) {
			companies(3);
		}
		Answer answer = post(nodes.a(), client, "costOfCompanies", Map.of("first", 50));
		assertThat(answer.status()).isEqualTo(HttpStatus.OK);
		assertThat(answer.cost()).containsEntry("actualQueryCost", 8);
		return answer;
	}

	private static void handEdited(String client, Document fields) {
		Document bucket = new Document("_id", "client:" + client);
		bucket.putAll(fields);
		nodes.b().mongo().getCollection(RateBuckets.COLLECTION).insertOne(bucket);
	}

	private static Document bucket(String key) {
		return nodes.a().mongo().getCollection(RateBuckets.COLLECTION).find(new Document("_id", key)).first();
	}

	private static void companies(int count) {
		for (int i = 0; i < count; i++) {
			nodes.a().fixtures().company(String.format("budget-company-%03d", i), "Budget Company " + i);
		}
	}

	private static long available(Answer answer) {
		@SuppressWarnings("unchecked")
		Map<String, Object> status = (Map<String, Object>) answer.cost().get("throttleStatus");
		return ((Number) status.get("currentlyAvailable")).longValue();
	}

	private static Answer post(TwoNodes.Node node, String forwardedFor, String document, Map<String, Object> variables) {
		return post(node, forwardedFor, null, document, variables);
	}

	/** POSTs a document (a file name of graphql-test/, or the text itself) as this client, signed in with a token. */
	private static Answer post(TwoNodes.Node node, String forwardedFor, String token, String document,
			Map<String, Object> variables) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", document.startsWith("{") ? document : read(document));
		body.put("variables", variables);
		WebTestClient.RequestBodySpec request = node.http()
			.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Forwarded-For", forwardedFor);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		EntityExchangeResult<Map<String, Object>> result = request.bodyValue(body)
			.exchange()
			.expectBody(JSON)
			.returnResult();
		return new Answer(HttpStatus.valueOf(result.getStatus().value()), result.getResponseHeaders(),
				result.getResponseBody());
	}

	private static String read(String name) {
		try {
			return new ClassPathResource("graphql-test/" + name + ".graphql").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Answer(HttpStatus status, HttpHeaders headers, Map<String, Object> body) {

		String header(String name) {
			return this.headers.getFirst(name);
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> cost() {
			Map<String, Object> extensions = (Map<String, Object>) this.body.get("extensions");
			assertThat(extensions).as("extensions of %s", this.body).containsKey("cost");
			return (Map<String, Object>) extensions.get("cost");
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> errors() {
			return (List<Map<String, Object>>) this.body.get("errors");
		}

	}

}
