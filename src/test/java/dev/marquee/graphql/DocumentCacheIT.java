package dev.marquee.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.marquee.support.IntegrationTest;
import dev.marquee.support.ParseCounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document sent again is answered from the document cache, without being parsed or validated again, and
 * exactly as the first time; a document that does not validate is never kept; and every limit that depends on
 * the request still holds on a cached document.
 */
class DocumentCacheIT extends IntegrationTest {

	@Autowired
	private ParseCounter parseCounter;

	@BeforeEach
	void anEditionWithASession() {
		this.fixtures.event(this.fixtures.series("s", "S"), "e-2026").create();
	}

	@Test
	void aRepeatedQueryIsParsedAndValidatedOnceAndAnsweredTheSame() {
		String document = document("cachedEventSlugs");
		String first = post(document, Map.of());
		String second = post(document, Map.of());
		String third = post(document, Map.of());

		assertThat(first).contains("\"slug\":\"e-2026\"").doesNotContain("errors");
		assertThat(second).isEqualTo(first);
		assertThat(third).isEqualTo(first);
		assertThat(this.parseCounter.parses(document)).isEqualTo(1);
		assertThat(this.parseCounter.validations(document)).isEqualTo(1);
	}

	@Test
	void aDocumentThatDoesNotValidateAnswersItsErrorsEveryTimeAndIsNotKept() {
		String document = document("cachedUnknownField");
		String first = post(document, Map.of());
		String second = post(document, Map.of());

		assertThat(first).contains("ValidationError").contains("ticketPrice").doesNotContain("\"data\"");
		assertThat(second).isEqualTo(first);
		assertThat(this.parseCounter.validations(document)).isEqualTo(2);
	}

	@Test
	void aCachedDocumentIsPricedWithTheVariablesOfEachRequest() {
		String document = document("cachedSessionsPerEvent");
		this.graphQl.document(document).variable("n", 2).execute().errors().verify()
			.path("events.nodes[0].slug").entity(String.class).isEqualTo("e-2026");

		this.mongoCommands.reset();
		assertOnlyError(this.graphQl.document(document).variable("n", 100).execute(), "ExecutionAborted",
				"maximum query complexity exceeded 220302 > 100000");
		assertThat(this.mongoCommands.byName()).as("MongoDB commands of a refused document").isEmpty();
		assertThat(this.parseCounter.parses(document)).as("the second request is a cache hit").isEqualTo(1);
	}

	@Test
	void aCachedDocumentHasTheBoundsOfItsInputsCheckedOnEachRequest() {
		String document = document("cachedCompaniesNamed");
		this.graphQl.document(document).variable("text", "Acme").execute().errors().verify()
			.path("companies.nodes").hasValue();

		this.mongoCommands.reset();
		assertOnlyError(this.graphQl.document(document).variable("text", "x".repeat(201)).execute(), "BAD_REQUEST",
				"`filter.nameContains` is at most 200 characters, was 201.");
		assertThat(this.mongoCommands.byName()).as("MongoDB commands of a refused document").isEmpty();
		assertThat(this.parseCounter.parses(document)).as("the second request is a cache hit").isEqualTo(1);
	}

	@Test
	void aDocumentOverTheAliasLimitIsRefusedEveryTimeAndNotKept() {
		String document = IntStream.range(0, 31)
			.mapToObj((i) -> "cachedAlias" + i + ": series(slug: \"s\") { slug }")
			.collect(Collectors.joining(" ", "{ ", " }"));
		for (int i = 0; i < 2; i++) {
			assertOnlyError(this.graphQl.document(document).execute(), "ExecutionAborted",
					"The document uses 31 aliases; the limit is 30.");
		}
		assertThat(this.parseCounter.parses(document)).isEqualTo(2);
	}

	@Test
	void theCachesHitsMissesAndSizeArePublishedToPrometheus() {
		String document = document("cachedEventSlugs");
		post(document, Map.of());
		post(document, Map.of());

		String scrape = prometheus();

		assertThat(scrape).containsPattern("(?m)^cache_gets_total\\{cache=\"graphql.documents\",[^}]*result=\"hit\"\\} [1-9]");
		assertThat(scrape).containsPattern("(?m)^cache_gets_total\\{cache=\"graphql.documents\",[^}]*result=\"miss\"\\} [1-9]");
		assertThat(scrape).containsPattern("(?m)^cache_size\\{cache=\"graphql.documents\"[^}]*\\} [1-9]");
	}

	private String post(String document, Map<String, Object> variables) {
		return this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", document, "variables", variables))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static String document(String name) {
		try {
			return new ClassPathResource("graphql-test/" + name + ".graphql").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
