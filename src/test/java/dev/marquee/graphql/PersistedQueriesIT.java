package dev.marquee.graphql;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apollo's automatic persisted queries over GET and POST: an unknown hash is PersistedQueryNotFound, a hash with
 * its query registers it in MongoDB and runs it, then the hash alone runs it; a hash that is not the query's, or
 * an extension of the wrong shape, is a 400 naming the parameter, and nothing is registered.
 */
class PersistedQueriesIT extends IntegrationTest {

	/** A document of this test alone: the node keeps the texts it used, whatever the database forgets between tests. */
	private String query;

	private String hash;

	@LocalServerPort
	private int port;

	@BeforeEach
	void aSeriesAndADocumentOfThisTest() {
		this.fixtures.series("s", "The Series");
		this.query = "query SeriesName($slug: String!) { series(slug: $slug) { name } } # " + java.util.UUID.randomUUID();
		this.hash = PersistedQueries.sha256(this.query);
	}

	@Test
	void anUnknownHashIsPersistedQueryNotFoundOverGetAndPost() {
		for (MediaType accept : new MediaType[] { MediaType.APPLICATION_JSON, MediaType.parseMediaType("application/graphql-response+json") }) {
			notFound(this.http.get().uri(get(null, this.hash)).accept(accept).exchange());
			notFound(post(Map.of("extensions", extension(this.hash), "variables", Map.of("slug", "s"))).accept(accept).exchange());
		}
		assertThat(this.mongo.getCollection("persisted_queries").countDocuments()).isZero();
	}

	@Test
	void aHashWithItsQueryRegistersItThenTheHashAloneRunsItOverGetAndPost() {
		post(Map.of("query", this.query, "extensions", extension(this.hash), "variables", Map.of("slug", "s"))).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.data.series.name").isEqualTo("The Series");

		Document stored = this.mongo.getCollection("persisted_queries").find().first();
		assertThat(stored).isNotNull();
		assertThat(stored.getString("_id")).isEqualTo(this.hash);
		assertThat(stored.getString("query")).isEqualTo(this.query);
		assertThat(stored.getInteger("size")).isEqualTo(this.query.length());
		assertThat(stored.get("lastUsedAt")).isInstanceOf(java.util.Date.class);

		this.http.get().uri(get(null, this.hash)).exchange().expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=30, stale-while-revalidate=60")
			.expectBody().jsonPath("$.data.series.name").isEqualTo("The Series");
		post(Map.of("extensions", extension(this.hash.toUpperCase(java.util.Locale.ROOT)), "variables", Map.of("slug", "s")))
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.data.series.name").isEqualTo("The Series");
	}

	@Test
	void aHashThisNodeUsedRecentlyIsAnsweredFromItsOwnCopy() {
		post(Map.of("query", this.query, "extensions", extension(this.hash), "variables", Map.of("slug", "s"))).exchange()
			.expectStatus().isOk();
		// gone from the store (another node evicted it): this node still knows the text, without a read
		this.mongo.getCollection("persisted_queries").deleteMany(new Document());
		this.http.get().uri(get(null, this.hash)).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.data.series.name").isEqualTo("The Series");
	}

