package dev.marquee.graphql;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.ParseAndValidate;
import graphql.execution.AbortExecutionException;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DocumentCacheTest {

	private final AtomicInteger parses = new AtomicInteger();

	@Test
	void aDocumentSentAgainIsTheOneKept() {
		DocumentCache cache = cache(10, "10KB");
		PreparsedDocumentEntry first = cache.document("{ events { nodes { slug } } }", parsed("{ events { nodes { slug } } }"));
		PreparsedDocumentEntry second = cache.document("{ events { nodes { slug } } }", parsed("{ events { nodes { slug } } }"));

		assertThat(second).isSameAs(first);
		assertThat(this.parses).hasValue(1);
	}

	@Test
	void theCacheStaysWithinItsBoundAfterManyDistinctDocuments() {
		DocumentCache cache = cache(10, "10KB");
		for (int i = 0; i < 500; i++) {
			String text = "{ a" + i + ": events { nodes { slug } } }";
			cache.document(text, parsed(text));
		}
		assertThat(cache.size()).isLessThanOrEqualTo(10);
		assertThat(this.parses).hasValue(500);
	}

	@Test
	void aDocumentLongerThanTheLargestKeptIsParsedEveryTime() {
		DocumentCache cache = cache(10, "100B");
		String text = "{ events { nodes { slug } } } # " + "é".repeat(40);
		cache.document(text, parsed(text));
		cache.document(text, parsed(text));

		assertThat(this.parses).hasValue(2);
		assertThat(cache.size()).isZero();
	}

	@Test
	void aDocumentWithErrorsIsNotKept() {
		DocumentCache cache = cache(10, "10KB");
		Supplier<PreparsedDocumentEntry> invalid = () -> {
			this.parses.incrementAndGet();
			return new PreparsedDocumentEntry(GraphqlErrorBuilder.newError().message("Validation error").build());
		};
		assertThat(cache.document("{ nope }", invalid).hasErrors()).isTrue();
		assertThat(cache.document("{ nope }", invalid).hasErrors()).isTrue();

		assertThat(this.parses).hasValue(2);
		assertThat(cache.size()).isZero();
	}

	@Test
	void aDocumentALimitRefusesWhileItIsValidatedReachesTheCallerAndIsNotKept() {
		DocumentCache cache = cache(10, "10KB");
		Supplier<PreparsedDocumentEntry> refused = () -> {
			throw new AbortExecutionException("The document uses 31 aliases; the limit is 30.");
		};
		assertThatExceptionOfType(AbortExecutionException.class).isThrownBy(() -> cache.document("{ a }", refused));
		assertThat(cache.size()).isZero();
	}

	@Test
	void noEntriesTurnsTheCacheOff() {
		DocumentCache cache = cache(0, "10KB");
		cache.document("{ events { nodes { slug } } }", parsed("{ events { nodes { slug } } }"));
		cache.document("{ events { nodes { slug } } }", parsed("{ events { nodes { slug } } }"));

		assertThat(this.parses).hasValue(2);
	}

	@Test
	void aRequestThatChangesHowDocumentsAreValidatedGetsADocumentOfItsOwn() {
		DocumentCache cache = cache(10, "10KB");
		String text = "{ events { nodes { slug } } }";
		cache.document(text, parsed(text));
		ExecutionInput input = ExecutionInput.newExecutionInput(text)
			.graphQLContext(java.util.Map.of(ParseAndValidate.INTERNAL_VALIDATION_PREDICATE_HINT,
					(java.util.function.Predicate<Class<?>>) (rule) -> false))
			.build();
		cache.getDocumentAsync(input, (in) -> parsed(text).get()).join();

		assertThat(this.parses).hasValue(2);
	}

	@Test
	void aNegativeSettingIsAClearStartUpError() {
		new ApplicationContextRunner().withUserConfiguration(Settings.class)
			.withPropertyValues("marquee.graphql.document-cache.max-entries=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("marquee.graphql.document-cache.max-entries is 0 (no cache) or more, was -1."));
		new ApplicationContextRunner().withUserConfiguration(Settings.class)
			.withPropertyValues("marquee.graphql.document-cache.max-document-size=-1KB")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("marquee.graphql.document-cache.max-document-size is 0 bytes or more, was -1024B."));
		new ApplicationContextRunner().withUserConfiguration(Settings.class)
			.run((context) -> assertThat(context.getBean(DocumentCacheProperties.class))
				.isEqualTo(new DocumentCacheProperties(1000, DataSize.ofKilobytes(4))));
	}

	private Supplier<PreparsedDocumentEntry> parsed(String text) {
		return () -> {
			this.parses.incrementAndGet();
			Document document = Parser.parse(text);
			return new PreparsedDocumentEntry(document);
		};
	}

	private static DocumentCache cache(int maxEntries, String maxDocumentSize) {
		return new DocumentCache(new DocumentCacheProperties(maxEntries, DataSize.parse(maxDocumentSize)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DocumentCacheProperties.class)
	static class Settings {

	}

}
