package dev.marquee.storage.embedded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index for the embedded server, which otherwise accepts such indexes and ignores them
 * (every query that is not an exact match on {@code _id} or a unique index scans the collection).
 * It is kept in the server's own H2 store, next to the documents, so it survives restarts and is not
 * rebuilt on start-up.
 * <p>
 * Only the index's <b>leading field</b> is indexed: the index answers which documents may match an
 * equality, {@code $in} or anchored-prefix condition on that field, and the collection then tests each
 * of those documents against the whole query ({@link IndexedH2Collection}). That is enough for every
 * query the application makes (they all start with an equality on a leading field or a prefix of
 * {@code terms}); ranges are tested on the candidates. A sorted page that no index narrows is read by
 * walking this index in order ({@link #ordersAll}, {@link IndexedH2Collection}), not sorted in memory.
 * <p>
 * Entries are strings {@code <type tag><value>\0<type tag><position>} in one sorted map, so the
 * documents of one value, or of every string value with one prefix, are one range of keys. Values are
 * encoded after the server's own normalisation (numbers as doubles), so an index lookup finds what the
 * server's matcher would. Null, a missing field, an embedded document or a nested array is not indexed;
 * no equality this index answers can match it, and a prefix it answers cannot start like their text.
 */
final class FieldIndex extends Index<Object> {

	private static final char SEPARATOR = '\0';

	/**
	 * Metadata kept in the same map under keys that sort before every entry (entries start with a
	 * lower-case type tag): that the index was built, and that some document had several values.
	 */
	private static final String BUILT = "#built";

	private static final String MULTIKEY = "#multikey";

	/**
	 * Type tags whose key order is the server's sort order: dates and ObjectIds (fixed width). Not
	 * strings (Java and the server order some characters differently) nor doubles (NaN).
	 */
	private static final String ORDERED_TAGS = "to";

	/** The type tags of {@link #encodeValue} other than the string's. */
	private static final List<String> NOT_STRINGS = List.of("o", "b", "d", "l", "t", "u", "z");

	private final MVMap<String, String> entries;

	/** The leading field alone, to reuse the server's own value extraction (paths, arrays, normalising). */
	private final Index<Object> leading;

	/** Whether the map held a built index when opened; if not, the collection fills it ({@link #isEmpty}). */
	private final boolean built;

	FieldIndex(String name, List<IndexKey> keys, boolean sparse, MVMap<String, String> entries) {
		super(name, keys, sparse);
		this.entries = entries;
		this.leading = new EmptyIndex<>(name, List.of(keys.get(0)));
		this.built = entries.containsKey(BUILT);
		// the collection builds an index that reports itself empty right after opening it, in the same call
		entries.put(BUILT, "");
	}

	String field() {
		return this.leading.getKeys().get(0).getKey();
	}

	/** Positions of the documents whose leading field equals (or, for an array, contains) one of the values. */
	Set<Object> positionsOf(Collection<?> values) {
		Set<Object> positions = new LinkedHashSet<>();
		for (Object value : values) {
			String encoded = encodeQueryValue(value);
			if (encoded != null) {
				collect(encoded + SEPARATOR, positions);
			}
		}
		return positions;
	}

	/**
	 * Positions of the documents a regular expression anchored on the prefix may match: those with a string
	 * in the leading field that starts with the prefix, and those with a value of any other type there. The
	 * server matches a regular expression against the {@code toString()} of whatever value it meets
	 * ({@code 5.0}, {@code true}, {@code ObjectId[...]}), so any of them may match; arrays and embedded
	 * documents, which are not kept, read {@code [...]} and <code>{...}</code>, and {@link Narrowing} does not
	 * narrow a prefix that starts like them.
	 */
	Set<Object> positionsWithPrefix(String prefix) {
		Set<Object> positions = new LinkedHashSet<>();
		collect(encodeValue(prefix), positions);
		for (String tag : NOT_STRINGS) {
			collect(tag, positions);
		}
		return positions;
	}

	/**
	 * Whether walking this index visits the collection's documents in the server's sort order on the
	 * leading field (then {@code _id}): every document has exactly one entry (none is missing the field or
	 * has several values, so entries equal documents), and all values have one type whose encoding sorts
	 * like the server compares it.
	 */
	boolean ordersAll(long documents) {
		if (this.entries.containsKey(MULTIKEY) || getCount() != documents || documents == 0) {
			return false;
		}
		String first = this.entries.ceilingKey("a");
		String last = this.entries.lastKey();
		return first != null && last != null && first.charAt(0) == last.charAt(0)
				&& ORDERED_TAGS.indexOf(first.charAt(0)) >= 0;
	}

	/**
	 * Positions in index order from a bound on the leading field on (ascending: values at or above it;
	 * descending: at or below it), or from the start or end when the bound is null or of another type.
	 * Valid only when {@link #ordersAll} holds.
	 */
	Iterator<Object> walk(boolean ascending, Object bound) {
		String first = this.entries.ceilingKey("a");
		String from = null;
		if (bound != null) {
			String encoded = encodeQueryValue(bound);
			if (encoded != null && first != null && encoded.charAt(0) == first.charAt(0)) {
				from = ascending ? encoded : encoded + '\1';
			}
		}
		// entries only: the metadata keys sort below "a", where a descending walk stops
		Iterator<String> keys = ascending ? this.entries.cursor((from != null) ? from : "a", null, false)
				: this.entries.cursor((from != null) ? from : this.entries.lastKey(), "a", true);
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				return keys.hasNext();
			}

			@Override
			public Object next() {
				return positionOf(keys.next());
			}
		};
	}

	private void collect(String keyPrefix, Set<Object> positions) {
		Iterator<String> keys = this.entries.keyIterator(keyPrefix);
		while (keys.hasNext()) {
			String key = keys.next();
			if (!key.startsWith(keyPrefix)) {
				return;
			}
			positions.add(positionOf(key));
		}
	}

	private static Object positionOf(String key) {
		return decodePosition(key.substring(key.indexOf(SEPARATOR) + 1));
	}

	/** A value from a query, normalised as the server normalises stored values, as a key prefix. */
	private static String encodeQueryValue(Object value) {
		return encodeValue(new KeyValue(value).normalized().get(0));
	}

	private List<String> keysOf(Document document, Object position) {
		List<String> keys = new ArrayList<>();
		String encodedPosition = encodePosition(position);
		for (KeyValue value : this.leading.getKeyValues(document)) {
			String encoded = encodeValue(value.get(0));
			if (encoded != null) {
				keys.add(encoded + SEPARATOR + encodedPosition);
			}
		}
		return keys;
	}

	@Override
	public Object getPosition(Document document) {
		// the _id index knows every document's position; null leaves the answer to it
		return null;
	}

	@Override
	public void checkAdd(Document document, MongoCollection<Object> collection) {
		// not unique: nothing can conflict
	}

	@Override
	public void add(Document document, Object position, MongoCollection<Object> collection) {
		put(keysOf(document, position));
	}

	private void put(List<String> keys) {
		if (keys.size() > 1 && !this.entries.containsKey(MULTIKEY)) {
			this.entries.put(MULTIKEY, "");
		}
		for (String key : keys) {
			this.entries.put(key, "");
		}
	}

	@Override
	public Object remove(Document document) {
		Object position = document.get("_id");
		for (String key : keysOf(document, position)) {
			this.entries.remove(key);
		}
		return position;
	}

	@Override
	public boolean canHandle(Document query) {
		// answered by IndexedH2Collection, which narrows with positionsOf / positionsWithPrefix and then
		// tests the whole query; the server's own loop must not hand this index a query
		return false;
	}

	@Override
	public Iterable<Object> getPositions(Document query) {
		throw new UnsupportedOperationException("FieldIndex is queried through IndexedH2Collection");
	}

	@Override
	public long getCount() {
		return this.entries.sizeAsLong() - (this.entries.containsKey(MULTIKEY) ? 2 : 1);
	}

	/**
	 * True only for an index not built before (new, or a file written without it): the collection then
	 * adds every document. A built index on a field no document has stays built, so start-up never scans.
	 */
	@Override
	public boolean isEmpty() {
		return !this.built;
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

	@Override
	public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
		// not unique: nothing can conflict
	}

	@Override
	public void updateInPlace(Document oldDocument, Document newDocument, Object position,
			MongoCollection<Object> collection) {
		List<String> before = keysOf(oldDocument, position);
		List<String> after = keysOf(newDocument, position);
		if (before.equals(after)) {
			return;
		}
		Set<String> kept = new LinkedHashSet<>(after);
		for (String key : before) {
			if (!kept.contains(key)) {
				this.entries.remove(key);
			}
		}
		put(after);
	}

	@Override
	public void drop() {
		this.entries.getStore().removeMap(this.entries);
	}

	/** A normalised value as a key prefix, or null for a value the index does not keep (null, array, document). */
	static String encodeValue(Object value) {
		if (value instanceof String s) {
			return "s" + escape(s);
		}
		if (value instanceof ObjectId id) {
			return "o" + id.getHexData();
		}
		if (value instanceof Boolean b) {
			return b ? "b1" : "b0";
		}
		if (value instanceof Double d) {
			return "d" + sortable(Double.doubleToLongBits(d) ^ ((Double.doubleToLongBits(d) >> 63) & Long.MAX_VALUE));
		}
		if (value instanceof Long l) {
			// only longs a double cannot represent stay longs after normalising
			return "l" + sortable(l);
		}
		if (value instanceof Instant t) {
			return "t" + sortable(t.toEpochMilli());
		}
		if (value instanceof Date t) {
			return "t" + sortable(t.getTime());
		}
		if (value instanceof UUID u) {
			return "u" + u;
		}
		if (value == null || value instanceof Document || value instanceof Collection) {
			return null;
		}
		// any other type (binary, timestamp, min and max key...): one bucket, for prefix lookups alone
		return "z";
	}

	private static String sortable(long value) {
		return String.format("%016x", value ^ Long.MIN_VALUE);
	}

	/** NUL separates value and position, so it is escaped (and the escape character with it). */
	static String escape(String s) {
		if (s.indexOf('\0') < 0 && s.indexOf('\1') < 0) {
			return s;
		}
		StringBuilder escaped = new StringBuilder(s.length() + 8);
		for (char c : s.toCharArray()) {
			switch (c) {
				case '\0' -> escaped.append("\1\3");
				case '\1' -> escaped.append("\1\2");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/** The string {@link #escape} was given. */
	static String unescape(String s) {
		if (s.indexOf('\1') < 0) {
			return s;
		}
		StringBuilder plain = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '\1') {
				c = (s.charAt(++i) == '\3') ? '\0' : '\1';
			}
			plain.append(c);
		}
		return plain.toString();
	}

	static String encodePosition(Object position) {
		if (position instanceof ObjectId id) {
			return "o" + id.getHexData();
		}
		if (position instanceof String s) {
			return "s" + s;
		}
		if (position instanceof Integer i) {
			return "i" + i;
		}
		if (position instanceof Long l) {
			return "l" + l;
		}
		if (position instanceof UUID u) {
			return "u" + u;
		}
		throw new IllegalArgumentException("cannot index a document whose _id is a " + position.getClass().getName());
	}

	static Object decodePosition(String encoded) {
		String rest = encoded.substring(1);
		return switch (encoded.charAt(0)) {
			case 'o' -> new ObjectId(rest);
			case 's' -> rest;
			case 'i' -> Integer.valueOf(rest);
			case 'l' -> Long.valueOf(rest);
			case 'u' -> UUID.fromString(rest);
			default -> throw new IllegalStateException("unknown position encoding " + encoded);
		};
	}

}
