package dev.marquee.graphql;

import java.util.Map;
import java.util.UUID;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * The only place exceptions become GraphQL errors. Bad arguments are answered with their message and
 * the argument's name; anything else is logged with an id and answered with that id only: no stack
 * trace, exception class or internal message reaches a client.
 */
@Component
class ErrorResolver extends DataFetcherExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(ErrorResolver.class);

	ErrorResolver() {
		setThreadLocalContextAware(true);
	}

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof InvalidInputException invalid) {
			return GraphqlErrorBuilder.newError(env)
				.errorType(ErrorType.BAD_REQUEST)
				.message(invalid.getMessage())
				.extensions(Map.of("argument", invalid.argument()))
				.build();
		}
		if (ex instanceof ForbiddenException forbidden) {
			return GraphqlErrorBuilder.newError(env).errorType(ErrorType.FORBIDDEN).message(forbidden.getMessage()).build();
		}
		String errorId = UUID.randomUUID().toString();
		log.error("Unexpected fault {} at {}", errorId, env.getExecutionStepInfo().getPath(), ex);
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.INTERNAL_ERROR)
			.message("Internal error; quote id " + errorId + " when reporting it.")
			.extensions(Map.of("errorId", errorId))
			.build();
	}

}
