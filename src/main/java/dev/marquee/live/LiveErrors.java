package dev.marquee.live;

import java.util.List;

import graphql.GraphQLError;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.SubscriptionExceptionResolver;
import org.springframework.stereotype.Component;

/**
 * A subscription's refusals as GraphQL errors; anything else is left to Spring GraphQL's default (a generic
 * "Subscription error", logged).
 */
@Component
class LiveErrors implements SubscriptionExceptionResolver {

	@Override
	public Mono<List<GraphQLError>> resolveException(Throwable exception) {
		return (exception instanceof LiveRefusal refusal) ? Mono.just(List.of(refusal.toError())) : Mono.empty();
	}

}
