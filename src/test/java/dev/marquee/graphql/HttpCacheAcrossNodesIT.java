package dev.marquee.graphql;

import java.net.URI;
import java.util.Map;

import dev.marquee.event.Event;
import dev.marquee.series.EventSeries;
import dev.marquee.support.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database: a persisted query registered on one runs by hash on the other, and a write on one
 * changes the entity tags the other answers with, so its next conditional GET is a 200 with the new data.
 */
class HttpCacheAcrossNodesIT {

	private static final String PAGE = "query($slug: String!) { event(slug: $slug) { name } }";

	private static TwoNodes nodes;

	private static EventSeries series;

	private static Event event;

	@BeforeAll
	static void start() {
		nodes = TwoNodes.start();
		series = nodes.a().fixtures().series("s", "S");
		event = nodes.a().fixtures().event(series, "e-2026").name("Before").create();
	}

	@AfterAll
	static void stop() {
		if (nodes != null) {
			nodes.close();
		}
	}

	@Test
	void aWriteOnOneNodeMakesTheNextConditionalGetOnTheOtherA200WithTheNewData() {
		String tag = nodes.b().http().get().uri(get(nodes.b().port(), PAGE)).exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseHeaders().getETag();
		nodes.b().http().get().uri(get(nodes.b().port(), PAGE)).header(HttpHeaders.IF_NONE_MATCH, tag).exchange()
			.expectStatus().isNotModified();
		nodes.a().http().get().uri(get(nodes.a().port(), PAGE)).header(HttpHeaders.IF_NONE_MATCH, tag).exchange()
			.expectStatus().isNotModified(); // the other node computes the same tag

		String token = nodes.a().fixtures().token(nodes.a().fixtures().organizer("org", series));
		nodes.a().graphQl().mutate().header(HttpHeaders.AUTHORIZATION, "Bearer " + token).build()
			.document("mutation($input: UpdateEventInput!) { updateEvent(input: $input) { errors { message } } }")
			.variable("input", Map.of("id", GlobalId.encode("Event", event.id()), "expectedVersion", 1, "name", "After"))
			.execute().path("updateEvent.errors").entityList(Object.class).hasSize(0);

		String body = nodes.b().http().get().uri(get(nodes.b().port(), PAGE)).header(HttpHeaders.IF_NONE_MATCH, tag)
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(body).contains("\"name\":\"After\"");
	}

	@Test
	void aQueryRegisteredOnOneNodeRunsByHashOnTheOther() {
		String query = "{ series(slug: \"s\") { name } }";
		String hash = PersistedQueries.sha256(query);
		nodes.a().http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", query, "extensions", PersistedQueriesIT.extension(hash))).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.data.series.name").isEqualTo("S");
		nodes.b().http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("extensions", PersistedQueriesIT.extension(hash))).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.data.series.name").isEqualTo("S");
	}

	private static URI get(int port, String query) {
		return UriComponentsBuilder.fromUriString("http://localhost:" + port + "/graphql")
			.queryParam("query", "{query}").queryParam("variables", "{variables}")
			.encode().buildAndExpand(query, "{\"slug\":\"e-2026\"}").toUri();
	}

}
