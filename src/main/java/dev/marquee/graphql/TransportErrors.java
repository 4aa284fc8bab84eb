package dev.marquee.graphql;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The one shape of an error answered before GraphQL runs: {@code {"errors":[{"message", "extensions":
 * {"classification", "status"}}]}}, so clients parse one format whoever refused the request (a filter,
 * the error page, Tomcat itself).
 */
public final class TransportErrors {

	private static final JsonMapper JSON = new JsonMapper();

	private TransportErrors() {
	}

	static Map<String, Object> body(HttpStatus status, String message) {
		Map<String, Object> error = Map.of("message", message, "extensions",
				Map.of("classification", classification(status), "status", status.value()));
		return Map.of("errors", List.of(error));
	}

	/**
	 * The same body, its error carrying {@code extensions.code} too (Apollo's persisted-query codes); an error
	 * answered with 200 is classified by its code.
	 */
	static Map<String, Object> body(HttpStatus status, String message, String code) {
		Map<String, Object> error = Map.of("message", message, "extensions", Map.of("code", code, "classification",
				status.is2xxSuccessful() ? code : classification(status), "status", status.value()));
		return Map.of("errors", List.of(error));
	}

	/** The body, as JSON text, for this status and message. */
	public static String json(HttpStatus status, String message) {
		return JSON.writeValueAsString(body(status, message));
	}

	static void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(json(status, message));
	}

	/** What a status means to a client of this API. */
	static String message(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "The request is not a GraphQL request: POST JSON such as {\"query\": \"{ series(slug: \\\"ai-on-the-lot\\\") { name } }\"}, "
					+ "or GET /graphql?query=…";
			case UNSUPPORTED_MEDIA_TYPE -> "This content type is not accepted here: GraphQL requests are application/json, "
					+ "registration imports text/csv.";
			case NOT_ACCEPTABLE -> "The response is application/json or application/graphql-response+json.";
			case METHOD_NOT_ALLOWED -> "This method is not allowed here; GraphQL requests are POST /graphql, or GET /graphql for queries.";
			case PAYLOAD_TOO_LARGE -> "The request body is too large.";
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large (at most 8 KB in all).";
			case NOT_FOUND -> "There is nothing at this path.";
			case UNAUTHORIZED -> "The bearer token is missing, invalid or expired.";
			case FORBIDDEN -> "This path is not open to you.";
			case TOO_MANY_REQUESTS -> "Too many requests: this caller's cost budget is spent for now; see Retry-After.";
			default -> status.is5xxServerError() ? "Internal error." : status.getReasonPhrase() + ".";
		};
	}

	static String classification(HttpStatus status) {
		return status.is5xxServerError() ? "INTERNAL_ERROR"
				: (status == HttpStatus.UNAUTHORIZED) ? "UNAUTHORIZED"
						: (status == HttpStatus.FORBIDDEN) ? "FORBIDDEN"
								: (status == HttpStatus.NOT_FOUND) ? "NOT_FOUND"
										: (status == HttpStatus.TOO_MANY_REQUESTS) ? CostBudget.THROTTLED : "BAD_REQUEST";
	}

}
