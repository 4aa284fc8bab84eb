package dev.marquee.account;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claim rules of {@link TokenVerification}, the same for the local decoder and for an external
 * issuer's (whose keys come from discovery, so its decoder is not built here): {@code exp} required,
 * {@code iat} not in the future, issuer and audience as configured.
 */
class TokenValidatorsTest {

	private static final String ISSUER = "https://sso.example.com/realms/media";

	private final OAuth2TokenValidator<Jwt> external = TokenVerification.validator(ISSUER, "marquee-api");

	@Test
	void aTokenOfTheExternalIssuerWithExpiryIsValid() {
		assertThat(this.external.validate(token(Instant.now(), Instant.now().plusSeconds(300), ISSUER)).hasErrors())
			.isFalse();
	}

	@Test
	void aTokenOfTheExternalIssuerWithoutExpiryIsRefused() {
		assertThat(this.external.validate(token(Instant.now(), null, ISSUER)).hasErrors()).isTrue();
	}

	@Test
	void aTokenIssuedInTheFutureIsRefused() {
		Instant later = Instant.now().plusSeconds(600);
		assertThat(this.external.validate(token(later, later.plusSeconds(300), ISSUER)).hasErrors()).isTrue();
	}

	@Test
	void aTokenOfAnotherIssuerOrAudienceIsRefused() {
		Instant now = Instant.now();
		assertThat(this.external.validate(token(now, now.plusSeconds(300), "https://elsewhere")).hasErrors()).isTrue();
		Jwt otherAudience = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.issuer(ISSUER)
			.audience(List.of("another-client"))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(300))
			.build();
		assertThat(this.external.validate(otherAudience).hasErrors()).isTrue();
	}

	private static Jwt token(Instant issuedAt, Instant expiresAt, String issuer) {
		Jwt.Builder builder = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.issuer(issuer)
			.audience(List.of("marquee-api"))
			.subject("someone")
			.issuedAt(issuedAt);
		if (expiresAt != null) {
			builder.expiresAt(expiresAt);
		}
		return builder.build();
	}

}
