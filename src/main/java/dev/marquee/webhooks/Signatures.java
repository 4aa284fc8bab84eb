package dev.marquee.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks symmetric signatures: the secret is {@code whsec_} + base64 of the key; the signature
 * of a message is {@code v1,} + base64 of HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}.
 */
final class Signatures {

	static final String SECRET_PREFIX = "whsec_";

	/** Key length in bytes: within the spec's 24 to 64. */
	static final int KEY_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Signatures() {
	}

	/** A new signing secret. */
	static String newSecret() {
		byte[] key = new byte[KEY_BYTES];
		RANDOM.nextBytes(key);
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/** The {@code webhook-signature} header of one attempt. */
	static String sign(String secret, String messageId, long timestampSeconds, String body) {
		String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
			byte[] signed = mac.doFinal(
					(messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(signed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
