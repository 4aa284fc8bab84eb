package dev.marquee.security;

import java.text.ParseException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTParser;
import dev.marquee.account.Account;
import dev.marquee.account.AccountService;
import dev.marquee.account.Role;
import dev.marquee.graphql.GlobalId;
import dev.marquee.series.EventSeries;
import dev.marquee.series.SeriesService;
import org.bson.types.ObjectId;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Validates bearer tokens (Spring Security's OAuth 2.0 resource server calls it): signature, issuer,
 * audience and expiry; then, for this service's own tokens, that the account is still enabled and the
 * token's version is current; for a configured external issuer, maps its claims to roles and series.
 */
@Component
public class TokenVerification implements JwtDecoder, Converter<Jwt, AbstractAuthenticationToken> {

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
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(properties.jwt().issuer()), audience(properties.jwt().audience())));
		this.local = decoder;
	}

	private static OAuth2TokenValidator<Jwt> audience(String expected) {
		return new JwtClaimValidator<List<String>>("aud", (aud) -> aud != null && aud.contains(expected));
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		String issuer;
		try {
			issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
		}
		catch (ParseException ex) {
			throw new org.springframework.security.oauth2.jwt.BadJwtException("The token is not a JWT.", ex);
		}
		if (this.properties.jwt().issuer().equals(issuer)) {
			return this.local.decode(token);
		}
		if (this.properties.jwt().issuerUri() != null && this.properties.jwt().issuerUri().equals(issuer)) {
			return externalDecoder().decode(token);
		}
		throw new org.springframework.security.oauth2.jwt.BadJwtException("The token's issuer is not accepted.");
	}

	private JwtDecoder externalDecoder() {
		JwtDecoder decoder = this.external;
		if (decoder == null) {
			synchronized (this) {
				if (this.external == null) {
					NimbusJwtDecoder created = NimbusJwtDecoder.withIssuerLocation(this.properties.jwt().issuerUri())
						.build();
					// the issuer's tokens must also be meant for this API, not just for any client of the realm
					created.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
							JwtValidators.createDefaultWithIssuer(this.properties.jwt().issuerUri()),
							audience(this.properties.jwt().externalAudience())));
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
			throw new InvalidBearerTokenException("The token is no longer valid; get a new one.");
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
