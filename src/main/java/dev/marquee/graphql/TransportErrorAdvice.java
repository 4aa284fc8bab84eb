package dev.marquee.graphql;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request no handler takes for its content type (raised while mapping, so it never reaches the
 * {@code /error} page): 415 with the GraphQL error shape and the accepted types.
 */
@RestControllerAdvice
class TransportErrorAdvice {

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Object>> unsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
		String accepted = ex.getSupportedMediaTypes().isEmpty() ? "application/json"
				: String.join(", ", ex.getSupportedMediaTypes().stream().map(MediaType::toString).toList());
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.contentType(MediaType.APPLICATION_JSON)
			.body(TransportErrors.body(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"This content type is not accepted here; send " + accepted + "."));
	}

}
