package dev.marquee.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.GraphQLContext;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.parser.ParserOptions;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Parsed and validated documents, kept by their text (graphql-java's {@link PreparsedDocumentProvider}): a
 * document sent again is neither parsed nor validated again. The schema is fixed for the life of the
 * application, so the text alone decides whether a document is valid. Only documents that parsed and validated
 * are kept; one with errors is parsed and validated again on every request and answers its errors each time. At
 * most {@code max-entries} documents of at most {@code max-document-size} are kept (Caffeine, least recently and
 * frequently used out first); the cache's hits, misses and size are the meters {@code cache.*} with
 * {@code cache="graphql.documents"}.
 * <p>
 * What is skipped on a hit is what depends on the text alone: parsing, validation and the alias count of
 * {@link QueryLimits} (run during validation: a document over the limit fails there and is never kept). Every
 * other limit runs on every execution, hit or not, because it depends on the request: the document size
 * (checked before this cache is asked), depth and cost (with that request's variables, so {@code first: $n} is
 * priced per request), input bounds, the introspection switch and graphql-java's good-faith introspection
 * check (at execution), the timeout and the answer size.
 * <p>
 * Persisted queries build on it: {@link PersistedQueries} resolves a hash to its text before the request runs, and
 * the text then finds its document here like any other.
 */
final class DocumentCache implements PreparsedDocumentProvider {

	static final String METRICS_NAME = "graphql.documents";

	private final Cache<String, PreparsedDocumentEntry> documents;

	private final boolean enabled;

	private final long maxDocumentBytes;

	DocumentCache(DocumentCacheProperties properties) {
		this.documents = Caffeine.newBuilder().maximumSize(properties.maxEntries()).recordStats().build();
		this.enabled = properties.maxEntries() > 0;
		this.maxDocumentBytes = properties.maxDocumentSize().toBytes();
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		Supplier<PreparsedDocumentEntry> parsed = () -> parseAndValidate.apply(input);
		// a request that changes how documents are parsed or validated gets a document of its own
		PreparsedDocumentEntry entry = changesParsing(input.getGraphQLContext()) ? parsed.get()
				: document(input.getQuery(), parsed);
		return CompletableFuture.completedFuture(entry);
	}

	/**
	 * The document of this text: the one kept, or the one {@code parseAndValidate} makes (kept when it has no
	 * errors and is not too long). What {@code parseAndValidate} throws (a limit refusing the document) reaches
	 * the caller unchanged, and nothing is kept.
	 */
	PreparsedDocumentEntry document(String text, Supplier<PreparsedDocumentEntry> parseAndValidate) {
		if (!this.enabled || text == null || Utf8.longerThan(text, this.maxDocumentBytes)) {
			return parseAndValidate.get();
		}
		PreparsedDocumentEntry kept = this.documents.getIfPresent(text);
		if (kept != null) {
			return kept;
		}
		PreparsedDocumentEntry entry = parseAndValidate.get();
		if (!entry.hasErrors() && entry.getDocument() != null) {
			this.documents.put(text, entry);
		}
		return entry;
	}

	/**
	 * The kept document of this text, or null; not counted as a hit or a miss (the transport reads it to tell a
	 * mutation over GET without parsing the document a second time).
	 */
	Document kept(String text) {
		PreparsedDocumentEntry entry = (text != null) ? this.documents.asMap().get(text) : null;
		return (entry != null) ? entry.getDocument() : null;
	}

	/** How many documents are kept, after pending evictions. */
	long size() {
		this.documents.cleanUp();
		return this.documents.estimatedSize();
	}

	private static boolean changesParsing(GraphQLContext context) {
		return context.hasKey(ParserOptions.class) || context.hasKey(ParseAndValidate.INTERNAL_VALIDATION_PREDICATE_HINT);
	}

	/** The cache as graphql-java's document provider, and its meters. */
	@Configuration(proxyBeanMethods = false)
	static class Wiring {

		@Bean
		DocumentCache documentCache(DocumentCacheProperties properties) {
			return new DocumentCache(properties);
		}

		@Bean
		GraphQlSourceBuilderCustomizer documentCacheProvider(DocumentCache cache) {
			return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(cache));
		}

		@Bean
		MeterBinder documentCacheMetrics(DocumentCache cache) {
			return new CaffeineCacheMetrics<>(cache.documents, METRICS_NAME, Tags.empty());
		}

	}

}
