package dev.marquee.graphql;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.marquee.event.AudienceSegment;
import dev.marquee.event.Event;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import dev.marquee.support.ParseCounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anonymous GETs are cacheable: public with a strong ETag, Vary by Authorization and Accept; If-None-Match with
 * the current tag is a 304 before the document is parsed or run; every write a reader could see changes the tag,
 * so the next conditional GET after a change is a 200 with the new data. Everything else is private, no-store.
 */
class HttpCacheIT extends IntegrationTest {

	@Autowired
	private ParseCounter parseCounter;

	@org.springframework.boot.test.web.server.LocalServerPort
	private int port;

	private EventSeries series;

	private Event event;

	private String page;

	@BeforeEach
	void anEdition() {
		this.series = this.fixtures.series("s", "S");
		this.event = this.fixtures.event(this.series, "e-2026").name("Before").create();
		this.page = document("eventPage");
	}

	@Test
	void anAnonymousGetIsPublicWithAStrongTagVaryingByAuthorizationAndAccept() {
		EntityExchangeResult<String> answer = getPage(null);

		assertThat(answer.getStatus().value()).isEqualTo(200);
		assertThat(answer.getResponseBody()).contains("\"name\":\"Before\"").doesNotContain("errors");
		HttpHeaders headers = answer.getResponseHeaders();
		assertThat(headers.get(HttpHeaders.CACHE_CONTROL))
			.containsExactly("public, max-age=30, stale-while-revalidate=60");
		assertThat(headers.getVary()).contains("Authorization", "Accept");
		assertThat(headers.getETag()).matches("\"[A-Za-z0-9_-]{43}\"");
		assertThat(getPage(null).getResponseHeaders().getETag()).as("the same answer, the same tag")
			.isEqualTo(headers.getETag());
	}

	@Test
	void theTagDependsOnTheVariablesTheOperationAndTheMediaType() {
		String tag = getPage(null).getResponseHeaders().getETag();
		String other = this.http.get().uri(get(this.page, Map.of("slug", "nothing"), null)).exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseHeaders().getETag();
		String graphQlResponse = this.http.get().uri(get(this.page, Map.of("slug", "e-2026"), null))
			.accept(MediaType.parseMediaType("application/graphql-response+json")).exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseHeaders().getETag();
		String named = this.http.get().uri(get(this.page, Map.of("slug", "e-2026"), "eventPage")).exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseHeaders().getETag();
		assertThat(java.util.Set.of(tag, other, graphQlResponse, named)).hasSize(4);
	}

