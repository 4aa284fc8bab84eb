package dev.marquee.graphql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The persisted-query protocol without a database: hashes, and how often the store is written. */
class PersistedQueriesTest {

	private static final String QUERY = "{ __typename }";

	private static final String HASH = PersistedQueries.sha256(QUERY);

	@Test
	void theHashIsTheSha256OfTheUtf8BytesInLowerCaseHex() {
		assertThat(PersistedQueries.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(PersistedQueries.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void aMalformedExtensionIsRefusedNamingThePart() {
		assertRefused("x", "`extensions.persistedQuery` is an object");
		assertRefused(Map.of("version", 1.0, "sha256Hash", HASH), "`extensions.persistedQuery.version` is 1");
		assertRefused(Map.of("version", 1, "sha256Hash", List.of()), "was a list");
		assertRefused(Map.of("version", 1, "sha256Hash", HASH + "0"), "was 65 characters.");
	}

	@Test
	void aHashUsedAgainAndAgainIsTouchedInTheStoreAtMostOnceAMinute() throws Exception {
		CountingStore store = new CountingStore();
		store.texts.put(HASH, QUERY);
		AtomicLong now = new AtomicLong(0);
		PersistedQueries queries = new PersistedQueries(store, TrustedDocuments.none(), false, () -> true,
				new PersistedQueriesProperties(10, DataSize.ofKilobytes(16)), 10, now::get);
		Map<String, Object> byHash = new HashMap<>(Map.of("extensions",
				Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", HASH))));
		for (int i = 0; i < 100; i++) {
			now.addAndGet(1000);
			assertThat(queries.text(queries.read(byHash))).isEqualTo(QUERY);
		}
		assertThat(store.finds).as("read from the store once, then known").isEqualTo(1);
		assertThat(store.touches).as("100 uses over 100 s").isEqualTo(2);
	}

	private static void assertRefused(Object extension, String message) {
		assertThatExceptionOfType(HttpTransport.NotAGraphQlRequest.class)
			.isThrownBy(() -> PersistedQueries.hashOf(extension)).withMessageContaining(message);
	}

	private static final class CountingStore implements PersistedQueryStore {

		final Map<String, String> texts = new HashMap<>();

		int finds;

		int touches;

		@Override
		public String find(String hash) {
			this.finds++;
			return this.texts.get(hash);
		}

		@Override
		public void register(String hash, String text) {
			this.texts.put(hash, text);
		}

		@Override
		public void touch(String hash) {
			this.touches++;
		}

	}

}
