package dev.marquee.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.bson.types.ObjectId;

/**
 * Opaque, globally unique Relay IDs: base64url of {@code Type:objectIdHex}. Decoding never throws: an
 * ID that is malformed or names another type is simply absent.
 */
public record GlobalId(String type, ObjectId id) {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	public static String encode(String type, ObjectId id) {
		return ENCODER.encodeToString((type + ":" + id.toHexString()).getBytes(StandardCharsets.UTF_8));
	}

	public static Optional<GlobalId> decode(String value) {
		if (value == null || value.isEmpty() || value.length() > 128) {
			return Optional.empty();
		}
		String raw;
		try {
			raw = new String(DECODER.decode(value), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		int colon = raw.indexOf(':');
		if (colon <= 0) {
			return Optional.empty();
		}
		String hex = raw.substring(colon + 1);
		if (!ObjectId.isValid(hex)) {
			return Optional.empty();
		}
		return Optional.of(new GlobalId(raw.substring(0, colon), new ObjectId(hex)));
	}

	/** The object id when {@code value} is a valid ID of {@code expectedType}. */
	public static Optional<ObjectId> decode(String value, String expectedType) {
		return decode(value).filter((gid) -> gid.type().equals(expectedType)).map(GlobalId::id);
	}

}
