package dev.marquee.storage.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The conditions of a query that an index can narrow: equalities, {@code $eq}, {@code $in} and
 * anchored-prefix regular expressions on one field, at the top level or inside a top-level {@code $and}
 * (every one of them must hold, so the documents matching any one of them are a superset of the
 * answer). Anything else ({@code $or}, {@code $not}, ranges, nulls, arrays, embedded documents) is left
 * to the full match that follows.
 */
record Narrowing(String field, List<Object> values, String prefix) {

	private static final String META = "\\^$.|?*+()[]{}";

	static List<Narrowing> of(Document query) {
		List<Narrowing> conditions = new ArrayList<>();
		collect(query, conditions);
		return conditions;
	}

	private static void collect(Document query, List<Narrowing> conditions) {
		for (Map.Entry<String, Object> clause : query.entrySet()) {
			String key = clause.getKey();
			Object condition = clause.getValue();
			if (key.equals("$and") && condition instanceof Collection<?> all) {
				for (Object part : all) {
					if (part instanceof Document document) {
						collect(document, conditions);
					}
				}
			}
			else if (!key.startsWith("$")) {
				Narrowing narrowing = on(key, condition);
				if (narrowing != null) {
					conditions.add(narrowing);
				}
			}
		}
	}

	private static Narrowing on(String field, Object condition) {
		if (condition instanceof BsonRegularExpression regex) {
			return prefixOf(field, regex.getPattern(), regex.getOptions());
		}
		if (condition instanceof Pattern pattern) {
			return (pattern.flags() == 0) ? prefixOf(field, pattern.pattern(), "") : null;
		}
		if (!(condition instanceof Document operators)) {
			return isKey(condition) ? new Narrowing(field, List.of(condition), null) : null;
		}
		if (operators.containsKey("$eq")) {
			Object value = operators.get("$eq");
			return isKey(value) ? new Narrowing(field, List.of(value), null) : null;
		}
		if (operators.get("$in") instanceof Collection<?> in) {
			List<Object> values = new ArrayList<>(in);
			return values.stream().allMatch(Narrowing::isKey) ? new Narrowing(field, values, null) : null;
		}
		if (operators.containsKey("$regex")) {
			Object regex = operators.get("$regex");
			Object options = operators.get("$options");
			if (regex instanceof BsonRegularExpression bson && options == null) {
				return prefixOf(field, bson.getPattern(), bson.getOptions());
			}
			if (regex instanceof String pattern && (options == null || options instanceof String)) {
				return prefixOf(field, pattern, (String) options);
			}
		}
		return null;
	}

	/** A value an index keeps and an equality can be looked up by (not null, not an array or document). */
	static boolean isKey(Object value) {
		return value instanceof String || value instanceof ObjectId || value instanceof Boolean
				|| value instanceof Number || value instanceof java.time.Instant || value instanceof Date
				|| value instanceof UUID;
	}

	/**
	 * The literal text every match must start with, for a pattern anchored with {@code ^} and without
	 * options that change what {@code ^} or the letters mean; null when there is none, and when the text
	 * starts like the text of an array or an embedded document ({@code [} or <code>{</code>): the server
	 * matches a regular expression against the {@code toString()} of any value, which the index does
	 * not keep for those (see {@link FieldIndex#positionsWithPrefix}).
	 * <p>
	 * The text is read one character (code point) at a time, so that a quantifier which makes the last one
	 * optional ({@code ?}, {@code *}, <code>{</code>) drops it, wherever it came from: a plain or escaped
	 * character, the end of a {@code \Q...\E} quote (an empty quote leaves the quantifier to the
	 * character before it), or both halves of a surrogate pair.
	 */
	private static Narrowing prefixOf(String field, String pattern, String options) {
		if (options != null && !options.isEmpty()) {
			return null;
		}
		if (!pattern.startsWith("^") || hasAlternation(pattern)) {
			return null;
		}
		StringBuilder literal = new StringBuilder();
		int last = 0; // where the last character of the literal starts
		int i = 1;
		while (i < pattern.length()) {
			int c = pattern.codePointAt(i);
			if (c == '\\') {
				if (i + 1 >= pattern.length()) {
					break;
				}
				int escaped = pattern.codePointAt(i + 1);
				if (escaped == 'Q') {
					int end = pattern.indexOf("\\E", i + 2);
					String quoted = pattern.substring(i + 2, (end < 0) ? pattern.length() : end);
					for (int q = 0; q < quoted.length(); q += Character.charCount(quoted.codePointAt(q))) {
						last = literal.length();
						literal.appendCodePoint(quoted.codePointAt(q));
					}
					i = (end < 0) ? pattern.length() : end + 2;
					continue;
				}
				if (Character.isLetterOrDigit(escaped)) {
					break; // a class such as \d or \w, or a back reference
				}
				last = literal.length();
				literal.appendCodePoint(escaped);
				i += 1 + Character.charCount(escaped);
			}
			else if ("?*{".indexOf(c) >= 0) {
				literal.setLength(last); // optional or repeated from zero: not part of every match
				break;
			}
			else if (META.indexOf(c) >= 0) {
				break;
			}
			else {
				last = literal.length();
				literal.appendCodePoint(c);
				i += Character.charCount(c);
			}
		}
		if (literal.isEmpty() || literal.charAt(0) == '[' || literal.charAt(0) == '{') {
			return null;
		}
		return new Narrowing(field, null, literal.toString());
	}

	/** Whether the pattern has a {@code |} outside escapes and quotes (which could undo the anchor). */
	private static boolean hasAlternation(String pattern) {
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '\\' && i + 1 < pattern.length()) {
				if (pattern.charAt(i + 1) == 'Q') {
					int end = pattern.indexOf("\\E", i + 2);
					if (end < 0) {
						return false;
					}
					i = end + 1;
				}
				else {
					i++;
				}
			}
			else if (c == '|') {
				return true;
			}
		}
		return false;
	}

	boolean isPrefix() {
		return this.prefix != null;
	}

}
