package dev.marquee.graphql;

import java.net.URI;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
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
 * changes the entity tags the other answers with, so its next conditional GET is a 200 with the new data, and
 * the answers the other keeps are no longer served. (The nodes run the default configuration, so they keep
 * public answers; the shared test context does not, since its fixtures write behind the app's back.)
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
	void aRepeatedAnonymousGetIsServedFromTheNodeUntilAWriteOnAnyNodeAdvancesTheVersion() {
		Event kept = nodes.a().fixtures().event(series, "kept-2026").name("Before").create();
		String first = body(nodes.b(), "kept-2026");
		assertThat(first).contains("\"name\":\"Before\"");

		// a change behind the app's back advances no version: the kept answer is what the node serves
		nodes.a().mongo().getCollection("events").updateOne(Filters.eq("_id", kept.id()), Updates.set("name", "Edited by hand"));
		assertThat(body(nodes.b(), "kept-2026")).isEqualTo(first);

		String token = nodes.a().fixtures().token(nodes.a().fixtures().organizer("keeper", series));
		nodes.a().graphQl().mutate().header(HttpHeaders.AUTHORIZATION, "Bearer " + token).build()
			.document("mutation($input: UpdateEventInput!) { updateEvent(input: $input) { errors { message } } }")
			.variable("input", Map.of("id", GlobalId.encode("Event", kept.id()), "expectedVersion", 1, "name", "After"))
			.execute().path("updateEvent.errors").entityList(Object.class).hasSize(0);

		assertThat(body(nodes.b(), "kept-2026")).contains("\"name\":\"After\"");
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
		return get(port, query, "e-2026");
	}

	private static URI get(int port, String query, String slug) {
		return UriComponentsBuilder.fromUriString("http://localhost:" + port + "/graphql")
			.queryParam("query", "{query}").queryParam("variables", "{variables}")
			.encode().buildAndExpand(query, "{\"slug\":\"" + slug + "\"}").toUri();
	}

	/** The body of an anonymous GET of the page of this edition, which is public. */
	private static String body(TwoNodes.Node node, String slug) {
		return node.http().get().uri(get(node.port(), PAGE, slug)).exchange().expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=30, stale-while-revalidate=60")
			.expectBody(String.class).returnResult().getResponseBody();
	}

}
