package dev.marquee.graphql;

import java.util.Map;

import graphql.introspection.Introspection;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * {@code marquee.graphql.introspection: false} turns introspection off for this application: every request
 * carries graphql-java's {@link Introspection#INTROSPECTION_DISABLED} in its context, so {@code __schema} and
 * {@code __type} are answered with graphql-java's {@code IntrospectionDisabled} error and nothing runs
 * ({@code __typename} still answers). Spring Boot's {@code spring.graphql.schema.introspection.enabled}
 * is not used: it switches introspection off for the whole JVM ({@code Introspection.enabledJvmWide}) and
 * never back on, whichever application in it asked.
 */
@Component
class IntrospectionSwitch implements WebGraphQlInterceptor {

	private final boolean enabled;

	IntrospectionSwitch(LimitsProperties limits) {
		this.enabled = limits.introspection();
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!this.enabled) {
			request.configureExecutionInput((input, builder) -> builder
				.graphQLContext(Map.of(Introspection.INTROSPECTION_DISABLED, true))
				.build());
		}
		return chain.next(request);
	}

}
