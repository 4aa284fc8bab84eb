package dev.marquee.graphql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLTypeUtil;

/**
 * The size of every list field, read from the schema's {@code @listSize} (the GraphQL cost
 * specification's directive): the cost model multiplies what is selected below a list by that size, and a
 * list without a slicing argument answers no more than its {@code assumedSize}, so its price is a bound.
 */
final class ListSizes {

	static final String LIST_SIZE = "listSize";

	/** The price of a list field the schema gives no size (a test keeps the schema free of them). */
	static final int UNDECLARED = 100;

	private ListSizes() {
	}

	/**
	 * A field costs 1 plus its children; a list costs its size times its children: the largest slicing
	 * argument ({@code first}, schema default included), the {@code assumedSize}, or for the
	 * {@code edges}/{@code nodes} of a connection the slicing argument of the field that returned it.
	 * {@code __schema} and {@code __type} cost nothing (see {@link QueryLimits}).
	 */
	static FieldComplexityCalculator cost() {
		return (env, childComplexity) -> {
			if (env.getParentEnvironment() == null && QueryLimits.isIntrospectionRoot(env.getField().getName())) {
				// introspection is bounded by graphql-java's GoodFaithIntrospection, not priced here
				return 0;
			}
			long cost = 1L + size(env) * childComplexity;
			return (int) Math.min(Integer.MAX_VALUE, cost);
		};
	}

	static long size(FieldComplexityEnvironment env) {
		GraphQLAppliedDirective listSize = env.getFieldDefinition().getAppliedDirective(LIST_SIZE);
		if (listSize != null) {
			if (!strings(listSize, "sizedFields").isEmpty()) {
				return 1;
			}
			Long slice = slice(listSize, env.getArguments());
			if (slice != null) {
				return slice;
			}
			Integer assumed = assumedSize(env.getFieldDefinition());
			if (assumed != null) {
				return assumed;
			}
		}
		FieldComplexityEnvironment parent = env.getParentEnvironment();
		GraphQLAppliedDirective parentSize = (parent != null)
				? parent.getFieldDefinition().getAppliedDirective(LIST_SIZE) : null;
		if (parentSize != null && strings(parentSize, "sizedFields").contains(env.getFieldDefinition().getName())) {
			Long slice = slice(parentSize, parent.getArguments());
			return (slice != null) ? slice : UNDECLARED;
		}
		return isList(env.getFieldDefinition()) ? UNDECLARED : 1;
	}

	/** The cap of a list field without slicing arguments, or null when it has none. */
	static Integer assumedSize(GraphQLFieldDefinition field) {
		GraphQLAppliedDirective listSize = field.getAppliedDirective(LIST_SIZE);
		if (listSize == null || !strings(listSize, "slicingArguments").isEmpty()) {
			return null;
		}
		GraphQLAppliedDirectiveArgument assumed = listSize.getArgument("assumedSize");
		return (assumed != null && assumed.getValue() instanceof Number n) ? n.intValue() : null;
	}

	static boolean isList(GraphQLFieldDefinition field) {
		return GraphQLTypeUtil.unwrapNonNull(field.getType()) instanceof GraphQLList;
	}

	private static Long slice(GraphQLAppliedDirective listSize, Map<String, Object> arguments) {
		Long largest = null;
		for (String name : strings(listSize, "slicingArguments")) {
			if (arguments.get(name) instanceof Number n) {
				long value = Math.max(1, n.longValue());
				largest = (largest == null) ? value : Math.max(largest, value);
			}
		}
		return largest;
	}

	private static List<String> strings(GraphQLAppliedDirective directive, String name) {
		GraphQLAppliedDirectiveArgument argument = directive.getArgument(name);
		if (argument == null || !(argument.getValue() instanceof Collection<?> values)) {
			return List.of();
		}
		return values.stream().map(String::valueOf).toList();
	}

	/** Cuts the answer of every list field with an {@code assumedSize} to that many items. */
	static final class Caps extends SimplePerformantInstrumentation {

		@Override
		public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
				InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
			GraphQLFieldDefinition field = parameters.getField();
			if (field.getAppliedDirective(LIST_SIZE) == null) {
				return dataFetcher;
			}
			Integer cap = assumedSize(field);
			if (cap == null) {
				return dataFetcher;
			}
			return (env) -> cap(dataFetcher.get(env), cap);
		}

		static Object cap(Object result, int cap) {
			if (result instanceof CompletionStage<?> stage) {
				return stage.toCompletableFuture().thenApply((value) -> cap(value, cap));
			}
			if (result instanceof DataFetcherResult<?> wrapped) {
				@SuppressWarnings("unchecked")
				DataFetcherResult<Object> any = (DataFetcherResult<Object>) wrapped;
				return any.transform((builder) -> builder.data(cap(any.getData(), cap)));
			}
			if (result instanceof List<?> list && list.size() > cap) {
				return new ArrayList<>(list.subList(0, cap));
			}
			if (result instanceof Collection<?> collection && collection.size() > cap) {
				return collection.stream().limit(cap).toList();
			}
			return result;
		}

	}

}
