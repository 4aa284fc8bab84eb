package dev.marquee.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The cache of parsed and validated documents ({@link DocumentCache}). Its bound is the number of documents
 * times the largest one kept, so a flood of distinct large documents cannot fill the heap.
 *
 * @param maxEntries most documents kept; the least recently and frequently used go first ({@code 0} turns the
 *     cache off)
 * @param maxDocumentSize longest document kept, in UTF-8 bytes of its text; a longer one is parsed and
 *     validated on every request, as without the cache
 */
@ConfigurationProperties("marquee.graphql.document-cache")
public record DocumentCacheProperties(@DefaultValue("1000") int maxEntries,
		@DefaultValue("4KB") DataSize maxDocumentSize) {

	public DocumentCacheProperties {
		if (maxEntries < 0) {
			throw new IllegalArgumentException(
					"marquee.graphql.document-cache.max-entries is 0 (no cache) or more, was " + maxEntries + ".");
		}
		if (maxDocumentSize == null || maxDocumentSize.isNegative()) {
			throw new IllegalArgumentException("marquee.graphql.document-cache.max-document-size is 0 bytes or more, was "
					+ maxDocumentSize + ".");
		}
	}

}
