package dev.marquee.graphql;

import java.nio.charset.StandardCharsets;

/** Byte bounds on text that is sent or stored as UTF-8, checked without encoding text too short to matter. */
public final class Utf8 {

	private Utf8() {
	}

	/**
	 * Whether {@code text} takes more than {@code maxBytes} bytes in UTF-8. A UTF-16 unit is at least one byte
	 * and at most three, so only text between those bounds is encoded.
	 */
	public static boolean longerThan(String text, long maxBytes) {
		if (text.length() > maxBytes) {
			return true;
		}
		return text.length() * 3L > maxBytes && text.getBytes(StandardCharsets.UTF_8).length > maxBytes;
	}

}