	@Test
	void aHashThatIsNotTheQuerysIsRefusedAndNothingIsRegistered() {
		String other = PersistedQueries.sha256(this.query + " ");
		post(Map.of("query", this.query, "extensions", extension(other), "variables", Map.of("slug", "s"))).exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.errors[0].message").value(String.class, (message) -> assertThat(message)
				.contains("`extensions.persistedQuery.sha256Hash` is not the SHA-256 of `query`"))
			.jsonPath("$.data").doesNotExist();
		this.http.get().uri(get(this.query, other)).exchange().expectStatus().isBadRequest();
		assertThat(this.mongo.getCollection("persisted_queries").countDocuments()).isZero();
		notFound(this.http.get().uri(get(null, other)).exchange());
	}

	@Test
	void anExtensionOfTheWrongShapeIsA400NamingTheParameter() {
		Map<Object, String> cases = new LinkedHashMap<>();
		cases.put("x", "`extensions.persistedQuery` is an object");
		cases.put(java.util.List.of(1), "`extensions.persistedQuery` is an object");
		cases.put(Map.of("version", 2, "sha256Hash", this.hash), "`extensions.persistedQuery.version` is 1");
		cases.put(Map.of("version", "1", "sha256Hash", this.hash), "`extensions.persistedQuery.version` is 1");
		cases.put(Map.of("sha256Hash", this.hash), "`extensions.persistedQuery.version` is 1");
		cases.put(Map.of("version", 1), "`extensions.persistedQuery.sha256Hash` is the SHA-256");
		cases.put(Map.of("version", 1, "sha256Hash", this.hash.substring(1)), "was 63 characters");
		cases.put(Map.of("version", 1, "sha256Hash", "g" + this.hash.substring(1)), "not all hex digits");
		cases.put(Map.of("version", 1, "sha256Hash", 12), "was a number");
		cases.forEach((extension, message) -> {
			post(Map.of("query", this.query, "extensions", Map.of("persistedQuery", extension), "variables", Map.of("slug", "s")))
				.exchange().expectStatus().isBadRequest()
				.expectBody().jsonPath("$.errors[0].message").value(String.class, (m) -> assertThat(m).as("%s", extension)
					.contains(message))
				.jsonPath("$.errors[0].extensions.status").isEqualTo(400);
		});
		assertThat(this.mongo.getCollection("persisted_queries").countDocuments()).isZero();
	}

	@Test
	void aMutationByHashOverGetIs405AndRunsNothing() {
		String mutation = "mutation { createSeries(input: {slug: \"by-hash\", name: \"By hash\"}) { series { slug } } }";
		String hash = PersistedQueries.sha256(mutation);
		String token = this.fixtures.token(this.fixtures.admin("root"));
		post(Map.of("query", mutation, "extensions", extension(hash))).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.data.createSeries.series.slug").isEqualTo("by-hash");
		this.mongo.getCollection("series").deleteMany(new Document("slug", "by-hash"));

		this.http.get().uri(get(null, hash)).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isEqualTo(405).expectHeader().valueEquals(HttpHeaders.ALLOW, "POST");
		assertThat(this.mongo.getCollection("series").countDocuments(new Document("slug", "by-hash"))).isZero();
	}

	@Test
	void aDocumentLongerThanTheStoreTakesRunsButIsNotRegistered() {
		String longQuery = "{ __typename }\n#" + "x".repeat(17 * 1024);
		String hash = PersistedQueries.sha256(longQuery);
		post(Map.of("query", longQuery, "extensions", extension(hash))).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.data.__typename").isEqualTo("Query");
		assertThat(this.mongo.getCollection("persisted_queries").countDocuments()).isZero();
		notFound(post(Map.of("extensions", extension(hash))).exchange());
	}

	private static void notFound(WebTestClient.ResponseSpec response) {
		response.expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.expectBody()
			.jsonPath("$.errors[0].message").isEqualTo("PersistedQueryNotFound")
			.jsonPath("$.errors[0].extensions.code").isEqualTo("PERSISTED_QUERY_NOT_FOUND")
			.jsonPath("$.data").doesNotExist();
	}

	static Map<String, Object> extension(String hash) {
		return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
	}

	private WebTestClient.RequestHeadersSpec<?> post(Map<String, Object> body) {
		return this.http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	private URI get(String query, String hash) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query != null) {
			parameters.put("query", query);
		}
		parameters.put("variables", "{\"slug\":\"s\"}");
		parameters.put("extensions", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}");
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString("http://localhost:" + this.port + "/graphql");
		parameters.forEach((name, value) -> uri.queryParam(name, "{" + name + "}"));
		return uri.encode().buildAndExpand(parameters).toUri();
	}

}
