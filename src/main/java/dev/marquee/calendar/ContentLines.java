package dev.marquee.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * iCalendar text (RFC 5545 section 3.1): content lines ended by CRLF and folded so that no line is longer
 * than 75 octets of UTF-8, never inside a character; TEXT values escaped (section 3.3.11) and parameter
 * values quoted where they must be (section 3.2).
 */
final class ContentLines {

	/** Octets of a line before its CRLF; a continuation line's leading space counts. */
	static final int MAX_OCTETS = 75;

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

	private final StringBuilder out = new StringBuilder(8192);

	/** A property whose value is already in its iCalendar form ({@code name} may carry parameters). */
	ContentLines raw(String name, String value) {
		fold(name + ":" + value, this.out);
		return this;
	}

	/** A TEXT property, escaped; left out when the text is null or blank. */
	ContentLines text(String name, String text) {
		if (text != null && !text.isBlank()) {
			raw(name, escape(text));
		}
		return this;
	}

	/** A TEXT list (CATEGORIES): each value escaped, commas between them; left out when empty. */
	ContentLines texts(String name, List<String> values) {
		List<String> present = values.stream().filter((v) -> v != null && !v.isBlank()).map(ContentLines::escape).toList();
		if (!present.isEmpty()) {
			raw(name, String.join(",", present));
		}
		return this;
	}

	ContentLines utc(String name, Instant at) {
		return raw(name, utc(at));
	}

	/** A DATE-TIME in a named zone: {@code NAME;TZID=zone:local}. */
	ContentLines local(String name, String zone, LocalDateTime at) {
		return raw(name + ";TZID=" + parameter(zone), LOCAL.format(at));
	}

	ContentLines date(String name, LocalDate day) {
		return raw(name + ";VALUE=DATE", DATE.format(day));
	}

	static String utc(Instant at) {
		return LOCAL.format(at.atOffset(ZoneOffset.UTC).toLocalDateTime()) + "Z";
	}

	static String local(LocalDateTime at) {
		return LOCAL.format(at);
	}

	@Override
	public String toString() {
		return this.out.toString();
	}

	/**
	 * A TEXT value: backslash, semicolon and comma escaped, every line break (CRLF, CR or LF) as
	 * {@code \n}; other control characters, which TEXT may not hold, are dropped (a tab stays).
	 */
	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> escaped.append("\\\\");
				case ';' -> escaped.append("\\;");
				case ',' -> escaped.append("\\,");
				case '\n' -> escaped.append("\\n");
				case '\r' -> {
					escaped.append("\\n");
					if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
						i++;
					}
				}
				default -> {
					if (c == '\t' || (c >= 0x20 && c != 0x7f)) {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	/**
	 * A parameter value: double quotes and control characters dropped (a quoted-string cannot hold
	 * them), quoted when it holds {@code :}, {@code ;} or {@code ,}.
	 */
	static String parameter(String value) {
		StringBuilder clean = new StringBuilder(value.length());
		value.codePoints().filter((c) -> c != '"' && c >= 0x20 && c != 0x7f).forEach(clean::appendCodePoint);
		String text = clean.toString();
		return (text.indexOf(':') >= 0 || text.indexOf(';') >= 0 || text.indexOf(',') >= 0) ? '"' + text + '"' : text;
	}

	/**
	 * Appends one content line and its CRLF, folded: a line longer than 75 octets continues on the next
	 * line after a single space, and a UTF-8 sequence (a whole code point) is never split.
	 */
	static void fold(String line, StringBuilder out) {
		int octets = 0;
		for (int i = 0; i < line.length();) {
			int codePoint = line.codePointAt(i);
			int width = utf8Length(codePoint);
			if (octets + width > MAX_OCTETS) {
				out.append("\r\n ");
				octets = 1;
			}
			out.appendCodePoint(codePoint);
			octets += width;
			i += Character.charCount(codePoint);
		}
		out.append("\r\n");
	}

	private static int utf8Length(int codePoint) {
		if (codePoint < 0x80) {
			return 1;
		}
		if (codePoint < 0x800) {
			return 2;
		}
		return (codePoint < 0x10000) ? 3 : 4;
	}

	byte[] bytes() {
		return this.out.toString().getBytes(StandardCharsets.UTF_8);
	}

}
