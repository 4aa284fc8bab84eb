package dev.marquee.graphql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.marquee.support.StandaloneApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Trusted documents ({@code marquee.graphql.persisted-only} with a manifest): anonymous callers run the
 * manifest's documents, by hash or by the same text, and nothing else; organizers stay free-form. A manifest
 * that is not one stops the start, naming the file and the problem.
 */
class TrustedDocumentsIT {

	private static final String TRUSTED = "query SeriesName($slug: String!) { series(slug: $slug) { name } }";

	private static final String OTHER = "{ seriesList(first: 1) { nodes { name } } }";

	@TempDir
	static Path dir;

	private static StandaloneApplication app;

	private static WebTestClient http;

	@BeforeAll
	static void start() throws IOException {
		Path manifest = dir.resolve("manifest.json");
		Files.writeString(manifest, """
				{"format": "apollo-persisted-query-manifest", "version": 1, "operations": [
				  {"id": "%s", "name": "SeriesName", "type": "query", "body": "%s"}]}
				""".formatted(PersistedQueries.sha256(TRUSTED), TRUSTED.replace("\"", "\\\"")));
		app = StandaloneApplication.start(dir.resolve("data"), "never", "--marquee.graphql.persisted-only=true",
				"--marquee.graphql.persisted-manifest=" + manifest);
		http = WebTestClient.bindToServer().baseUrl("http://localhost:" + app.port()).build();
		app.fixtures().series("s", "The Series");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void anonymousCallersRunTheManifestsDocumentsByHashOrByText() {
		String hash = PersistedQueries.sha256(TRUSTED);
		post(Map.of("extensions", PersistedQueriesIT.extension(hash), "variables", Map.of("slug", "s"))).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.data.series.name").isEqualTo("The Series");
		post(Map.of("query", TRUSTED, "variables", Map.of("slug", "s"))).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.data.series.name").isEqualTo("The Series");
		http.get().uri((uri) -> uri.path("/graphql").queryParam("variables", "{variables}").queryParam("extensions", "{extensions}")
			.build("{\"slug\":\"s\"}", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}"))
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.data.series.name").isEqualTo("The Series");
	}

	@Test
	void anonymousCallersAreRefusedAnyOtherDocumentAndCannotRegisterOne() {
		String hash = PersistedQueries.sha256(OTHER);
		for (Map<String, Object> body : new Map[] { Map.of("query", OTHER),
				Map.of("query", OTHER, "extensions", PersistedQueriesIT.extension(hash)),
				Map.of("extensions", PersistedQueriesIT.extension(hash)) }) {
			post(body).exchange().expectStatus().isBadRequest()
				.expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("PERSISTED_QUERY_NOT_IN_LIST")
				.jsonPath("$.errors[0].message").value(String.class, (m) -> assertThat(m).contains("marquee.graphql.persisted-only"))
				.jsonPath("$.data").doesNotExist();
		}
	}

	@Test
	void organizersStayFreeForm() {
		String token = app.fixtures().token(app.fixtures().admin("root"));
		post(Map.of("query", OTHER)).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.data.seriesList.nodes[0].name").isEqualTo("The Series");
		String organizer = app.fixtures().token(app.fixtures().organizer("org"));
		post(Map.of("query", OTHER)).header(HttpHeaders.AUTHORIZATION, "Bearer " + organizer).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.data.seriesList.nodes[0].name").isEqualTo("The Series");
	}

	@Test
	void aManifestThatIsNotOneStopsTheStartNamingTheFileAndTheProblem() throws IOException {
		String hash = PersistedQueries.sha256(TRUSTED);
		Path file = dir.resolve("changed.json");
		Files.writeString(file, "{\"format\": \"apollo-persisted-query-manifest\", \"version\": 1, \"operations\": [{\"id\": \""
				+ hash + "\", \"name\": \"Changed\", \"type\": \"query\", \"body\": \"{ __typename }\"}]}");
		assertThatThrownBy(() -> StandaloneApplication.start(dir.resolve("bad-data"), "never",
				"--marquee.graphql.persisted-only=true", "--marquee.graphql.persisted-manifest=" + file).close())
			.rootCause().hasMessageContaining(file.toAbsolutePath().toString())
			.hasMessageContaining("operation 0 (Changed) whose `id` \"" + hash + "\" is not the SHA-256 of its `body`");
		assertThatThrownBy(() -> StandaloneApplication.start(dir.resolve("bad-data-missing"), "never",
				"--marquee.graphql.persisted-only=true").close())
			.rootCause().hasMessageContaining("no marquee.graphql.persisted-manifest is set");
	}

	private static WebTestClient.RequestHeadersSpec<?> post(Map<String, Object> body) {
		return http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

}
