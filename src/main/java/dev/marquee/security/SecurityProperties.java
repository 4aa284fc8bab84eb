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
	 * Sign-in throttling, kept in MongoDB so every app node sees every guess.
	 *
	 * @param maxFailures guesses for one username from one client (remote address) within {@code window};
	 *     more from that client are answered 429 until the window ends
	 * @param window how long a client's guesses for one username count; also how long an account's
	 *     failures are remembered after the last one
	 * @param backoffAfter failed guesses for one username, from all clients together, before each further
	 *     guess must wait: {@code backoffBase} after this many, doubling with every further one
	 * @param backoffBase the first wait of the per-account back-off
	 * @param backoffMax the longest wait of the per-account back-off: the most anyone else's guesses can
	 *     delay an account's owner
	 * @param purgeInterval how often throttle records that no longer limit anything are deleted
	 */
	public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window,
			@DefaultValue("10") int backoffAfter, @DefaultValue("1s") Duration backoffBase,
			@DefaultValue("1m") Duration backoffMax, @DefaultValue("10m") Duration purgeInterval) {
	}

}
