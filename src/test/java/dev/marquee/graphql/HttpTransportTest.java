package dev.marquee.graphql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.MediaTypes;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The pure parts of {@link HttpTransport}: media type negotiation, parameter checks, mutation detection. */
class HttpTransportTest {

	@Test
	void theAnswerTakesTheAcceptableMediaTypeOfHighestQualityThenTheFirst() {
		assertThat(type("")).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(type("*/*")).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(type("application/*")).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(type("application/graphql-response+json, application/json")).isEqualTo(MediaTypes.APPLICATION_GRAPHQL_RESPONSE);
		assertThat(type("application/json, application/graphql-response+json")).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(type("application/json;q=0.9, application/graphql-response+json")).isEqualTo(MediaTypes.APPLICATION_GRAPHQL_RESPONSE);
		assertThat(type("application/graphql-response+json;charset=utf-8")).isEqualTo(MediaTypes.APPLICATION_GRAPHQL_RESPONSE);
		assertThat(type("text/html, */*;q=0.8")).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(type("text/html")).isNull();
		assertThat(type("application/json;q=0")).isNull();
		assertThat(type("text/*")).isNull();
	}

	@Test
	void wellFormedParametersAreKeptAndEmptyOptionalOnesDropped() throws Exception {
		Map<String, Object> parameters = new HashMap<>(Map.of("query", "{ a }", "operationName", "", "variables", "",
				"other", 1));
		parameters.put("extensions", null);
		assertThat(HttpTransport.check(parameters)).containsExactly(Map.entry("query", "{ a }"));
		assertThat(HttpTransport.check(Map.of("query", "query A { a }", "operationName", "A", "variables", Map.of("x", 1))))
			.containsOnlyKeys("query", "operationName", "variables");
	}

	@Test
	void parametersOfTheWrongKindAreRefusedNamingTheParameter() {
		assertRefused(Map.of(), "`query` is missing");
		assertRefused(Map.of("query", " "), "`query` is missing or empty");
		assertRefused(Map.of("query", 0), "`query` is the GraphQL document as a string, was a number");
		assertRefused(Map.of("query", List.of("{ a }")), "was a list");
		assertRefused(Map.of("query", "{ a }", "operationName", false), "`operationName` is a string, was a boolean");
		assertRefused(Map.of("query", "{ a }", "variables", List.of(7)), "`variables` is a JSON object, was a list");
		assertRefused(Map.of("query", "{ a }", "extensions", "x"), "`extensions` is a JSON object, was a string");
	}

	@Test
	void aPersistedQueryExtensionMayStandForTheQuery() throws Exception {
		Map<String, Object> extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", "0".repeat(64)));
		assertThat(HttpTransport.check(Map.of("extensions", extensions))).containsOnlyKeys("extensions");
		assertThat(HttpTransport.check(Map.of("query", "", "extensions", extensions))).containsOnlyKeys("extensions");
		assertThat(HttpTransport.check(Map.of("query", "{ a }", "extensions", extensions))).containsOnlyKeys("query", "extensions");
		assertRefused(Map.of("extensions", Map.of("other", 1)), "`query` is missing");
		assertRefused(Map.of("query", 7, "extensions", extensions), "`query` is the GraphQL document as a string");
	}

	@Test
	void theOperationToRunDecidesWhetherItIsAMutation() {
		assertThat(HttpTransport.isMutation("mutation { a }", null)).isTrue();
		assertThat(HttpTransport.isMutation("{ a }", null)).isFalse();
		assertThat(HttpTransport.isMutation("query Q { a } mutation M { b }", "M")).isTrue();
		assertThat(HttpTransport.isMutation("query Q { a } mutation M { b }", "Q")).isFalse();
		// undetermined or unparsable: execution answers with its own error, nothing runs
		assertThat(HttpTransport.isMutation("query Q { a } mutation M { b }", null)).isFalse();
		assertThat(HttpTransport.isMutation("mutation M { b }", "Other")).isFalse();
		assertThat(HttpTransport.isMutation("mutation {", null)).isFalse();
		assertThat(HttpTransport.isMutation("fragment F on Query { a }", null)).isFalse();
	}

	@Test
	void aDocumentTheCacheKeptIsReadInsteadOfParsedAgain() {
		// the text does not parse: only the kept document can say it is a mutation
		assertThat(HttpTransport.isMutation(Parser.parse("mutation M { b }"), "mutation M {", null)).isTrue();
		assertThat(HttpTransport.isMutation(Parser.parse("query Q { a } mutation M { b }"), "mutation M {", "Q")).isFalse();
	}

	private static MediaType type(String accept) {
		return HttpTransport.responseType(MediaType.parseMediaTypes(accept));
	}

	private static void assertRefused(Map<String, Object> parameters, String message) {
		assertThatExceptionOfType(HttpTransport.NotAGraphQlRequest.class).isThrownBy(() -> HttpTransport.check(parameters))
			.withMessageContaining(message);
	}

}
