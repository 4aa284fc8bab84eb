package dev.marquee.graphql;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ExecutionContext;
import graphql.execution.FetchedValue;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.DataFetcher;

/**
 * Stops a request that runs too long or answers too much, while it runs: before every field is
 * fetched the deadline ({@code marquee.graphql.timeout}) is checked, and every completed field adds its
 * estimated share of the JSON answer to a count checked against {@code marquee.graphql.max-response-bytes}.
 * Past either, no further field is fetched (graphql-java's cancellation: the execution input is cancelled
 * and the engine aborts at the next field) and the answer is one error saying which limit was reached, with
 * no data. Mutations run one after the other: those finished before the stop stay done (and audited), no
 * later one starts.
 */
final class ExecutionGuard extends SimplePerformantInstrumentation {

	private final long timeoutNanos;

	private final long maxResponseBytes;

	private final LongSupplier nanoTime;

	ExecutionGuard(Duration timeout, long maxResponseBytes, LongSupplier nanoTime) {
		this.timeoutNanos = timeout.toNanos();
		this.maxResponseBytes = maxResponseBytes;
		this.nanoTime = nanoTime;
	}

	@Override
	public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
		return new Run(this.nanoTime.getAsLong() + this.timeoutNanos, parameters.getExecutionInput());
	}

	@Override
	public ExecutionContext instrumentExecutionContext(ExecutionContext context,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		((Run) state).input = context.getExecutionInput();
		return context;
	}

	/**
	 * Each event of a subscription is answered as a request of its own: the deadline and the answer size
	 * count from the event, not from the subscription's start (which may be hours ago).
	 */
	@Override
	public InstrumentationContext<ExecutionResult> beginSubscribedFieldEvent(InstrumentationFieldParameters parameters,
			InstrumentationState state) {
		if (state instanceof Run run) {
			run.restart(this.nanoTime.getAsLong() + this.timeoutNanos);
		}
		return super.beginSubscribedFieldEvent(parameters, state);
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		Run run = (Run) state;
		return (env) -> {
			if (run.stopped != null) {
				return null;
			}
			if (this.nanoTime.getAsLong() - run.deadline > 0) {
				run.stop(Limit.TIMEOUT, "The request ran longer than " + describe(this.timeoutNanos)
						+ ", the limit; it was stopped. Ask for less, or in smaller pages.");
				return null;
			}
			return dataFetcher.get(env);
		};
	}

	@Override
	public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
			InstrumentationState state) {
		Run run = (Run) state;
		long bytes = parameters.getExecutionStepInfo().getField().getResultKey().length() + 4L
				+ estimate(FetchedValue.getFetchedValue(parameters.getFetchedObject()));
		if (run.bytes.addAndGet(bytes) > this.maxResponseBytes && run.stopped == null) {
			run.stop(Limit.RESPONSE_SIZE, "The answer would be larger than " + this.maxResponseBytes
					+ " bytes, the limit; it was stopped. Ask for fewer fields or smaller pages.");
		}
		return super.beginFieldCompletion(parameters, state);
	}

	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		Run run = (Run) state;
		if (run == null || run.stopped == null) {
			return CompletableFuture.completedFuture(result);
		}
		GraphQLError error = GraphqlErrorBuilder.newError()
			.errorType(graphql.ErrorType.ExecutionAborted)
			.message(run.stopped)
			.extensions(Map.of("limit", run.limit.name()))
			.build();
		return CompletableFuture.completedFuture(new ExecutionResultImpl(List.of(error)));
	}

	/** The JSON a fetched value adds beside its key: leaves fully, objects only their braces. */
	static long estimate(Object value) {
		if (value == null) {
			return 4;
		}
		if (value instanceof CharSequence text) {
			return text.length() + 2L;
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString().length();
		}
		if (value instanceof Enum<?> constant) {
			return constant.name().length() + 2L;
		}
		if (value instanceof Collection<?> items) {
			long sum = 2;
			for (Object item : items) {
				sum += 1 + estimate(item);
			}
			return sum;
		}
		if (value instanceof java.time.temporal.TemporalAccessor || value instanceof java.net.URL
				|| value instanceof java.net.URI) {
			return value.toString().length() + 2L;
		}
		return 2;
	}

	private static String describe(long nanos) {
		Duration duration = Duration.ofNanos(nanos);
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	/** Which limit stopped a request. */
	enum Limit {

		TIMEOUT, RESPONSE_SIZE

	}

	/** One request: its deadline, its answer so far, and why it was stopped, if it was. */
	private static final class Run implements InstrumentationState {

		private volatile long deadline;

		private final AtomicLong bytes = new AtomicLong();

		private volatile ExecutionInput input;

		private volatile String stopped;

		private volatile Limit limit;

		Run(long deadline, ExecutionInput input) {
			this.deadline = deadline;
			this.input = input;
		}

		/** A subscription's next event: its own deadline and answer size, as a request of its own. */
		void restart(long deadline) {
			this.deadline = deadline;
			this.bytes.set(0);
		}

		synchronized void stop(Limit limit, String message) {
			if (this.stopped == null) {
				this.limit = limit;
				this.stopped = message;
				this.input.cancel();
			}
		}

	}

}
