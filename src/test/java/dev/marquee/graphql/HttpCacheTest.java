package dev.marquee.graphql;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.MediaTypes;
import org.springframework.http.MediaType;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of {@link HttpCache}: reading If-None-Match, and what the entity tag depends on. */
class HttpCacheTest {

	private static final String TAG = "\"abc-_0\"";

	private final HttpCache cache = new HttpCache(new HttpCacheProperties(Duration.ofSeconds(30), Duration.ofSeconds(60), DataSize.ofMegabytes(1)),
			() -> 7);

	@Test
	void aTagOfTheHeaderMatchesStrongOrWeakAloneOrInAList() {
		for (String header : List.of(TAG, "W/" + TAG, "\"x\", " + TAG, "\"x\",W/\"y\" ,\t" + TAG + " ", " ," + TAG + ",")) {
			assertThat(HttpCache.condition(List.of(header), TAG)).as(header).isEqualTo(HttpCache.Condition.MATCH);
		}
		assertThat(HttpCache.condition(List.of("\"x\"", TAG), TAG)).as("over two header lines")
			.isEqualTo(HttpCache.Condition.MATCH);
	}

	@Test
	void starIsAnyRepresentationOnlyAlone() {
		assertThat(HttpCache.condition(List.of("*"), TAG)).isEqualTo(HttpCache.Condition.ANY);
		assertThat(HttpCache.condition(List.of(" * "), TAG)).isEqualTo(HttpCache.Condition.ANY);
		assertThat(HttpCache.condition(List.of("*, " + TAG), TAG)).isEqualTo(HttpCache.Condition.NONE);
	}

	@Test
	void aHeaderThatDoesNotParseOrNamesAnotherTagMatchesNothing() {
		for (String header : List.of("", "\"x\"", TAG.substring(1), TAG.substring(0, TAG.length() - 1), "W/", "w/" + TAG,
				TAG + " junk", "\"x\" " + TAG, "\"a\"b\"", "\"abc-_0", "\"abc -_0\"", "abc-_0")) {
			assertThat(HttpCache.condition(List.of(header), TAG)).as(header).isEqualTo(HttpCache.Condition.NONE);
		}
		assertThat(HttpCache.condition(List.of(), TAG)).isEqualTo(HttpCache.Condition.NONE);
	}

	@Test
	void theTagChangesWithTheVersionTheDocumentTheVariablesTheOperationAndTheMediaType() {
		String tag = this.cache.tag(1, "h", Map.of("a", 1, "b", Map.of("c", 2, "d", 3)), null, MediaType.APPLICATION_JSON);
		assertThat(tag).matches("\"[A-Za-z0-9_-]{43}\"");
		assertThat(this.cache.tag(1, "h", new java.util.TreeMap<>(Map.of("b", Map.of("d", 3, "c", 2), "a", 1)).descendingMap(),
				null, MediaType.APPLICATION_JSON)).as("the order of the variables' keys does not count").isEqualTo(tag);
		assertThat(List.of(this.cache.tag(2, "h", Map.of("a", 1, "b", Map.of("c", 2, "d", 3)), null, MediaType.APPLICATION_JSON),
				this.cache.tag(1, "i", Map.of("a", 1, "b", Map.of("c", 2, "d", 3)), null, MediaType.APPLICATION_JSON),
				this.cache.tag(1, "h", Map.of("a", 2, "b", Map.of("c", 2, "d", 3)), null, MediaType.APPLICATION_JSON),
				this.cache.tag(1, "h", Map.of("a", 1, "b", Map.of("c", 2, "d", 3)), "Op", MediaType.APPLICATION_JSON),
				this.cache.tag(1, "h", Map.of("a", 1, "b", Map.of("c", 2, "d", 3)), null, MediaTypes.APPLICATION_GRAPHQL_RESPONSE)))
			.doesNotContain(tag).doesNotHaveDuplicates();
		assertThat(this.cache.tag(1, "h", Map.of(), null, MediaType.APPLICATION_JSON))
			.isEqualTo(this.cache.tag(1, "h", null, null, MediaType.APPLICATION_JSON));
	}

	@Test
	void anAnswerIsKeptByItsTagUnlessItWouldTakeMoreThanAnEighthOfTheSpace() {
		byte[] small = new byte[1024];
		byte[] large = new byte[(1024 * 1024) / 8 + 1];

		this.cache.keep("\"small\"", small);
		this.cache.keep("\"large\"", large);

		assertThat(this.cache.answer("\"small\"")).isSameAs(small);
		assertThat(this.cache.answer("\"large\"")).as("larger than 1 MB / 8").isNull();
		assertThat(this.cache.answer("\"other\"")).isNull();
	}

}
