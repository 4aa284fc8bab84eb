package dev.marquee.graphql;

import graphql.execution.instrumentation.dataloader.DataLoaderDispatchingContextKeys;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Dispatches DataLoaders when execution has nothing else to do ("exhausted" dispatching) instead of
 * level by level, so loads of one type that become due at different depths of the same request go out
 * as one batch: on the event page the sponsors' groups (depth 4) and the speakers' companies (depth 5)
 * are one read of companies instead of two (docs/benchmarks.md, commands per request).
 */
@Component
class DataLoaderDispatching implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		request.configureExecutionInput((input, builder) -> {
			DataLoaderDispatchingContextKeys.setEnableDataLoaderExhaustedDispatching(input.getGraphQLContext(), true);
			return input;
		});
		return chain.next(request);
	}

}
