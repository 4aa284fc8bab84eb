package dev.marquee.live;

import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import org.springframework.graphql.execution.ErrorType;

/**
 * Why a subscription cannot start or goes on no longer: an unknown or hidden edition, a limit, an expired
 * token, a client that does not keep up, a server that is shutting down. It ends that subscription only (an
 * {@code error} message over WebSocket, an error then {@code complete} over SSE); the connection stays up.
 */
final class LiveRefusal extends RuntimeException {

	enum Reason {

		NOT_FOUND(ErrorType.NOT_FOUND), TOO_MANY_SUBSCRIPTIONS(ErrorType.BAD_REQUEST),
		TOKEN_EXPIRED(ErrorType.UNAUTHORIZED), TOO_SLOW(ErrorType.BAD_REQUEST),
		/** The node is stopping: the same subscription, sent again, is answered by another node. */
		SHUTTING_DOWN(ErrorClassification.errorClassification("UNAVAILABLE"));

		private final ErrorClassification type;

		Reason(ErrorClassification type) {
			this.type = type;
		}

	}

	private final Reason reason;

	LiveRefusal(Reason reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	static LiveRefusal notFound(String slug) {
		return new LiveRefusal(Reason.NOT_FOUND, "No edition with slug '" + slug + "' that you may see.");
	}

	GraphQLError toError() {
		return GraphqlErrorBuilder.newError()
			.errorType(this.reason.type)
			.message(getMessage())
			.extensions(Map.of("code", this.reason.name()))
			.build();
	}

}
