package dev.marquee.graphql;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.bson.types.ObjectId;

/**
 * A keyset cursor: the sort key and {@code _id} of the last row of a page, plus the name of the
 * ordering it belongs to, so a cursor from one ordering is refused by another. Opaque to clients
 * (base64url).
 *
 * @param ordering name of the ordering the cursor was issued for
 * @param key the sort key value: an {@link Instant}, a {@link String} or a {@link Long}
 * @param id the document id, the tie-breaker
 */
public record Cursor(String ordering, Object key, ObjectId id) {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	public String encode() {
		String typed;
		if (this.key == null) {
			typed = "z:";
		}
		else if (this.key instanceof Instant instant) {
			typed = "d:" + instant.toEpochMilli();
		}
		else if (this.key instanceof Number number) {
			typed = "n:" + number.longValue();
		}
		else if (this.key instanceof String string) {
			typed = "s:" + string;
		}
		else {
			throw new IllegalArgumentException("Unsupported cursor key " + this.key.getClass());
		}
		String raw = ordering + "|" + id.toHexString() + "|" + typed;
		return ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Decodes a cursor issued for {@code expectedOrdering}.
	 * @throws InvalidInputException when the cursor does not decode or belongs to another ordering
	 */
	public static Cursor decode(String value, String expectedOrdering) {
		try {
			String raw = new String(DECODER.decode(value), StandardCharsets.UTF_8);
			String[] parts = raw.split("\\|", 3);
			if (parts.length == 3 && parts[0].equals(expectedOrdering) && ObjectId.isValid(parts[1])
					&& parts[2].length() >= 2 && parts[2].charAt(1) == ':') {
				String body = parts[2].substring(2);
				Object key = switch (parts[2].charAt(0)) {
					case 'z' -> null;
					case 'd' -> Instant.ofEpochMilli(Long.parseLong(body));
					case 'n' -> Long.parseLong(body);
					case 's' -> body;
					default -> throw new IllegalArgumentException();
				};
				return new Cursor(parts[0], key, new ObjectId(parts[1]));
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to the error below; NumberFormatException is one of these
		}
		throw new InvalidInputException("after", "The cursor is not valid for this list; use a cursor from the same query.");
	}

}
