package dev.marquee.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.validation.ValidationError;

/**
 * Counts, by document text, how often graphql-java parsed and validated a document in the application under
 * test: a document answered from the document cache is neither.
 */
public final class ParseCounter extends SimplePerformantInstrumentation {

	private final Map<String, AtomicInteger> parses = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> validations = new ConcurrentHashMap<>();

	@Override
	public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
			InstrumentationState state) {
		count(this.parses, parameters.getQuery());
		return super.beginParse(parameters, state);
	}

	@Override
	public InstrumentationContext<java.util.List<ValidationError>> beginValidation(
			InstrumentationValidationParameters parameters, InstrumentationState state) {
		count(this.validations, parameters.getQuery());
		return super.beginValidation(parameters, state);
	}

	/** How often this document was parsed. */
	public int parses(String document) {
		return get(this.parses, document);
	}

	/** How often this document was validated. */
	public int validations(String document) {
		return get(this.validations, document);
	}

	private static void count(Map<String, AtomicInteger> counts, String document) {
		if (document != null) {
			counts.computeIfAbsent(document, (d) -> new AtomicInteger()).incrementAndGet();
		}
	}

	private static int get(Map<String, AtomicInteger> counts, String document) {
		AtomicInteger count = counts.get(document);
		return (count != null) ? count.get() : 0;
	}

}
