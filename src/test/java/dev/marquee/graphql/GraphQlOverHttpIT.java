package dev.marquee.graphql;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.marquee.account.Account;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphQL over HTTP as its specification and the reference audit ({@code graphql-http}, run by
 * {@link GraphQlOverHttpAuditIT}) ask, pinned here without Node: GET for queries, never for mutations; the
 * response media type negotiated by {@code Accept}, and its status codes; and every request that is not a
 * GraphQL request refused with a 400 in the GraphQL error shape, before anything runs.
 */
class GraphQlOverHttpIT extends IntegrationTest {

	private static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");

	private static final String MUTATION = "mutation { createSeries(input: {slug: \"by-get\", name: \"By GET\"}) "
			+ "{ series { slug } } }";

	@LocalServerPort
	private int port;

	@BeforeEach
	void aSeries() {
		this.fixtures.series("ai-on-the-lot", "AI on the Lot");
	}

	@Test
	void getRunsAQueryWithItsVariablesAndOperationName() {
		URI uri = get(Map.of("query", "query Other { __typename } query One($slug: String!) { series(slug: $slug) { name } }",
				"variables", "{\"slug\": \"ai-on-the-lot\"}", "operationName", "One", "extensions", "{}"));
		this.http.get().uri(uri).exchange().expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody().jsonPath("$.data.series.name").isEqualTo("AI on the Lot");
	}

	@Test
	void aMutationOverGetIs405WithAllowPostAndWritesNothing() {
		String token = this.fixtures.token(this.fixtures.admin("root"));
		for (Map<String, String> parameters : List.of(Map.of("query", MUTATION),
				Map.of("query", "query Read { __typename } " + MUTATION.replace("mutation", "mutation Write"),
						"operationName", "Write"))) {
			this.mongoCommands.reset();
			this.http.get().uri(get(parameters)).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.accept(GRAPHQL_RESPONSE).exchange()
				.expectStatus().isEqualTo(405)
				.expectHeader().valueEquals(HttpHeaders.ALLOW, "POST")
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
				.expectBody().jsonPath("$.errors[0].extensions.status").isEqualTo(405)
				.jsonPath("$.data").doesNotExist();
			assertThat(this.mongoCommands.byName()).as("MongoDB commands of %s", parameters).doesNotContainKeys("insert", "update", "findAndModify");
		}
		this.graphQl.document("{ series(slug: \"by-get\") { name } }").execute().path("series").valueIsNull();
		// the query of the same document is a query: GET runs it
		this.http.get().uri(get(Map.of("query", "query Read { __typename } " + MUTATION.replace("mutation", "mutation Write"),
				"operationName", "Read"))).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.data.__typename").isEqualTo("Query");
	}

