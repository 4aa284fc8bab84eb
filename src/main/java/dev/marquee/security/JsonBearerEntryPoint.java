package dev.marquee.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.marquee.graphql.TransportErrors;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A refused bearer token: Spring Security's 401 with its {@code WWW-Authenticate: Bearer error=…}
 * header, plus a body in the GraphQL error shape ({@link TransportErrors}), like every other error of the API;
 * its {@code status} is the answer's own (401, or 400 for a malformed header). The header's
 * {@code error_description} is one of our fixed texts ({@link TokenRefusal}), never a library's message.
 */
class JsonBearerEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		this.bearer.commence(request, response, withoutLibraryText(ex));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		HttpStatus status = HttpStatus.valueOf(response.getStatus());
		response.getWriter()
			.write(TransportErrors.json(status,
					"The bearer token is missing, invalid or expired; get one from POST /auth/token."));
	}

	/** The same refusal, described by one of our fixed texts: ours if it is one, else a generic one. */
	static AuthenticationException withoutLibraryText(AuthenticationException ex) {
		if (!(ex instanceof OAuth2AuthenticationException refused)) {
			return ex;
		}
		OAuth2Error error = refused.getError();
		String description = TokenRefusal.of(error.getDescription())
			.map(TokenRefusal::description)
			.orElse("invalid_request".equals(error.getErrorCode())
					? "The Authorization header is not a well-formed bearer token." : TokenRefusal.INVALID.description());
		if (error instanceof BearerTokenError bearerError) {
			return new OAuth2AuthenticationException(new BearerTokenError(bearerError.getErrorCode(),
					bearerError.getHttpStatus(), description, bearerError.getUri(), bearerError.getScope()));
		}
		return new OAuth2AuthenticationException(new OAuth2Error(error.getErrorCode(), description, error.getUri()));
	}

}
