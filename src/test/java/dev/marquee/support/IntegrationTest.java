package dev.marquee.support;

import java.time.Duration;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of every integration test: the whole application on a random port over the backend
 * {@link TestBackend} picks, driven over HTTP. All subclasses share one Spring context (keep the
 * annotations here and nowhere else), and each test starts from empty collections (indexes kept).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(IntegrationTestConfiguration.class)
public abstract class IntegrationTest {

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	protected MongoCommandCounter mongoCommands;

	/** Speaks GraphQL to {@code /graphql}; documents come from {@code graphql-test/}. */
	protected HttpGraphQlTester graphQl;

	/** Plain HTTP to the server root, for transport-level and actuator checks. */
	protected WebTestClient http;

	protected Fixtures fixtures;

	/** The {@code marquee.metrics.scrape-token} of the application under test. */
	protected static final String SCRAPE_TOKEN = "scrape-token-of-the-test-suite";

	@DynamicPropertySource
	static void backend(DynamicPropertyRegistry registry) {
		TestBackend.register(registry);
		registry.add("marquee.metrics.scrape-token", () -> SCRAPE_TOKEN);
		// the suite shares a few cores with other builds: a slow answer is no runaway request here
		// (ExecutionGuardTest shows the timeout stopping the work)
		registry.add("marquee.graphql.timeout", () -> "2m");
		// thousands of requests from one address, and exact MongoDB command counts: budgets are off here and on in
		// graphql/RateLimitIT, which runs the default configuration on two nodes
		registry.add("marquee.rate-limit.enabled", () -> "false");
		// fixtures write straight to the database, advancing no data version: a node keeping public answers would
		// serve a test the answer of the data before them (HttpCacheAcrossNodesIT runs the default, which keeps them)
		registry.add("marquee.graphql.http-cache.answers", () -> "0B");
		// LiveSubscriptionsIT waits for a WebSocket's missing connection_init: 2 s rather than 10
		registry.add("marquee.live.connection-init-timeout", () -> "2s");
	}

	@BeforeEach
	void connectAndEmptyTheDatabase() {
		this.http = client("http://localhost:" + this.port);
		this.graphQl = HttpGraphQlTester.create(client("http://localhost:" + this.port + "/graphql"));
		this.fixtures = new Fixtures(this.context);
		for (String collection : this.mongo.getCollectionNames()) {
			// the change log's counter goes on across tests: its seq only grows, as the node's follower expects
			if (!collection.startsWith("system.") && !collection.equals("change_counters")) {
				this.mongo.getCollection(collection).deleteMany(new Document());
			}
		}
	}

	static WebTestClient client(String baseUrl) {
		return WebTestClient.bindToServer(new JdkClientHttpConnector())
			.baseUrl(baseUrl)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * Asserts the response holds exactly one error, of this classification, whose message contains
	 * {@code messagePart}.
	 */
	protected static void assertOnlyError(GraphQlTester.Response response, String classification,
			String messagePart) {
		response.errors().satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.getExtensions()).containsEntry("classification", classification);
			assertThat(error.getMessage()).contains(messagePart);
		}));
	}

	/**
	 * Asserts the response holds at least one error and that every error is of this classification
	 * with a message containing {@code messagePart} (a field failing in every row of a list).
	 */
	protected static void assertEveryError(GraphQlTester.Response response, String classification,
			String messagePart) {
		response.errors().satisfy((errors) -> assertThat(errors).isNotEmpty().allSatisfy((error) -> {
			assertThat(error.getExtensions()).containsEntry("classification", classification);
			assertThat(error.getMessage()).contains(messagePart);
		}));
	}

	/** The database the application under test uses: unique to the run on a real MongoDB. */
	protected static String databaseName() {
		return (TestBackend.kind() == TestBackend.Kind.EMBEDDED) ? "marquee" : TestBackend.DATABASE;
	}

	/** Speaks GraphQL to {@code /graphql} with this bearer token. */
	protected HttpGraphQlTester graphQlAs(String token) {
		return this.graphQl.mutate().header("Authorization", "Bearer " + token).build();
	}

	/** A GraphQL tester for another running server (a second application started by a test). */
	public static HttpGraphQlTester graphQlAt(int port) {
		return HttpGraphQlTester.create(client("http://localhost:" + port + "/graphql"));
	}

	/** What Prometheus would scrape, read with the suite's scrape token. */
	protected String prometheus() {
		return this.http.get()
			.uri("/actuator/prometheus")
			.header("Authorization", "Bearer " + SCRAPE_TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
