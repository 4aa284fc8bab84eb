package dev.marquee.graphql;

import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what fails before GraphQL runs (a body that is not a GraphQL request, a wrong content type, a
 * wrong method): a 4xx whose body has the GraphQL error shape, so clients parse one format. Replaces
 * Spring Boot's default error page; never shows an exception or a stack trace.
 */
@RestController
class TransportErrorController implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer c) ? HttpStatus.resolve(c) : null;
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		String message = switch (status) {
			case BAD_REQUEST -> "The request is not a GraphQL request: POST JSON such as {\"query\": \"{ series(slug: \\\"ai-on-the-lot\\\") { name } }\"}.";
			case UNSUPPORTED_MEDIA_TYPE -> "This content type is not accepted here: GraphQL requests are application/json, "
					+ "registration imports text/csv.";
			case NOT_ACCEPTABLE -> "The response is application/json or application/graphql-response+json.";
			case METHOD_NOT_ALLOWED -> "This method is not allowed here; GraphQL requests are POST /graphql.";
			case PAYLOAD_TOO_LARGE -> "The request body is too large.";
			case NOT_FOUND -> "There is nothing at this path.";
			case UNAUTHORIZED -> "The bearer token is missing, invalid or expired.";
			case FORBIDDEN -> "This path is not open to you.";
			default -> status.is5xxServerError() ? "Internal error." : status.getReasonPhrase() + ".";
		};
		String classification = status.is5xxServerError() ? "INTERNAL_ERROR"
				: (status == HttpStatus.UNAUTHORIZED) ? "UNAUTHORIZED"
						: (status == HttpStatus.FORBIDDEN) ? "FORBIDDEN"
								: (status == HttpStatus.NOT_FOUND) ? "NOT_FOUND" : "BAD_REQUEST";
		Map<String, Object> error = Map.of("message", message, "extensions",
				Map.of("classification", classification, "status", status.value()));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("errors", List.of(error)));
	}

}
