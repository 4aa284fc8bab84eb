package dev.marquee.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.marquee.security.SecurityProperties;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Service;

/** Issues signed access tokens for accounts. */
@Service
public class TokenService {

	/** Claim holding the account's token version; a token with an older one is refused. */
	public static final String VERSION_CLAIM = "ver";

	private final NimbusJwtEncoder encoder;

	private final JwtKeys keys;

	private final SecurityProperties properties;

	private final Clock clock;

	TokenService(JwtKeys keys, SecurityProperties properties, Optional<Clock> clock) {
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(keys.all()));
		this.keys = keys;
		this.properties = properties;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	public IssuedToken issue(Account account) {
		Instant now = Instant.now(this.clock);
		Instant expires = now.plus(this.properties.jwt().ttl());
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.properties.jwt().issuer())
			.audience(List.of(this.properties.jwt().audience()))
			.subject(account.id().toHexString())
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(expires)
			.id(UUID.randomUUID().toString())
			.claim("username", account.username())
			.claim("roles", account.roles().stream().map(Enum::name).sorted().toList())
			.claim(VERSION_CLAIM, account.tokenVersion())
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.keys.signingKey().getKeyID()).build();
		String value = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(value, this.properties.jwt().ttl().toSeconds());
	}

	public record IssuedToken(String value, long expiresInSeconds) {
	}

}
