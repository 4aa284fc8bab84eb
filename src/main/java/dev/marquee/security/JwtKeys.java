package dev.marquee.security;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
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

	/** The key file's mode on POSIX file systems: {@code 0600}, as a new one is created. */
	private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

	private final JWKSet keys;

	JwtKeys(SecurityProperties security, MongoTemplate mongo) throws IOException, ParseException, JOSEException {
		Path file = security.jwt().keyFile();
		this.keys = (file != null) ? fromFile(file) : fromDatabase(mongo);
		if (this.keys.getKeys().isEmpty() || !this.keys.getKeys().get(0).isPrivate()) {
			throw new IllegalStateException("The token key set must start with a private RSA key");
		}
	}

	private static JWKSet fromFile(Path file) throws IOException, ParseException, JOSEException {
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		if (Files.exists(file)) {
			Set<PosixFilePermission> modes = posix ? Files.getPosixFilePermissions(file) : PRIVATE_FILE;
			if (!PRIVATE_FILE.containsAll(modes)) {
				Files.setPosixFilePermissions(file, PRIVATE_FILE);
				log.info("Tightened the token key file {} from {} to rw-------", file, PosixFilePermissions.toString(modes));
			}
			return JWKSet.load(file.toFile());
		}
		JWKSet generated = generate();
		Path dir = file.toAbsolutePath().getParent();
		if (!Files.isDirectory(dir)) {
			Files.createDirectories(dir);
			if (posix) {
				Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
			}
		}
		if (posix) {
			// private from its creation on: the key is never readable by others, not even for a moment
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
			Files.setPosixFilePermissions(file, PRIVATE_FILE);
		}
		Files.writeString(file, generated.toString(false));
		log.info("Generated a token signing key in {}", file);
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
