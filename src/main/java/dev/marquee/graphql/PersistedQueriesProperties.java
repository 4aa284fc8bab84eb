package dev.marquee.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Automatic persisted queries ({@link PersistedQueries}): the store's bounds. Anyone may register a document,
 * so the store holds at most {@code maxEntries} documents of at most {@code maxDocumentSize} each.
 *
 * @param maxEntries most documents in the {@code persisted_queries} collection; past it the least recently used
 *     go first
 * @param maxDocumentSize longest document registered, in UTF-8 bytes; a longer one is run when sent with its hash
 *     but not registered, so its hash alone answers {@code PERSISTED_QUERY_NOT_FOUND}
 */
@ConfigurationProperties("marquee.graphql.persisted-queries")
public record PersistedQueriesProperties(@DefaultValue("10000") int maxEntries,
		@DefaultValue("16KB") DataSize maxDocumentSize) {

	public PersistedQueriesProperties {
		if (maxEntries < 1) {
			throw new IllegalArgumentException(
					"marquee.graphql.persisted-queries.max-entries is 1 or more, was " + maxEntries + ".");
		}
		if (maxDocumentSize == null || maxDocumentSize.toBytes() < 1) {
			throw new IllegalArgumentException(
					"marquee.graphql.persisted-queries.max-document-size is 1 byte or more, was " + maxDocumentSize + ".");
		}
	}

}
