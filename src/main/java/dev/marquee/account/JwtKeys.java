package dev.marquee.account;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.marquee.security.SecurityProperties;
import dev.marquee.storage.PrivateFiles;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The RSA keys that sign and validate tokens, as a JWK set: from the configured key file
 * ({@code marquee.security.jwt.key-file}, created there on first start), or else kept in the database
 * ({@code jwt_keys}), created once by the first instance to start, so every instance signs and accepts
 * the same keys and they survive restarts (on the embedded default, in the data directory's database
 * file). The first key signs; every key validates, so a new key put first rotates signing while older
 * tokens stay valid until they expire.
 */
@Component
public class JwtKeys {

	static final String COLLECTION = "jwt_keys";

	private static final String SET_ID = "signing-keys";

	private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);

	private final JWKSet keys;

	JwtKeys(SecurityProperties security, MongoTemplate mongo) throws IOException, ParseException, JOSEException {
		Path file = security.jwt().keyFile();
		this.keys = (file != null) ? fromFile(file) : fromDatabase(mongo);
		if (this.keys.getKeys().isEmpty() || !this.keys.getKeys().get(0).isPrivate()) {
			throw new IllegalStateException("The token key set must start with a private RSA key");
		}
	}

	/**
	 * The key set in {@code file}, generated there when missing or empty. {@link PrivateFiles} keeps the file
	 * private: created {@code 0600} in a {@code 0700} directory before the key is written, tightened
	 * to {@code 0600} when found looser.
	 */
	private static JWKSet fromFile(Path file) throws IOException, ParseException, JOSEException {
		Path absolute = file.toAbsolutePath();
		// an empty file is one whose first start stopped before the key was written: generate it again
		boolean existed = Files.exists(absolute) && Files.size(absolute) > 0;
		Path prepared = PrivateFiles.prepare(absolute.getParent(), absolute.getFileName().toString());
		if (existed) {
			return JWKSet.load(prepared.toFile());
		}
		JWKSet generated = generate();
		Files.writeString(prepared, generated.toString(false));
		log.info("Generated a token signing key in {}", prepared);
		return generated;
	}

	private static JWKSet fromDatabase(MongoTemplate mongo) throws ParseException, JOSEException {
		Document stored = mongo.getCollection(COLLECTION).find(new Document("_id", SET_ID)).first();
		if (stored == null) {
			try {
				mongo.getCollection(COLLECTION)
					.insertOne(new Document("_id", SET_ID).append("jwks", generate().toString(false)));
				log.info("Generated a token signing key, kept in the {} collection", COLLECTION);
			}
			catch (com.mongodb.MongoWriteException ex) {
				// another instance created it first: use theirs
			}
			stored = mongo.getCollection(COLLECTION).find(new Document("_id", SET_ID)).first();
		}
		return JWKSet.parse(stored.getString("jwks"));
	}

	private static JWKSet generate() throws JOSEException {
		return new JWKSet(new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate());
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
