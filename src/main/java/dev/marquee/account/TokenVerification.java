package dev.marquee.account;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.marquee.graphql.GlobalId;
import dev.marquee.security.Role;
import dev.marquee.security.SecurityProperties;
import dev.marquee.security.TokenRefusal;
import dev.marquee.security.Viewer;
import dev.marquee.security.ViewerAuthentication;
import dev.marquee.series.EventSeries;
import dev.marquee.series.SeriesService;
import org.bson.types.ObjectId;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Validates bearer tokens (Spring Security's OAuth 2.0 resource server calls it): signature, issuer,
 * audience, an {@code exp} that every token must carry, {@code nbf} and an {@code iat} not in the future;
 * a refusal names its reason in fixed words ({@link TokenRefusal}). Then, for this service's own tokens,
 * that the account is still enabled and the token's version is current; for a configured external issuer,
 * maps its claims to roles and series.
 */
@Component
class TokenVerification implements JwtDecoder, Converter<Jwt, AbstractAuthenticationToken> {

	/** Spring Security's default tolerance for clocks that differ between issuer and here. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private final SecurityProperties properties;

	private final JwtDecoder local;

	private final AccountService accounts;

	private final SeriesService series;

	private volatile JwtDecoder external;

	TokenVerification(SecurityProperties properties, JwtKeys keys, AccountService accounts, SeriesService series) {
		this.properties = properties;
		this.accounts = accounts;
		this.series = series;
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys.publicKeys())).build();
		decoder.setJwtValidator(validator(properties.jwt().issuer(), properties.jwt().audience()));
		this.local = decoder;
	}

	/** Spring Security's defaults with {@code exp} required, plus the issuer, the audience and iat. */
	static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
		JwtTimestampValidator times = new JwtTimestampValidator(CLOCK_SKEW);
		times.setAllowEmptyExpiryClaim(false);
		return JwtValidators.createDefaultWithValidators(times, new JwtIssuerValidator(issuer), audience(audience),
				new JwtClaimValidator<Instant>("iat",
						(iat) -> iat == null || !iat.isAfter(Instant.now().plus(CLOCK_SKEW))));
	}

	private static OAuth2TokenValidator<Jwt> audience(String expected) {
		return new JwtClaimValidator<List<String>>("aud", (aud) -> aud != null && aud.contains(expected));
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		JWTClaimsSet claims;
		try {
			claims = JWTParser.parse(token).getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw TokenRefusal.MALFORMED.exception(ex);
		}
		String issuer = claims.getIssuer();
		JwtDecoder decoder;
		if (this.properties.jwt().issuer().equals(issuer)) {
			decoder = this.local;
		}
		else if (this.properties.jwt().issuerUri() != null && this.properties.jwt().issuerUri().equals(issuer)) {
			decoder = externalDecoder();
		}
		else {
			throw TokenRefusal.ISSUER.exception(null);
		}
		try {
			return decoder.decode(token);
		}
		catch (JwtValidationException ex) {
			// the signature is good: say which rule the claims broke, in our words
			throw refusal(claims).exception(ex);
		}
		catch (BadJwtException ex) {
			throw TokenRefusal.INVALID.exception(ex);
		}
	}

	private static TokenRefusal refusal(JWTClaimsSet claims) {
		Instant now = Instant.now();
		if (claims.getExpirationTime() == null) {
			return TokenRefusal.NO_EXPIRY;
		}
		if (claims.getExpirationTime().toInstant().isBefore(now.minus(CLOCK_SKEW))) {
			return TokenRefusal.EXPIRED;
		}
		if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
			return TokenRefusal.NOT_YET_VALID;
		}
		return TokenRefusal.INVALID;
	}

	private JwtDecoder externalDecoder() {
		JwtDecoder decoder = this.external;
		if (decoder == null) {
			synchronized (this) {
				if (this.external == null) {
					NimbusJwtDecoder created = NimbusJwtDecoder.withIssuerLocation(this.properties.jwt().issuerUri())
						.build();
					// the issuer's tokens must also be meant for this API, not just for any client of the realm
					created.setJwtValidator(validator(this.properties.jwt().issuerUri(),
							this.properties.jwt().externalAudience()));
					this.external = created;
				}
				decoder = this.external;
			}
		}
		return decoder;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		if (this.properties.jwt().issuer().equals(jwt.getClaimAsString("iss"))) {
			return new ViewerAuthentication(localViewer(jwt), jwt);
		}
		return new ViewerAuthentication(externalViewer(jwt), jwt);
	}

	private Viewer localViewer(Jwt jwt) {
		ObjectId accountId = ObjectId.isValid(jwt.getSubject()) ? new ObjectId(jwt.getSubject()) : null;
		Optional<Account> account = (accountId != null) ? this.accounts.byId(accountId) : Optional.empty();
		Object version = jwt.getClaims().get(TokenService.VERSION_CLAIM);
		if (account.isEmpty() || !account.get().enabled() || !(version instanceof Number number)
				|| number.intValue() != account.get().tokenVersion()) {
			throw new InvalidBearerTokenException(TokenRefusal.STALE.description());
		}
		Account a = account.get();
		return new Viewer(a.id(), a.username(), Set.copyOf(a.roles()), Set.copyOf(a.seriesIds()));
	}

	private Viewer externalViewer(Jwt jwt) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Collection<?> claimed = listClaim(jwt.getClaims().get(this.properties.jwt().rolesClaim()));
		if (claimed.isEmpty() && jwt.getClaims().get("realm_access") instanceof Map<?, ?> realm) {
			claimed = listClaim(realm.get("roles"));
		}
		for (Object role : claimed) {
			String name = String.valueOf(role).toUpperCase(Locale.ROOT).replaceFirst("^ROLE_", "");
			for (Role r : Role.values()) {
				if (r.name().equals(name)) {
					roles.add(r);
				}
			}
		}
		Set<ObjectId> seriesIds = new HashSet<>();
		for (Object value : listClaim(jwt.getClaims().get(this.properties.jwt().seriesClaim()))) {
			String ref = String.valueOf(value);
			Optional<ObjectId> id = GlobalId.decode(ref, "EventSeries");
			if (id.isPresent()) {
				seriesIds.add(id.get());
			}
			else {
				this.series.bySlug(ref).map(EventSeries::id).ifPresent(seriesIds::add);
			}
		}
		String username = Optional.ofNullable(jwt.getClaimAsString("preferred_username")).orElse(jwt.getSubject());
		return new Viewer(null, username, Set.copyOf(roles), Set.copyOf(seriesIds));
	}

	private static Collection<?> listClaim(Object claim) {
		if (claim instanceof Collection<?> list) {
			return list;
		}
		if (claim instanceof String text && !text.isBlank()) {
			return List.of(text.split("[ ,]+"));
		}
		return List.of();
	}

}
