package dev.marquee.storage;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one text normalisation of the hub: accents stripped, lower case, every run of other characters
 * folded to one space. Documents store normalised keys and search terms written with it, so lookups
 * are case- and accent-insensitive on every backend (the embedded one ignores collations).
 */
public final class SearchText {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");

	/** At most this many terms of a long text: see {@link #longTextTerms}. */
	public static final int LONG_TEXT_TERMS = 300;

	/** Each term of a long text is cut to this many characters: see {@link #longTextTerms}. */
	public static final int LONG_TEXT_TERM_CHARS = 40;

	private SearchText() {
	}

	/** "Amazon MGM Studios – Culver City" → "amazon mgm studios culver city". */
	public static String normalize(String text) {
		if (text == null) {
			return "";
		}
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
		String stripped = MARKS.matcher(decomposed).replaceAll("");
		return NON_ALNUM.matcher(stripped.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
	}

	/**
	 * Search terms of a document: for each text, its normalised form from every word on ("ai on the lot",
	 * "on the lot", "the lot", "lot"), so an anchored prefix match on the indexed terms finds a query at
	 * the start of any word.
	 */
	public static List<String> terms(String... texts) {
		Set<String> terms = new LinkedHashSet<>();
		for (String text : texts) {
			String normalized = normalize(text);
			if (normalized.isEmpty()) {
				continue;
			}
			int from = 0;
			while (from >= 0) {
				terms.add(normalized.substring(from));
				int space = normalized.indexOf(' ', from);
				from = (space < 0) ? -1 : space + 1;
			}
		}
		return List.copyOf(terms);
	}

	/**
	 * Search terms of a long text (a session's description, a speaker's bio): like {@link #terms}, the
	 * normalised text from every word on, but each cut to {@value #LONG_TEXT_TERM_CHARS} characters and
	 * at most {@value #LONG_TEXT_TERMS} of them (the text's first words), so a document's terms stay a
	 * few kilobytes however long the text. A query longer than the cut finds the text only through its
	 * other terms.
	 */
	public static List<String> longTextTerms(String text) {
		String normalized = normalize(text);
		Set<String> terms = new LinkedHashSet<>();
		int from = normalized.isEmpty() ? -1 : 0;
		while (from >= 0 && terms.size() < LONG_TEXT_TERMS) {
			String term = normalized.substring(from, Math.min(normalized.length(), from + LONG_TEXT_TERM_CHARS));
			terms.add(term.strip());
			int space = normalized.indexOf(' ', from);
			from = (space < 0) ? -1 : space + 1;
		}
		return List.copyOf(terms);
	}

	/** A regular expression matching strings that start with {@code normalizedPrefix}, literally. */
	public static String prefixRegex(String normalizedPrefix) {
		return "^" + literalRegex(normalizedPrefix);
	}

	/** A regular expression matching {@code text} literally, anywhere. */
	public static String literalRegex(String text) {
		StringBuilder regex = new StringBuilder();
		for (char c : text.toCharArray()) {
			if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
				regex.append('\\');
			}
			regex.append(c);
		}
		return regex.toString();
	}

}
