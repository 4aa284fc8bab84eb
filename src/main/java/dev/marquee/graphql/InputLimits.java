package dev.marquee.graphql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.ResultPath;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import org.springframework.graphql.execution.ErrorType;

/**
 * Bounds every string and list a request passes in, literal or through variables, before anything
 * executes: at most {@code @maxLength} characters and {@code @maxItems} items where the schema declares
 * them, else the defaults of {@code marquee.graphql}. Above a bound, a query is answered with a
 * {@code BAD_REQUEST} error naming the argument and nothing runs; a mutation whose payload has
 * {@code errors} answers {@code INVALID_INPUT} in that payload instead, and its service is not called.
 */
final class InputLimits extends SimplePerformantInstrumentation {

	static final String MAX_LENGTH = "maxLength";

	static final String MAX_ITEMS = "maxItems";

	private final int defaultMaxLength;

	private final int defaultMaxItems;

	InputLimits(int defaultMaxLength, int defaultMaxItems) {
		this.defaultMaxLength = defaultMaxLength;
		this.defaultMaxItems = defaultMaxItems;
	}

	@Override
	public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
		return new Refusals();
	}

	@Override
	public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext context = parameters.getExecutionContext();
		boolean mutation = context.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION;
		List<GraphQLError> refused = new ArrayList<>();
		Refusals refusals = (Refusals) state;
		QueryTraverser.newQueryTraverser()
			.schema(context.getGraphQLSchema())
			.document(context.getDocument())
			.operationName(context.getOperationDefinition().getName())
			.coercedVariables(context.getCoercedVariables())
			.build()
			.visitPreOrder(new QueryVisitorStub() {
				@Override
				public void visitField(QueryVisitorFieldEnvironment env) {
					if (env.isTypeNameIntrospectionField() || env.getFieldDefinition().getArguments().isEmpty()) {
						return;
					}
					List<Violation> violations = violations(env.getFieldDefinition(), env.getArguments());
					if (violations.isEmpty()) {
						return;
					}
					String resultKey = env.getField().getResultKey();
					if (mutation && env.getParentEnvironment() == null && hasUserErrors(env.getFieldDefinition())) {
						refusals.payloads.putIfAbsent(resultKey,
								violations.stream().map(Violation::asUserError).toList());
						return;
					}
					ResultPath path = path(env);
					for (Violation violation : violations) {
						refused.add(GraphqlErrorBuilder.newError()
							.errorType(ErrorType.BAD_REQUEST)
							.message(violation.message())
							.location(env.getField().getSourceLocation())
							.path(path)
							.extensions(Map.of("argument", violation.argument()))
							.build());
					}
				}
			});
		if (!refused.isEmpty()) {
			throw new AbortExecutionException(refused);
		}
		return super.beginExecuteOperation(parameters, state);
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		Refusals refusals = (Refusals) state;
		if (refusals == null || refusals.payloads.isEmpty()
				|| parameters.getExecutionStepInfo().getPath().getLevel() != 1) {
			return dataFetcher;
		}
		List<UserError> errors = refusals.payloads.get(parameters.getExecutionStepInfo().getPath().getSegmentName());
		if (errors == null) {
			return dataFetcher;
		}
		Map<String, Object> payload = Map.of("errors", errors);
		return (env) -> payload;
	}

	/** The bounds the arguments of one field break, in argument order. */
	List<Violation> violations(GraphQLFieldDefinition field, Map<String, Object> arguments) {
		List<Violation> violations = new ArrayList<>();
		for (GraphQLArgument argument : field.getArguments()) {
			check(argument.getType(), arguments.get(argument.getName()), argument, List.of(argument.getName()),
					violations);
		}
		return violations;
	}

	private void check(GraphQLInputType type, Object value, GraphQLDirectiveContainer holder, List<String> path,
			List<Violation> violations) {
		if (value == null) {
			return;
		}
		GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
		if (unwrapped instanceof GraphQLList list && value instanceof Collection<?> items) {
			int max = bound(holder, MAX_ITEMS, this.defaultMaxItems);
			if (items.size() > max) {
				violations.add(new Violation(path, "`" + String.join(".", path) + "` takes at most " + max
						+ " items, was " + items.size() + "."));
				return;
			}
			GraphQLInputType itemType = (GraphQLInputType) list.getWrappedType();
			int i = 0;
			for (Object item : items) {
				List<String> itemPath = new ArrayList<>(path);
				itemPath.add(Integer.toString(i++));
				check(itemType, item, holder, itemPath, violations);
			}
		}
		else if (unwrapped instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> fields) {
			for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
				List<String> fieldPath = new ArrayList<>(path);
				fieldPath.add(field.getName());
				check(field.getType(), fields.get(field.getName()), field, fieldPath, violations);
			}
		}
		else if (value instanceof CharSequence text) {
			if (isId(unwrapped) && holder.getAppliedDirective(MAX_LENGTH) == null) {
				// a global ID is checked by decoding it (GlobalId refuses long ones unread): an overlong one is unknown
				return;
			}
			int max = bound(holder, MAX_LENGTH, this.defaultMaxLength);
			if (text.length() > max) {
				violations.add(new Violation(path, "`" + String.join(".", path) + "` is at most " + max
						+ " characters, was " + text.length() + "."));
			}
		}
	}

	private static boolean isId(GraphQLType type) {
		return type instanceof GraphQLScalarType scalar && "ID".equals(scalar.getName());
	}

	private static int bound(GraphQLDirectiveContainer holder, String directive, int fallback) {
		GraphQLAppliedDirective applied = holder.getAppliedDirective(directive);
		if (applied == null || applied.getArgument("value") == null) {
			return fallback;
		}
		Object value = applied.getArgument("value").getValue();
		return (value instanceof Number n) ? n.intValue() : fallback;
	}

	/** A mutation payload such as {@code EventPayload}: it can carry the refusal as user errors. */
	private static boolean hasUserErrors(GraphQLFieldDefinition field) {
		return GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLObjectType payload
				&& payload.getFieldDefinition("errors") != null;
	}

	private static ResultPath path(QueryVisitorFieldEnvironment env) {
		List<String> keys = new ArrayList<>();
		for (QueryVisitorFieldEnvironment e = env; e != null; e = e.getParentEnvironment()) {
			keys.add(0, e.getField().getResultKey());
		}
		return ResultPath.fromList(new ArrayList<>(keys));
	}

	/** One bound broken: the argument path (e.g. {@code filter.nameContains}) and what is wrong. */
	record Violation(List<String> path, String message) {

		String argument() {
			return String.join(".", this.path);
		}

		UserError asUserError() {
			return new UserError(UserErrorCode.INVALID_INPUT, List.copyOf(this.path), this.message);
		}

	}

	/** Per request: the refusals to answer in the payloads of root mutation fields, by result key. */
	private static final class Refusals implements InstrumentationState {

		private final Map<String, List<UserError>> payloads = new LinkedHashMap<>();

	}

}
