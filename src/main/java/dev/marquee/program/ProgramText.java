package dev.marquee.program;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text as the program import stores it: plain text. HTML (pretalx and frab may send it) becomes its text:
 * block elements and {@code <br>} become line breaks, list items start with "- ", every other tag is
 * dropped and character references are decoded. Control characters other than tab and newline are
 * removed (line breaks are normalised to {@code \n}), so nothing invisible reaches a calendar or a page.
 * Markdown (pretalx's own markup) is text already and stays as it is.
 */
final class ProgramText {

	/** A tag, a comment or a doctype: only then is the text read as HTML. */
	private static final Pattern TAG = Pattern.compile("<(/?[a-zA-Z][a-zA-Z0-9]*)\\b[^<>]*>|<!--.*?-->|<![a-zA-Z][^<>]*>",
			Pattern.DOTALL);

	private static final Pattern BLOCK = Pattern
		.compile("(?i)/?(p|div|br|h[1-6]|ul|ol|table|tr|blockquote|pre|section|article|header|footer|hr)");

	private static final Pattern DROPPED_CONTENT = Pattern.compile("(?is)<(script|style)\\b[^>]*>.*?</\\1\\s*>");

	private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n]]");

	private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+\\n");

	private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private ProgramText() {
	}

	/** A description or biography as plain text; null when nothing is left. */
	static String plain(String text) {
		if (text == null) {
			return null;
		}
		String result = text.replace("\r\n", "\n").replace('\r', '\n');
		if (TAG.matcher(result).find()) {
			result = html(result);
		}
		result = CONTROL.matcher(result).replaceAll("");
		result = TRAILING_SPACE.matcher(result).replaceAll("\n");
		result = BLANK_LINES.matcher(result).replaceAll("\n\n").strip();
		return result.isEmpty() ? null : result;
	}

	/** A title, name or room: one line, control characters removed, runs of white space one space; null when blank. */
	static String line(String text) {
		if (text == null) {
			return null;
		}
		String result = SPACES.matcher(CONTROL.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
		return result.isEmpty() ? null : result;
	}

	private static String html(String text) {
		String withoutScripts = DROPPED_CONTENT.matcher(text).replaceAll("");
		// white space in HTML is layout, not content: line breaks come from the elements
		String collapsed = withoutScripts.replaceAll("[ \\t\\n]+", " ");
		Matcher tags = TAG.matcher(collapsed);
		StringBuilder out = new StringBuilder();
		while (tags.find()) {
			String name = tags.group(1);
			String replacement = "";
			if (name != null && name.equalsIgnoreCase("li")) {
				replacement = "\n- ";
			}
			else if (name != null && BLOCK.matcher(name).matches()) {
				replacement = "\n";
			}
			tags.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		tags.appendTail(out);
		String lines = out.toString().replaceAll(" *\\n *", "\n");
		return decode(lines);
	}

	private static String decode(String text) {
		Matcher entities = ENTITY.matcher(text);
		StringBuilder out = new StringBuilder();
		while (entities.find()) {
			String entity = entities.group(1);
			String decoded = switch (entity) {
				case "amp" -> "&";
				case "lt" -> "<";
				case "gt" -> ">";
				case "quot" -> "\"";
				case "apos" -> "'";
				case "nbsp" -> " ";
				case "ndash" -> "–";
				case "mdash" -> "—";
				case "hellip" -> "…";
				case "rsquo" -> "’";
				case "lsquo" -> "‘";
				case "rdquo" -> "”";
				case "ldquo" -> "“";
				default -> codePoint(entity);
			};
			entities.appendReplacement(out, Matcher.quoteReplacement((decoded != null) ? decoded : entities.group()));
		}
		entities.appendTail(out);
		return out.toString();
	}

	private static String codePoint(String entity) {
		if (!entity.startsWith("#")) {
			return null;
		}
		int codePoint = (entity.charAt(1) == 'x' || entity.charAt(1) == 'X')
				? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
		return Character.isValidCodePoint(codePoint) && (codePoint < 0xD800 || codePoint > 0xDFFF)
				? new String(Character.toChars(codePoint)) : null;
	}

}
