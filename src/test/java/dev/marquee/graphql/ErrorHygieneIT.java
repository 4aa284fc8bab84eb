package dev.marquee.graphql;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.marquee.support.IntegrationTest;
import dev.marquee.support.IntegrationTestConfiguration;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No response reveals internals: no exception class, stack frame or internal message, whatever the
 * client sends and whatever fails inside; transport-level garbage is a 4xx, never a 500.
 */
class ErrorHygieneIT extends IntegrationTest {

	private static final String FAULT_QUERY = "query($id: ID!) { node(id: $id) { id } }";

	@Test
	void unexpectedFaultIsAnsweredWithAGenericMessageAndAnErrorIdOnly() {
		String faultyId = GlobalId.encode(IntegrationTestConfiguration.FAULTY_TYPE, new ObjectId());

		this.graphQl.document(FAULT_QUERY).variable("id", faultyId).execute().errors().satisfy((errors) -> {
			assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).containsEntry("classification", "INTERNAL_ERROR")
					.containsKey("errorId");
				String errorId = (String) error.getExtensions().get("errorId");
				assertThat(errorId).matches("[0-9a-f-]{36}");
				assertThat(error.getMessage()).contains(errorId).doesNotContain(IntegrationTestConfiguration.SECRET);
				assertThat(error.getPath()).isEqualTo("node");
			});
		});
		String body = post(MediaType.APPLICATION_JSON, json(FAULT_QUERY, Map.of("id", faultyId))).getResponseBody();
		assertClean(body);
		assertThat(body).doesNotContain(IntegrationTestConfiguration.SECRET).doesNotContain("IllegalState");
	}

	@Test
	void noResponseRevealsInternals() {
		String faultyId = GlobalId.encode(IntegrationTestConfiguration.FAULTY_TYPE, new ObjectId());
		Map<String, EntityExchangeResult<String>> results = new LinkedHashMap<>();
		results.put("fault", post(MediaType.APPLICATION_JSON, json(FAULT_QUERY, Map.of("id", faultyId))));
		results.put("first above the limit", post(MediaType.APPLICATION_JSON, json("{ events(first: 101) { totalCount } }", Map.of())));
		results.put("bad cursor", post(MediaType.APPLICATION_JSON, json("{ events(after: \"bad\") { totalCount } }", Map.of())));
		results.put("syntax error", post(MediaType.APPLICATION_JSON, json("{ events { ", Map.of())));
		results.put("unknown field", post(MediaType.APPLICATION_JSON, json("{ nope }", Map.of())));
		results.put("variable of the wrong type", post(MediaType.APPLICATION_JSON,
				json("query($f: Int) { events(first: $f) { totalCount } }", Map.of("f", "x"))));
		results.put("bad DateTime", post(MediaType.APPLICATION_JSON,
				json("query($f: EventFilter) { events(filter: $f) { totalCount } }", Map.of("f", Map.of("startsAfter", "yesterday")))));
		results.put("bad CountryCode", post(MediaType.APPLICATION_JSON,
				json("query($f: EventFilter) { events(filter: $f) { totalCount } }", Map.of("f", Map.of("country", "XX")))));
		results.put("query not a string", post(MediaType.APPLICATION_JSON, "{\"query\": 42}"));
		results.put("not json", post(MediaType.APPLICATION_JSON, "not json"));
		results.put("array body", post(MediaType.APPLICATION_JSON, "[]"));
		results.put("empty body", post(MediaType.APPLICATION_JSON, ""));
		results.put("text/plain", post(MediaType.TEXT_PLAIN, "{ events { totalCount } }"));
		results.put("xml", post(MediaType.APPLICATION_XML, "<query/>"));

		Map<String, Integer> statuses = new LinkedHashMap<>();
		results.forEach((name, result) -> statuses.put(name, result.getStatus().value()));
		Map<String, Integer> expected = new LinkedHashMap<>();
		// a GraphQL request, however wrong, is answered 200 with errors (application/json); a body that
		// is not a GraphQL request (a number as the query, not JSON, not an object) is a 400
		List.of("fault", "first above the limit", "bad cursor", "syntax error", "unknown field",
				"variable of the wrong type", "bad DateTime", "bad CountryCode")
			.forEach((name) -> expected.put(name, 200));
		List.of("query not a string", "not json", "array body", "empty body").forEach((name) -> expected.put(name, 400));
		List.of("text/plain", "xml").forEach((name) -> expected.put(name, 415));
		assertThat(statuses).as("status of each request").containsExactlyEntriesOf(expected);
		results.forEach((name, result) -> assertClean(result.getResponseBody()));
	}

	@Test
	void bodyThatIsNotJsonIsA400InTheGraphQlShape() {
		for (String body : new String[] { "not json", "{\"query\": ", "{\"query\": \"{ __typename }\"" }) {
			EntityExchangeResult<String> result = post(MediaType.APPLICATION_JSON, body);
			assertThat(result.getStatus()).as("status for body %s", body).isEqualTo(HttpStatusCode.valueOf(400));
			assertThat(result.getResponseBody()).as("body for %s", body).contains("\"errors\"").contains("\"status\":400");
			assertClean(result.getResponseBody());
		}
	}

	@Test
	void wrongContentTypeIsA415InTheGraphQlShape() {
		List<EntityExchangeResult<String>> results = List.of(post(MediaType.TEXT_PLAIN, "{ events { totalCount } }"),
				post(MediaType.APPLICATION_FORM_URLENCODED, "query=%7B+me+%7B+id+%7D+%7D"));
		for (EntityExchangeResult<String> result : results) {
			assertThat(result.getStatus().value()).isEqualTo(415);
			assertThat(result.getResponseHeaders().getContentType()).isNotNull()
				.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue());
			assertThat(result.getResponseBody()).contains("\"errors\"").contains("\"status\":415");
			assertClean(result.getResponseBody());
		}
	}

	@Test
	void aBodyAboveOneMegabyteIsRefusedWith413AndAGraphQlShapedBody() {
		String body = json("{ __typename }", Map.of("pad", "x".repeat(1024 * 1024)));
		this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.errors[0].extensions.status")
			.isEqualTo(413)
			.jsonPath("$.errors[0].message")
			.value(String.class, (message) -> assertThat(message).contains("limit is 1048576 bytes"));
	}

	@Test
	void aChunkedBodyAboveOneMegabyteIsRefusedWith413() {
		DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
		byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
		Flux<DataBuffer> body = Flux.concat(Flux.just(buffers.wrap("{\"query\": \"{ __typename }\", \"pad\": \"".getBytes(StandardCharsets.UTF_8))),
				Flux.range(0, 20).map((i) -> buffers.wrap(chunk)), Flux.just(buffers.wrap("\"}".getBytes(StandardCharsets.UTF_8))));
		this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.errors[0].extensions.status")
			.isEqualTo(413);
	}

	@Test
	void aBodyJustBelowTheLimitIsServed() {
		String body = json("{ __typename }", Map.of("pad", "x".repeat(1000 * 1000)));
		this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.__typename")
			.isEqualTo("Query");
	}

	@Test
	void aJsonBodyThatIsNotAnObjectIsA400InTheGraphQlShape() {
		for (String body : new String[] { "null", "42", "[]", "\"{ events { totalCount } }\"", "true", " null " }) {
			EntityExchangeResult<String> result = post(MediaType.APPLICATION_JSON, body);
			assertThat(result.getStatus().value()).as("status for body %s", body).isEqualTo(400);
			assertThat(result.getResponseBody()).as("body for %s", body).contains("\"errors\"").contains("\"status\":400");
		}
	}

	@Test
	void anAuthorizationHeaderAbove8KilobytesIsAJsonClientError() {
		EntityExchangeResult<String> result = this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Authorization", "Bearer " + "a".repeat(9 * 1024))
			.bodyValue(json("{ __typename }", Map.of()))
			.exchange()
			.expectBody(String.class)
			.returnResult();

		assertThat(result.getStatus().value()).isEqualTo(400);
		assertThat(result.getResponseHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue());
		assertThat(result.getResponseBody()).contains("\"errors\"")
			.contains("\"status\":400")
			.contains("at most 8 KB of headers")
			.doesNotContain("<html")
			.doesNotContain("Tomcat");
	}

	@Test
	void aValueOfTheWrongJsonKindIsNamedByItsJsonKindNotItsJavaClass() {
		String query = "query($t: String!) { search(text: $t) { __typename } }";
		for (Object value : List.of(Map.of("a", 1), List.of(Map.of("a", 1)))) {
			String body = post(MediaType.APPLICATION_JSON, json(query, Map.of("t", value))).getResponseBody();
			assertClean(body);
			assertThat(body).doesNotContain("LinkedHashMap").doesNotContain("ArrayList").doesNotContain("HashMap");
		}
		this.graphQl.document(query).variable("t", Map.of("a", 1)).execute().errors().satisfy((errors) ->
				assertThat(errors).singleElement().satisfies((error) -> assertThat(error.getMessage()).contains("an object")));
	}

	/** A GraphQL-shaped JSON answer ({@code data} or {@code errors}) that names nothing inside the service. */
	private static void assertClean(String body) {
		assertThat(body).as("response body").isNotBlank().containsAnyOf("\"errors\"", "\"data\"");
		assertThat(body).doesNotContain("Exception")
			.doesNotContain("at dev.marquee")
			.doesNotContain("java.")
			.doesNotContainPattern("\\tat [a-z]")
			.doesNotContain("\"trace\"");
	}

	private static String json(String query, Map<String, Object> variables) {
		return new JsonMapper().writeValueAsString(Map.of("query", query, "variables", variables));
	}

	private EntityExchangeResult<String> post(MediaType contentType, String body) {
		return this.http.post()
			.uri("/graphql")
			.contentType(contentType)
			.bodyValue(body)
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

}
