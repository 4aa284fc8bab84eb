package dev.marquee.graphql;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.marquee.company.Company;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents over a limit, or invalid, are answered with a spec-shaped error and never executed: no
 * {@code data} key and not one MongoDB command.
 */
class QueryLimitsIT extends IntegrationTest {

	@BeforeEach
	void aParentChainOfTwelveCompanies() {
		Company parent = this.fixtures.company("c0", "C0");
		for (int i = 1; i < 12; i++) {
			parent = this.fixtures.subsidiary(parent, "c" + i, "C" + i);
		}
	}

	@Test
	void depthOfTwelveIsServed() {
		// company + 10 x parent + name = 12 levels
		this.graphQl.document(parentChain(10)).execute().errors().verify()
			.path("company" + ".parent".repeat(10) + ".slug").entity(String.class).isEqualTo("c1");
	}

	@Test
	void depthAboveTwelveIsRefusedBeforeExecution() {
		assertRefusedUnexecuted(parentChain(11), "ExecutionAborted", "depth");
	}

	@Test
	void costAboveTheBudgetIsRefusedBeforeExecution() {
		assertRefusedUnexecuted(this.graphQl.documentName("tooExpensive"), "ExecutionAborted", "complexity");
	}

	@Test
	void listsWithoutFirstArePricedByTheirBoundSoA175ByteQueryOverThemIsRefused() {
		// counted 15,601 while lists without `first` cost 1; 100 sponsorships x 50 sessions x 20 speakers now
		String document = "{ companies(first: 100) { nodes { subsidiaries { subsidiaries { sponsorships(includeSubsidiaries: "
				+ "true) { event { sessions { nodes { speakers { name } } } } } } } } } }";
		assertRefusedUnexecuted(document, "ExecutionAborted", "complexity");
	}

	@Test
	void aListThatGrowsWithTheDataAnswersAtMostItsDeclaredBound() {
		Company group = this.fixtures.company("big", "Big");
		for (int i = 0; i < 101; i++) {
			this.fixtures.subsidiary(group, String.format("big-%03d", i), String.format("Big %03d", i));
		}
		this.graphQl.document("{ company(slug: \"big\") { subsidiaries { slug } } }").execute().errors().verify()
			.path("company.subsidiaries[*].slug").entityList(String.class).hasSize(100).contains("big-000", "big-099")
			.doesNotContain("big-100");
	}

	@Test
	void thirtyAliasesAreServedAndThirtyOneRefused() {
		this.graphQl.document(aliases(30)).execute().errors().verify().path("a29.slug").entity(String.class)
			.isEqualTo("c0");
		assertRefusedUnexecuted(aliases(31), "ExecutionAborted", "31 aliases");
	}

	@Test
	void documentAbove100KilobytesIsRefusedBeforeExecution() {
		String padding = "#" + "x".repeat(102_400) + "\n";
		assertRefusedUnexecuted(padding + "{ company(slug: \"c0\") { slug } }", "ExecutionAborted", "bytes");
	}

	@Test
	void syntaxErrorIsInvalidSyntaxAndNotExecuted() {
		assertRefusedUnexecuted(this.graphQl.documentName("syntaxError"), "InvalidSyntax", "");
	}

	@Test
	void unknownFieldIsAValidationErrorAndNotExecuted() {
		assertRefusedUnexecuted(this.graphQl.documentName("unknownField"), "ValidationError", "ticketPrice");
	}

	@Test
	void variableOfTheWrongTypeIsAValidationErrorAndNotExecuted() {
		assertRefusedUnexecuted(this.graphQl.documentName("eventsPage").variable("first", "twenty"),
				"ValidationError", "first");
	}

	private static String parentChain(int parents) {
		return "{ company(slug: \"c11\") { " + "parent { ".repeat(parents) + "slug" + " }".repeat(parents) + " } }";
	}

	private static String aliases(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> "a" + i + ": company(slug: \"c0\") { slug }")
			.collect(Collectors.joining(" ", "{ ", " }"));
	}

	private void assertRefusedUnexecuted(String document, String classification, String messagePart) {
		assertRefusedUnexecuted(this.graphQl.document(document), classification, messagePart);
	}

	private void assertRefusedUnexecuted(GraphQlTester.Request<?> request, String classification, String messagePart) {
		this.mongoCommands.reset();
		GraphQlTester.Response response = request.execute();
		assertThat(this.mongoCommands.byName()).as("MongoDB commands of a refused document").isEmpty();
		assertOnlyError(response, classification, messagePart);
	}

	@Test
	void refusedDocumentsCarryNoDataKey() {
		for (String document : new String[] { parentChain(11), aliases(31), "{ events { nodes { slug }" ,
				"{ events { nodes { nope } } }" }) {
			this.http.post()
				.uri("/graphql")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("query", document))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.errors[0].message")
				.exists()
				.jsonPath("$.data")
				.doesNotExist();
		}
	}

}