	@Test
	void anyOtherMethodIs405WithAllowGetAndPostSignedInOrNot() {
		String token = this.fixtures.token(this.fixtures.admin("root"));
		for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH)) {
			for (boolean signedIn : List.of(false, true)) {
				this.http.method(method).uri("/graphql")
					.headers((headers) -> {
						if (signedIn) {
							headers.setBearerAuth(token);
						}
					})
					.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"query\": \"{ __typename }\"}")
					.exchange()
					.expectStatus().isEqualTo(405)
					.expectHeader().valueEquals(HttpHeaders.ALLOW, "GET,POST")
					.expectBody().jsonPath("$.errors[0].extensions.status").isEqualTo(405)
					.jsonPath("$.data").doesNotExist();
			}
		}
	}

	@Test
	void aMutationTheDocumentCacheKeptFromAPostIsStill405OverGet() {
		String token = this.fixtures.token(this.fixtures.admin("root"));
		String mutation = MUTATION.replace("by-get", "kept-from-post");
		this.graphQlAs(token).document(mutation).execute().path("createSeries.series.slug").entity(String.class)
			.isEqualTo("kept-from-post");

		this.mongoCommands.reset();
		this.http.get().uri(get(Map.of("query", mutation))).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isEqualTo(405)
			.expectHeader().valueEquals(HttpHeaders.ALLOW, "POST");
		assertThat(this.mongoCommands.byName()).doesNotContainKeys("insert", "update", "findAndModify");
	}

	@Test
	void getIsOpenToAnonymousCallersAndChecksATokenWhenOneIsSent() {
		URI uri = get(Map.of("query", "{ me { username } }"));
		this.http.get().uri(uri).exchange().expectStatus().isOk().expectBody().jsonPath("$.data.me").isEmpty();
		this.http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token").exchange()
			.expectStatus().isUnauthorized().expectBody().jsonPath("$.errors[0].extensions.status").isEqualTo(401);
		Account admin = this.fixtures.admin("root");
		this.http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + this.fixtures.token(admin)).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.data.me.username").isEqualTo("root");
	}

	@Test
	void theLimitsApplyToGetAsToPost() {
		String deep = "{ company(slug: \"c\") { " + "parent { ".repeat(11) + "slug" + " }".repeat(11) + " } }";
		this.http.get().uri(get(Map.of("query", deep))).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.errors[0].extensions.classification").isEqualTo("ExecutionAborted")
			.jsonPath("$.data").doesNotExist();
	}

	@Test
	void theAnswersMediaTypeIsTheMostPreferredOfAccept() {
		assertThat(post("application/graphql-response+json").getResponseHeaders().getContentType()).isEqualTo(GRAPHQL_RESPONSE);
		assertThat(post("application/json").getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(post("*/*").getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(post("application/json;q=0.9, application/graphql-response+json").getResponseHeaders().getContentType())
			.isEqualTo(GRAPHQL_RESPONSE);
		assertThat(post("application/graphql-response+json;q=0.5, application/json").getResponseHeaders().getContentType())
			.isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(post("text/html, application/graphql-response+json;q=0.1").getResponseHeaders().getContentType())
			.isEqualTo(GRAPHQL_RESPONSE);
		for (String accept : new String[] { "text/html", "application/xml, text/plain", "application/json;q=0" }) {
			EntityExchangeResult<String> refused = post(accept);
			assertThat(refused.getStatus().value()).as("status for Accept: %s", accept).isEqualTo(406);
			assertThat(refused.getResponseBody()).contains("\"status\":406");
			assertThat(this.http.get().uri(get(Map.of("query", "{ __typename }"))).header(HttpHeaders.ACCEPT, accept)
				.exchange().returnResult(String.class).getStatus().value()).isEqualTo(406);
		}
	}

	@Test
	void withGraphQlResponseJsonARequestErrorIs400AndWithJsonItIs200() {
		for (String document : new String[] { "{ events { ", "{ nope }", "query($id: ID!) { node(id: $id) { id } }" }) {
			assertThat(post(GRAPHQL_RESPONSE.toString(), Map.of("query", document)).getStatus().value())
				.as("status of %s", document).isEqualTo(400);
			assertThat(post("application/json", Map.of("query", document)).getStatus().value())
				.as("status of %s", document).isEqualTo(200);
		}
		assertThat(post(GRAPHQL_RESPONSE.toString(), Map.of("query", "{ __typename }")).getStatus().value()).isEqualTo(200);
	}

	@Test
	void anOperationThatCannotBeDeterminedIs400WhateverTheMediaType() {
		List<Map<String, Object>> requests = List.of(Map.of("query", "{ __typename }", "operationName", "Nope"),
				Map.of("query", "query A { __typename } query B { __typename }"));
		for (Map<String, Object> request : requests) {
			for (String accept : new String[] { "application/json", GRAPHQL_RESPONSE.toString() }) {
				EntityExchangeResult<String> result = post(accept, request);
				assertThat(result.getStatus().value()).as("status of %s as %s", request, accept).isEqualTo(400);
				assertThat(result.getResponseBody()).contains("\"errors\"").doesNotContain("\"data\"");
			}
		}
	}

	@Test
	void aRequestThatIsNotAGraphQlRequestIs400NamingTheParameterAndRunsNothing() {
		Map<String, String> bodies = Map.ofEntries(Map.entry("{\"notquery\": \"{ __typename }\"}", "`query` is missing"),
				Map.entry("{\"query\": null}", "`query` is missing"), Map.entry("{\"query\": \"\"}", "`query` is missing"),
				Map.entry("{\"query\": 0}", "`query` is the GraphQL document as a string, was a number"),
				Map.entry("{\"query\": false}", "`query` is the GraphQL document as a string, was a boolean"),
				Map.entry("{\"query\": [\"{ __typename }\"]}", "was a list"),
				Map.entry("{\"query\": {\"obj\": \"ect\"}}", "was an object"),
				Map.entry("{\"query\": \"{ __typename }\", \"operationName\": 0}", "`operationName` is a string, was a number"),
				Map.entry("{\"query\": \"{ __typename }\", \"operationName\": true}", "`operationName` is a string, was a boolean"),
				Map.entry("{\"query\": \"{ __typename }\", \"variables\": \"{}\"}", "`variables` is a JSON object, was a string"),
				Map.entry("{\"query\": \"{ __typename }\", \"variables\": [7]}", "`variables` is a JSON object, was a list"),
				Map.entry("{\"query\": \"{ __typename }\", \"extensions\": 1}", "`extensions` is a JSON object, was a number"),
				Map.entry("{\"query\": ", "The body is not JSON"));
		bodies.forEach((body, message) -> {
			this.mongoCommands.reset();
			EntityExchangeResult<String> result = this.http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
				.accept(GRAPHQL_RESPONSE).bodyValue(body).exchange().expectBody(String.class).returnResult();
			assertRefused(result, message, body);
		});
		Map<URI, String> gets = Map.of(raw(""), "`query` is missing",
				raw("?query="), "`query` is missing",
				get(Map.of("query", "{ __typename }", "variables", "[1]")), "`variables` is a JSON object, was a list",
				get(Map.of("query", "{ __typename }", "variables", "{\"a\":")), "`variables` is not JSON",
				get(Map.of("query", "{ __typename }", "extensions", "\"x\"")), "`extensions` is a JSON object, was a string",
				raw("?query=%7B__typename%7D&query=%7B__typename%7D"), "`query` is given 2 times");
		gets.forEach((uri, message) -> {
			this.mongoCommands.reset();
			assertRefused(this.http.get().uri(uri).exchange().expectBody(String.class).returnResult(), message, uri);
		});
	}

	@Test
	void emptyOptionalParametersAreAbsent() {
		this.http.get().uri(get(Map.of("query", "{ __typename }", "variables", "", "operationName", "", "extensions", "")))
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.data.__typename").isEqualTo("Query");
		this.http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\": \"{ __typename }\", \"variables\": null, \"operationName\": null, \"extensions\": null, \"other\": 1}")
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.data.__typename").isEqualTo("Query");
	}

	private void assertRefused(EntityExchangeResult<String> result, String message, Object request) {
		assertThat(result.getStatus().value()).as("status of %s", request).isEqualTo(400);
		assertThat(result.getResponseHeaders().getContentType()).as("content type of %s", request).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue());
		assertThat(result.getResponseBody()).as("body of %s", request).contains("\"status\":400").contains(message)
			.doesNotContain("\"data\"").doesNotContain("Exception");
		assertThat(this.mongoCommands.byName()).as("MongoDB commands of %s", request).isEmpty();
	}

	private URI get(Map<String, String> parameters) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(raw(""));
		parameters.forEach((name, value) -> uri.queryParam(name, "{" + name + "}"));
		return uri.encode().buildAndExpand(parameters).toUri();
	}

	/** {@code /graphql} with this query string, sent as it is. */
	private URI raw(String query) {
		return URI.create("http://localhost:" + this.port + "/graphql" + query);
	}

	private EntityExchangeResult<String> post(String accept) {
		return post(accept, Map.of("query", "{ __typename }"));
	}

	private EntityExchangeResult<String> post(String accept, Map<String, Object> body) {
		return this.http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.ACCEPT, accept).bodyValue(body).exchange().expectBody(String.class).returnResult();
	}

}
