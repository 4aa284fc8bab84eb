package dev.marquee.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What a request costs and whose budget pays ({@code marquee.rate-limit}, {@link RateBuckets}). Every request is
 * priced once, before anything runs ({@link Pricing}: graphql-java's {@code QueryComplexityCalculator} with
 * {@link ListSizes#cost}, the same count {@code max-cost} refuses by); when budgets are on, that requested cost is
 * reserved from the caller's bucket ({@link CallerKeys}) before any field is fetched, and a request it does not
 * fit is answered 429 with {@code Retry-After} without running. After execution the cost of what was really
 * returned ({@link #actualCost}) is known, and the rest of the reservation is given back.
 * <p>
 * Every priced answer carries {@code extensions.cost} (Shopify's shape): {@code requestedQueryCost},
 * {@code actualQueryCost} and, with budgets on, {@code throttleStatus {maximumAvailable, currentlyAvailable,
 * restoreRate}}, with the headers {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} ({@link RateLimitHeaders}). An answer refused before pricing (a document that does not
 * parse or validate) has neither: nothing was spent.
 */
@Component
class CostBudget implements WebGraphQlInterceptor {

	/** The GraphQL context key of a request's {@link Ticket}. */
	static final String TICKET = CostBudget.class.getName() + ".ticket";

	/** The classification of the 429 answer's error. */
	static final String THROTTLED = "THROTTLED";

	private final RateLimitProperties properties;

	private final RateBuckets buckets;

	private final CallerKeys callers;

	CostBudget(RateLimitProperties properties, RateBuckets buckets, ClientAddresses addresses,
			Optional<SignedInCaller> signedIn) {
		this.properties = properties;
		this.buckets = buckets;
		this.callers = new CallerKeys(addresses, signedIn);
	}

	/**
	 * What one request has been charged: its caller (null when budgets are off), its requested cost once priced,
	 * its bucket once reserved. Written by {@link Pricing} during execution, read after it.
	 */
	static final class Ticket {

		private final String caller;

		private volatile Integer requested;

		private volatile RateBuckets.Bucket bucket;

		Ticket(String caller) {
			this.caller = caller;
		}

	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String caller = this.properties.enabled()
				? this.callers.of(request.getRemoteAddress(), request.getHeaders().get(ClientAddresses.FORWARDED_FOR)) : null;
		Ticket ticket = new Ticket(caller);
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext((context) -> context.put(TICKET, ticket)).build());
		return chain.next(request).map((response) -> settle(ticket, response));
	}

	private WebGraphQlResponse settle(Ticket ticket, WebGraphQlResponse response) {
		Integer requested = ticket.requested;
		if (requested == null) {
			return response;
		}
		ExecutionResult result = response.getExecutionResult();
		RateBuckets.Bucket bucket = ticket.bucket;
		boolean refused = bucket != null && !bucket.taken();
		long actual = refused ? 0 : charged(result, requested);
		if (ticket.caller != null) {
			bucket = (bucket == null) ? this.buckets.peek(ticket.caller) : this.buckets.refund(bucket, requested - actual);
		}
		Map<String, Object> cost = new LinkedHashMap<>();
		cost.put("requestedQueryCost", requested);
		cost.put("actualQueryCost", actual);
		if (bucket != null) {
			Map<String, Object> status = new LinkedHashMap<>();
			status.put("maximumAvailable", this.properties.capacity());
			status.put("currentlyAvailable", bucket.available());
			status.put("restoreRate", this.properties.restoreRate());
			cost.put("throttleStatus", status);
		}
		RateBuckets.Bucket spent = bucket;
		WebGraphQlResponse answer = response.transform((builder) -> {
			builder.extensions(withCost(result.getExtensions(), cost));
			if (refused) {
				builder.errors(List.of(throttled(requested, spent)));
			}
		});
		if (spent != null) {
			RateLimitHeaders.write(answer.getResponseHeaders(), spent, refused);
		}
		return answer;
	}

	/**
	 * The answer as a shared cache may keep it: {@code extensions.cost} without {@code throttleStatus}, which is
	 * one caller's budget at one moment (a public answer is served to other callers, and its strong ETag
	 * promises the same bytes to every request with that tag). The caller's own budget is still in the
	 * RateLimit headers.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> shared(Map<String, Object> answer) {
		if (!(answer.get("extensions") instanceof Map<?, ?> extensions)
				|| !(extensions.get("cost") instanceof Map<?, ?> cost) || !cost.containsKey("throttleStatus")) {
			return answer;
		}
		Map<String, Object> sharedCost = new LinkedHashMap<>((Map<String, Object>) cost);
		sharedCost.remove("throttleStatus");
		Map<Object, Object> sharedExtensions = new LinkedHashMap<>(extensions);
		sharedExtensions.put("cost", sharedCost);
		Map<String, Object> shared = new LinkedHashMap<>(answer);
		shared.put("extensions", sharedExtensions);
		return shared;
	}

	private static Map<Object, Object> withCost(Map<Object, Object> extensions, Map<String, Object> cost) {
		Map<Object, Object> merged = (extensions != null) ? new LinkedHashMap<>(extensions) : new LinkedHashMap<>();
		merged.put("cost", cost);
		return merged;
	}

	/** The error of a 429: the shape of {@link TransportErrors}, saying what was asked, what is left and when it fits. */
	private static GraphQLError throttled(long requested, RateBuckets.Bucket bucket) {
		String message = "This query costs " + requested + " points and " + bucket.available()
				+ " are available now; retry in " + bucket.retryAfterSeconds() + " s (" + bucket.restoreRate()
				+ " points come back per second, up to " + bucket.capacity() + ").";
		return GraphqlErrorBuilder.newError()
			.message(message)
			.errorType(ErrorClassification.errorClassification(THROTTLED))
			.extensions(Map.of("classification", THROTTLED, "status", HttpStatus.TOO_MANY_REQUESTS.value()))
			.build();
	}

	/** Whether this answer is a refusal for want of budget (429). */
	static boolean isThrottled(ExecutionResult result) {
		return result.getErrors().size() == 1 && result.getErrors().get(0).getExtensions() != null
				&& THROTTLED.equals(result.getErrors().get(0).getExtensions().get("classification"));
	}

	/**
	 * What an executed request is charged: the cost of what it returned, at most what it asked for; but all it
	 * asked for when the execution guard stopped it ({@code extensions.limit}: it ran to the deadline or built an
	 * answer too large, and threw that work away), so such requests are not free.
	 */
	static long charged(ExecutionResult result, long requested) {
		boolean stopped = result.getErrors().stream()
			.anyMatch((error) -> error.getExtensions() != null && error.getExtensions().containsKey("limit"));
		return stopped ? requested : Math.min(requested, actualCost(result.getData()));
	}

	/**
	 * The cost of what an answer holds, by the rules of {@link ListSizes#cost} applied to what was returned rather
	 * than to the bounds: every field present counts 1 plus its children, a list the sum of its items (an empty
	 * or null one nothing beyond its field). One walk over the data, nothing read again; {@code __schema} and
	 * {@code __type} cost 0 as they do when requested.
	 */
	static long actualCost(Object data) {
		if (!(data instanceof Map<?, ?> root)) {
			return 0;
		}
		long cost = 0;
		for (Map.Entry<?, ?> field : root.entrySet()) {
			if (!QueryLimits.isIntrospectionRoot(String.valueOf(field.getKey()))) {
				cost += 1 + below(field.getValue());
			}
		}
		return cost;
	}

	private static long below(Object value) {
		long cost = 0;
		if (value instanceof Map<?, ?> object) {
			for (Object child : object.values()) {
				cost += 1 + below(child);
			}
		}
		else if (value instanceof List<?> list) {
			for (Object item : list) {
				cost += below(item);
			}
		}
		return cost;
	}

	/**
	 * Prices each operation before it runs, in place of graphql-java's {@code MaxQueryComplexityInstrumentation}
	 * (same count, same refusal above {@code max-cost}), and reserves the price from the caller's budget: a request
	 * it does not fit stops here, before any data fetcher, and {@link CostBudget} answers it 429. A request costing
	 * more than a whole budget ({@code capacity}) is refused as too expensive: no wait would let it run.
	 */
	static final class Pricing extends SimplePerformantInstrumentation {

		private final int maxCost;

		private final FieldComplexityCalculator calculator;

		private final RateLimitProperties properties;

		private final RateBuckets buckets;

		Pricing(int maxCost, FieldComplexityCalculator calculator, RateLimitProperties properties,
				RateBuckets buckets) {
			this.maxCost = maxCost;
			this.calculator = calculator;
			this.properties = properties;
			this.buckets = buckets;
		}

		@Override
		public InstrumentationContext<ExecutionResult> beginExecuteOperation(
				InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
			ExecutionContext context = parameters.getExecutionContext();
			int cost = QueryComplexityCalculator.newCalculator()
				.fieldComplexityCalculator(this.calculator)
				.schema(context.getGraphQLSchema())
				.document(context.getDocument())
				.operationName(context.getExecutionInput().getOperationName())
				.variables(context.getCoercedVariables())
				.build()
				.calculate();
			Ticket ticket = context.getGraphQLContext().get(TICKET);
			if (ticket != null) {
				ticket.requested = cost;
			}
			if (cost > this.maxCost) {
				throw new AbortExecutionException("maximum query complexity exceeded " + cost + " > " + this.maxCost);
			}
			if (ticket != null && ticket.caller != null && cost > 0) {
				if (cost > this.properties.capacity()) {
					throw new AbortExecutionException("This query costs " + cost + " points; a caller's budget holds at most "
							+ this.properties.capacity() + " (marquee.rate-limit.capacity), so it can never run. Ask for "
							+ "smaller pages (first) or fewer fields.");
				}
				RateBuckets.Bucket bucket = this.buckets.take(ticket.caller, cost);
				ticket.bucket = bucket;
				if (!bucket.taken()) {
					throw new AbortExecutionException("Throttled: the caller's budget is spent for now.");
				}
			}
			return super.beginExecuteOperation(parameters, state);
		}

	}

}