	@Test
	void aConditionalGetWithTheCurrentTagIs304WithoutParsingOrRunning() {
		String tag = getPage(null).getResponseHeaders().getETag();
		this.mongoCommands.reset();
		int parses = this.parseCounter.parses(this.page);

		for (String ifNoneMatch : new String[] { tag, "\"other\", " + tag, "W/" + tag, "\"a\",W/\"b\" , " + tag }) {
			EntityExchangeResult<byte[]> answer = this.http.get().uri(get(this.page, Map.of("slug", "e-2026"), null))
				.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch).exchange()
				.expectStatus().isNotModified().expectBody().returnResult();
			assertThat(answer.getResponseBody()).as(ifNoneMatch).isNullOrEmpty();
			assertThat(answer.getResponseHeaders().getETag()).isEqualTo(tag);
			assertThat(answer.getResponseHeaders().get(HttpHeaders.CACHE_CONTROL))
				.containsExactly("public, max-age=30, stale-while-revalidate=60");
			assertThat(answer.getResponseHeaders().getVary()).contains("Authorization", "Accept");
		}
		assertThat(this.parseCounter.parses(this.page)).as("parsed again").isEqualTo(parses);
		Map<String, Integer> commands = new java.util.TreeMap<>(this.mongoCommands.byTarget());
		commands.remove("find changes"); // the change feed's polling, in the background
		assertThat(commands).as("MongoDB commands of four 304s: the version, once each")
			.containsExactly(Map.entry("find change_counters", 4));
	}

	@Test
	void anotherTagAMalformedHeaderOrAnEmptyOneIsA200() {
		String tag = getPage(null).getResponseHeaders().getETag();
		for (String ifNoneMatch : new String[] { "\"other\"", tag.substring(1), "W/", "\"unterminated", tag + " junk",
				"*, " + tag, "", "\"a\" \"b\"" }) {
			EntityExchangeResult<String> answer = this.http.get().uri(get(this.page, Map.of("slug", "e-2026"), null))
				.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch).exchange().expectBody(String.class).returnResult();
			assertThat(answer.getStatus().value()).as(ifNoneMatch).isEqualTo(200);
			assertThat(answer.getResponseBody()).as(ifNoneMatch).contains("\"name\":\"Before\"");
		}
	}

	@Test
	void starMatchesTheCurrentAnswerOnlyWhenThereIsOneToShare() {
		String tag = getPage(null).getResponseHeaders().getETag();
		this.http.get().uri(get(this.page, Map.of("slug", "e-2026"), null)).header(HttpHeaders.IF_NONE_MATCH, "*")
			.exchange().expectStatus().isNotModified().expectHeader().valueEquals(HttpHeaders.ETAG, tag);
		// an answer with errors is no representation to keep: it is answered, and not stored
		this.http.get().uri(get("{ event(slug: \"e-2026\") { nope } }", Map.of(), null))
			.header(HttpHeaders.IF_NONE_MATCH, "*").exchange().expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.expectBody().jsonPath("$.errors[0].message").exists();
	}

	@Test
	void signedInGetsPostsAndAnswersWithErrorsAreNeverPublic() {
		String token = this.fixtures.token(this.fixtures.organizer("org", this.series));
		EntityExchangeResult<String> signedIn = this.http.get().uri(get(this.page, Map.of("slug", "e-2026"), null))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult();
		assertPrivate(signedIn.getResponseHeaders());
		String tag = getPage(null).getResponseHeaders().getETag();
		// a signed-in conditional GET is answered in full, whatever tag it sends
		this.http.get().uri(get(this.page, Map.of("slug", "e-2026"), null))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token).header(HttpHeaders.IF_NONE_MATCH, tag).exchange()
			.expectStatus().isOk();

		EntityExchangeResult<String> post = this.http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", this.page, "variables", Map.of("slug", "e-2026"))).exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult();
		assertPrivate(post.getResponseHeaders());

		EntityExchangeResult<String> errors = this.http.get().uri(get("{ event(slug: \"e-2026\") { nope } }", Map.of(), null))
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult();
		assertPrivate(errors.getResponseHeaders());
	}

	@Test
	void afterAnOrganizerUpdatesTheEventTheNextConditionalGetIs200WithTheNewData() {
		String tag = getPage(null).getResponseHeaders().getETag();
		String token = this.fixtures.token(this.fixtures.organizer("org", this.series));
		graphQlAs(token).documentName("updateEvent")
			.variable("input", Map.of("id", GlobalId.encode("Event", this.event.id()), "expectedVersion", 1, "name", "After"))
			.execute().path("updateEvent.errors").entityList(Object.class).hasSize(0);

		EntityExchangeResult<String> next = this.http.get().uri(get(this.page, Map.of("slug", "e-2026"), null))
			.header(HttpHeaders.IF_NONE_MATCH, tag).exchange().expectStatus().isOk().expectBody(String.class).returnResult();
		assertThat(next.getResponseBody()).contains("\"name\":\"After\"");
		assertThat(next.getResponseHeaders().getETag()).isNotEqualTo(tag);
	}

	@Test
	void afterACheckInTheNextConditionalGetOfTheAttendanceIs200() {
		var person = this.fixtures.attendee(this.event, "Ada", null, "ada@example.com");
		var registration = this.fixtures.registration(this.event, person, AudienceSegment.values()[0], null);
		String attendance = "query($slug: String!) { event(slug: $slug) { attendance { checkedIn } } }";
		String tag = this.http.get().uri(get(attendance, Map.of("slug", "e-2026"), null)).exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseHeaders().getETag();
		String token = this.fixtures.token(this.fixtures.organizer("org", this.series));
		graphQlAs(token).documentName("checkIn").variable("registrationId", GlobalId.encode("Registration", registration.id()))
			.execute().path("checkIn.errors").entityList(Object.class).hasSize(0);

		this.http.get().uri(get(attendance, Map.of("slug", "e-2026"), null)).header(HttpHeaders.IF_NONE_MATCH, tag)
			.exchange().expectStatus().isOk().expectHeader().value(HttpHeaders.ETAG, (t) -> assertThat(t).isNotEqualTo(tag));
	}

	private static void assertPrivate(HttpHeaders headers) {
		assertThat(headers.get(HttpHeaders.CACHE_CONTROL)).containsExactly("private, no-store");
		assertThat(headers.getETag()).isNull();
	}

	private EntityExchangeResult<String> getPage(String token) {
		return this.http.get().uri(get(this.page, Map.of("slug", "e-2026"), null)).exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult();
	}

	URI get(String query, Map<String, Object> variables, String operationName) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("query", query);
		if (!variables.isEmpty()) {
			parameters.put("variables", new tools.jackson.databind.json.JsonMapper().writeValueAsString(variables));
		}
		if (operationName != null) {
			parameters.put("operationName", operationName);
		}
		return get(parameters);
	}

	URI get(Map<String, String> parameters) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString("http://localhost:" + this.port + "/graphql");
		parameters.forEach((name, value) -> uri.queryParam(name, "{" + name + "}"));
		return uri.encode().buildAndExpand(parameters).toUri();
	}

	static String document(String name) {
		try {
			return new ClassPathResource("graphql-test/" + name + ".graphql").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
