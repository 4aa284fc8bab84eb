package dev.marquee.graphql;

import java.nio.charset.StandardCharsets;
import java.util.List;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Field;
import graphql.language.Node;
import graphql.util.TraversalControl;
import graphql.validation.ValidationError;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Refuses, before anything executes, documents that are too large, use too many aliases, nest too
 * deep, would cost too much (fields times list sizes, {@link ListSizes}; priced once by {@link CostBudget.Pricing},
 * which also charges the caller's budget) or pass strings and lists above
 * their bounds ({@link InputLimits}); then, while one runs, caps bounded lists and stops it at its
 * deadline or answer size ({@link ExecutionGuard}). Depth and cost count ordinary fields only: an
 * introspection query ({@code __schema}, {@code __type}) is bounded by graphql-java's own
 * {@code GoodFaithIntrospection} instead, so the standard query every tool sends first is answered.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

	@Bean
	@Order(1)
	Instrumentation documentLimits(LimitsProperties limits) {
		return new DocumentLimits(limits);
	}

	@Bean
	@Order(2)
	Instrumentation maxDepth(LimitsProperties limits) {
		return new OrdinaryDepth(limits.maxDepth());
	}

	@Bean
	@Order(3)
	Instrumentation maxCost(LimitsProperties limits, RateLimitProperties rateLimit, RateBuckets buckets) {
		return new CostBudget.Pricing(limits.maxCost(), ListSizes.cost(), rateLimit, buckets);
	}

	@Bean
	@Order(4)
	Instrumentation inputLimits(LimitsProperties limits) {
		return new InputLimits(limits.maxStringLength(), limits.maxListItems());
	}

	@Bean
	@Order(5)
	Instrumentation listCaps() {
		return new ListSizes.Caps();
	}

	@Bean
	@Order(6)
	Instrumentation executionGuard(LimitsProperties limits) {
		return new ExecutionGuard(limits.timeout(), limits.maxResponseBytes().toBytes(), System::nanoTime);
	}

	/** Document size (before parsing) and alias count (before validation). */
	static final class DocumentLimits extends SimplePerformantInstrumentation {

		private final LimitsProperties limits;

		DocumentLimits(LimitsProperties limits) {
			this.limits = limits;
		}

		@Override
		public InstrumentationContext<graphql.ExecutionResult> beginExecution(
				InstrumentationExecutionParameters parameters, InstrumentationState state) {
			String query = parameters.getQuery();
			if (query != null && Utf8.longerThan(query, this.limits.maxDocumentBytes())) {
				throw new AbortExecutionException("The document is " + query.getBytes(StandardCharsets.UTF_8).length
						+ " bytes; the limit is " + this.limits.maxDocumentBytes() + " bytes.");
			}
			return super.beginExecution(parameters, state);
		}

		@Override
		public InstrumentationContext<List<ValidationError>> beginValidation(
				InstrumentationValidationParameters parameters, InstrumentationState state) {
			int aliases = countAliases(parameters.getDocument());
			if (aliases > this.limits.maxAliases()) {
				throw new AbortExecutionException("The document uses " + aliases + " aliases; the limit is "
						+ this.limits.maxAliases() + ".");
			}
			return super.beginValidation(parameters, state);
		}

		private static int countAliases(Node<?> node) {
			int count = (node instanceof Field field && field.getAlias() != null) ? 1 : 0;
			for (Node<?> child : node.getChildren()) {
				count += countAliases(child);
			}
			return count;
		}

	}

	/**
	 * graphql-java's {@code MaxQueryDepthInstrumentation} (same count, same message), except that the
	 * subtree of {@code __schema} and {@code __type} is not counted: {@code getIntrospectionQuery()} nests
	 * its type references 15 deep, and graphql-java's {@code GoodFaithIntrospection} bounds introspection
	 * (each of {@code __schema}, {@code __type} and the list fields of {@code __Type} at most once, at most
	 * 500 fields and 20 levels).
	 */
	static final class OrdinaryDepth extends SimplePerformantInstrumentation {

		private final int maxDepth;

		OrdinaryDepth(int maxDepth) {
			this.maxDepth = maxDepth;
		}

		@Override
		public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
				InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
			ExecutionContext context = parameters.getExecutionContext();
			int[] deepest = { 0 };
			QueryTraverser.newQueryTraverser()
				.schema(context.getGraphQLSchema())
				.document(context.getDocument())
				.operationName(context.getExecutionInput().getOperationName())
				.coercedVariables(context.getCoercedVariables())
				.build()
				.visitPreOrder(new QueryVisitorStub() {
					@Override
					public TraversalControl visitFieldWithControl(QueryVisitorFieldEnvironment env) {
						if (isIntrospectionRoot(env.getField().getName())) {
							return TraversalControl.ABORT;
						}
						deepest[0] = Math.max(deepest[0], depth(env));
						return TraversalControl.CONTINUE;
					}
				});
			if (deepest[0] > this.maxDepth) {
				throw new AbortExecutionException("maximum query depth exceeded " + deepest[0] + " > " + this.maxDepth);
			}
			return super.beginExecuteOperation(parameters, state);
		}

		private static int depth(QueryVisitorFieldEnvironment env) {
			int depth = 0;
			for (QueryVisitorFieldEnvironment e = env; e != null; e = e.getParentEnvironment()) {
				depth++;
			}
			return depth;
		}

	}

	/** {@code __schema} or {@code __type}: the root fields of introspection (on {@code Query} only). */
	static boolean isIntrospectionRoot(String fieldName) {
		return "__schema".equals(fieldName) || "__type".equals(fieldName);
	}

}
