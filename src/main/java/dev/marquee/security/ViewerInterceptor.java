package dev.marquee.security;

import graphql.GraphQLContext;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Puts the caller's {@link Viewer} into the GraphQL context, where controllers
 * ({@code @ContextValue Viewer viewer}) and DataLoaders ({@link #of}) find it.
 */
@Component
class ViewerInterceptor implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Viewer viewer = Viewers.of(authentication);
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext((context) -> context.put(Viewer.CONTEXT_KEY, viewer)).build());
		return chain.next(request);
	}

	/** The viewer of a GraphQL context (anonymous when none was set). */
	static Viewer of(GraphQLContext context) {
		Viewer viewer = (context != null) ? context.get(Viewer.CONTEXT_KEY) : null;
		return (viewer != null) ? viewer : Viewer.ANONYMOUS;
	}

}
