package dev.marquee.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts, tokens and browser access.
 *
 * @param admin the first admin, created at first start when no account exists
 * @param jwt token issuing and validation
 * @param login throttling of failed sign-ins
 * @param corsAllowedOrigins origins of web clients allowed to call the API from a browser
 */
@ConfigurationProperties("marquee.security")
public record SecurityProperties(@DefaultValue Admin admin, @DefaultValue Jwt jwt, @DefaultValue Login login,
		@DefaultValue List<String> corsAllowedOrigins) {

	/**
	 * @param username first admin's username (env {@code MARQUEE_ADMIN_USERNAME})
	 * @param password first admin's password (env {@code MARQUEE_ADMIN_PASSWORD}); when unset a strong one
	 *     is generated and logged once
	 */
	public record Admin(@DefaultValue("admin") String username, String password) {
	}

	/**
	 * @param issuer {@code iss} of tokens this service issues
	 * @param audience {@code aud} of tokens this service issues and requires
	 * @param ttl lifetime of issued tokens
	 * @param keyFile JWK set file (private keys), created on first start if missing; unset, the keys live in
	 *     the database. The first key signs; every key validates (add a new key first to rotate).
	 * @param issuerUri an external OpenID issuer (e.g. Keycloak) whose tokens are accepted too
	 * @param externalAudience the {@code aud} the external issuer's tokens must carry (its client id for this
	 *     API)
	 * @param rolesClaim claim holding the roles in external tokens ({@code realm_access.roles} works too)
	 * @param seriesClaim claim holding the slugs or IDs of the series an external user organizes
	 */
	public record Jwt(@DefaultValue("marquee") String issuer, @DefaultValue("marquee-api") String audience,
			@DefaultValue("1h") Duration ttl, Path keyFile, String issuerUri,
			@DefaultValue("marquee-api") String externalAudience, @DefaultValue("roles") String rolesClaim,
			@DefaultValue("marquee_series") String seriesClaim) {
	}

	/**
	 * @param maxFailures failed sign-ins for one username before it is throttled
	 * @param window how long failures are remembered
	 * @param lockout how long a throttled username waits
	 */
	public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window,
			@DefaultValue("5m") Duration lockout) {
	}

}
