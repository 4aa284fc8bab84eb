package dev.marquee.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.marquee.storage.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The RSA keys that sign and validate tokens, kept in a JWK set file (configured, or
 * {@code <data-dir>/jwt-keys.json} created on first start, readable by the owner only). The first key
 * signs; every key validates, so a new key put first rotates signing while older tokens stay valid
 * until they expire.
 */
@Component
public class JwtKeys {

	private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);

	private final JWKSet keys;

	JwtKeys(SecurityProperties security, StorageProperties storage) throws IOException, ParseException, JOSEException {
		Path file = (security.jwt().keyFile() != null) ? security.jwt().keyFile()
				: storage.dataDir().resolve("jwt-keys.json");
		if (Files.exists(file)) {
			this.keys = JWKSet.load(file.toFile());
			if (this.keys.getKeys().isEmpty() || !this.keys.getKeys().get(0).isPrivate()) {
				throw new IllegalStateException("The JWK set " + file + " must start with a private RSA key");
			}
		}
		else {
			RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
			this.keys = new JWKSet(key);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, this.keys.toString(false));
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system; the file keeps its default permissions
			}
			log.info("Generated a token signing key in {}", file);
		}
	}

	/** All keys, private parts included (for signing and validating inside this service). */
	public JWKSet all() {
		return this.keys;
	}

	/** The key that signs new tokens. */
	public JWK signingKey() {
		return this.keys.getKeys().get(0);
	}

	/** The public keys, as served at {@code /.well-known/jwks.json}. */
	public JWKSet publicKeys() {
		return this.keys.toPublicJWKSet();
	}

}
