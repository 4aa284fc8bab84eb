package dev.marquee.graphql;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The execution guard stops the work itself, not only the answer: past the deadline or the answer size,
 * no further field is fetched. Time is a fake clock that every fetch moves on by one second.
 */
class ExecutionGuardTest {

	private static final String SDL = """
			type Query { items(n: Int!): [Item!]! }
			type Mutation { touch: Int! }
			type Item { name: String! }
			""";

	private final AtomicLong clock = new AtomicLong();

	private final AtomicInteger fetches = new AtomicInteger();

	@Test
	void aRequestPastItsDeadlineFetchesNoFurtherFieldAndAnswersOneError() {
		ExecutionResult result = run(Duration.ofSeconds(5), 1_000_000, "{ items(n: 100) { name } }");

		assertThat(this.fetches.get()).as("fields fetched").isLessThanOrEqualTo(6);
		assertThat(result.isDataPresent()).isFalse();
		assertThat(result.getErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getMessage()).contains("longer than 5 s");
			assertThat(error.getExtensions()).containsEntry("limit", "TIMEOUT");
			assertThat(error.getErrorType().toString()).isEqualTo("ExecutionAborted");
		});
	}

	@Test
	void anAnswerGrowingPastItsLimitIsStoppedAndReplacedByOneError() {
		ExecutionResult result = run(Duration.ofDays(1), 1_000, "{ items(n: 1000) { name } }");

		assertThat(this.fetches.get()).as("fields fetched").isLessThan(60);
		assertThat(result.isDataPresent()).isFalse();
		assertThat(result.getErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getMessage()).contains("larger than 1000 bytes");
			assertThat(error.getExtensions()).containsEntry("limit", "RESPONSE_SIZE");
		});
	}

	@Test
	void aRequestWithinItsLimitsIsAnsweredWhole() {
		ExecutionResult result = run(Duration.ofSeconds(200), 1_000_000, "{ items(n: 100) { name } }");

		assertThat(result.getErrors()).isEmpty();
		assertThat(((Map<String, List<?>>) result.getData()).get("items")).hasSize(100);
		assertThat(this.fetches.get()).isEqualTo(100);
	}

	@Test
	void noMutationStartsAfterTheDeadline() {
		ExecutionResult result = run(Duration.ofMillis(1500), 1_000_000, "mutation { a: touch b: touch c: touch }");

		assertThat(this.fetches.get()).as("mutations run").isEqualTo(2);
		assertThat(result.getErrors()).singleElement()
			.satisfies((error) -> assertThat(error.getMessage()).contains("longer than 1500 ms"));
	}

	private ExecutionResult run(Duration timeout, long maxBytes, String document) {
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Query", (type) -> type.dataFetcher("items",
					(env) -> Collections.nCopies(env.<Integer>getArgument("n"), Map.of())))
			.type("Mutation", (type) -> type.dataFetcher("touch", (env) -> tick()))
			.type("Item", (type) -> type.dataFetcher("name", (env) -> "item-" + "x".repeat(20) + tick()))
			.build();
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
		ExecutionGuard guard = new ExecutionGuard(timeout, maxBytes, this.clock::get);
		return GraphQL.newGraphQL(schema).instrumentation(guard).build().execute(document);
	}

	private int tick() {
		this.clock.addAndGet(Duration.ofSeconds(1).toNanos());
		return this.fetches.incrementAndGet();
	}

}
