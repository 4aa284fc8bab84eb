package dev.marquee.security;

import java.util.Optional;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * Why a bearer token was refused, in the fixed words the {@code WWW-Authenticate} header carries
 * ({@code error_description}): never a library's or an exception's text.
 */
public enum TokenRefusal {

	MALFORMED("The token is not a well-formed JWT."),

	INVALID("The token is invalid."),

	EXPIRED("The token has expired."),

	NOT_YET_VALID("The token is not valid yet."),

	NO_EXPIRY("The token has no expiry time."),

	ISSUER("The token's issuer is not accepted."),

	STALE("The token is no longer valid; get a new one.");

	private final String description;

	TokenRefusal(String description) {
		this.description = description;
	}

	public String description() {
		return this.description;
	}

	/** The exception Spring Security's resource server turns into a 401 with this description. */
	public BadJwtException exception(Throwable cause) {
		return new BadJwtException(this.description, cause);
	}

	/** The refusal whose description this is, if it is one. */
	static Optional<TokenRefusal> of(String description) {
		for (TokenRefusal refusal : values()) {
			if (refusal.description.equals(description)) {
				return Optional.of(refusal);
			}
		}
		return Optional.empty();
	}

}
