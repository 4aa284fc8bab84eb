package dev.marquee.storage.embedded;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map.Entry;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;

/**
 * A unique index (also {@code _id}) keyed by strings, in place of the server's {@code H2UniqueIndex}.
 * That one keys its map by the server's {@link KeyValue} objects, which H2 cannot compare: its
 * {@code ObjectDataType} Java-serializes both keys for every comparison of a B-tree search, and a lookup
 * by {@code _id} makes about twenty of them (a third of the CPU of the event page went there). Here each
 * key is one string, compared as a string; the positions (the documents' ids) are stored as before.
 * <p>
 * A key is the concatenation of its values' encodings, each a type tag, the value, and a NUL
 * ({@link FieldIndex#escape escaped} in strings), so two keys are equal exactly when the server's index
 * saw them as equal: when their values serialize to the same bytes (same type, same value; numbers are
 * normalised before they get here). Common types have a text form; any other value (an embedded
 * document, an array, binary data) is its Java serialization in Base64, the bytes the server compared.
 * Lookups need equality only; the order of keys matters to nobody but a regular-expression query on a
 * unique field, which the server answers by reading every entry ({@link #getIterable}).
 * <p>
 * The map is named {@code <db>.<collection>._unique_<index>}; a file written by the server's own H2
 * backend (or an earlier Marquee) has {@code ._index_<index>} instead, which {@link IndexedH2Database}
 * removes once while this index is built in its place.
 */
final class UniqueIndex extends AbstractUniqueIndex<Object> {

	private static final char END = '\0';

	private final MVMap<String, Object> entries;

	UniqueIndex(String name, List<IndexKey> keys, boolean sparse, MVMap<String, Object> entries) {
		super(name, keys, sparse);
		this.entries = entries;
	}

	@Override
	protected Object removeDocument(KeyValue keyValue) {
		return this.entries.remove(encode(keyValue));
	}

	@Override
	protected boolean putKeyPosition(KeyValue keyValue, Object position) {
		return this.entries.putIfAbsent(encode(keyValue), Missing.ofNullable(position)) == null;
	}

	/** Puts an entry without the checks of {@link #add}, for building the index from keys known to be unique. */
	void put(KeyValue keyValue, Object position) {
		this.entries.put(encode(keyValue), Missing.ofNullable(position));
	}

	@Override
	protected Iterable<Entry<KeyValue, Object>> getIterable() {
		return () -> new Iterator<>() {

			private final Iterator<Entry<String, Object>> keys = UniqueIndex.this.entries.entrySet().iterator();

			@Override
			public boolean hasNext() {
				return this.keys.hasNext();
			}

			@Override
			public Entry<KeyValue, Object> next() {
				Entry<String, Object> entry = this.keys.next();
				return new SimpleImmutableEntry<>(decode(entry.getKey()), entry.getValue());
			}
		};
	}

	@Override
	protected Object getPosition(KeyValue keyValue) {
		return this.entries.get(encode(keyValue));
	}

	@Override
	public long getCount() {
		return this.entries.sizeAsLong();
	}

	@Override
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

	@Override
	public void drop() {
		this.entries.getStore().removeMap(this.entries);
	}

	/** The key of these values: equal strings exactly for values that serialize to equal bytes. */
	static String encode(KeyValue keyValue) {
		StringBuilder key = new StringBuilder(32);
		for (Object value : keyValue) {
			encodeValue(value, key);
			key.append(END);
		}
		return key.toString();
	}

	private static void encodeValue(Object value, StringBuilder key) {
		if (value == null) {
			key.append('n');
		}
		else if (value instanceof Missing) {
			key.append('m');
		}
		else if (value instanceof String s) {
			key.append('s').append(FieldIndex.escape(s));
		}
		else if (value instanceof ObjectId id) {
			key.append('o').append(id.getHexData());
		}
		else if (value instanceof Double d) {
			key.append('d').append(Long.toHexString(Double.doubleToLongBits(d)));
		}
		else if (value instanceof Long l) {
			key.append('l').append(l);
		}
		else if (value instanceof Integer i) {
			key.append('i').append(i);
		}
		else if (value instanceof Boolean b) {
			key.append(b ? "b1" : "b0");
		}
		else if (value instanceof Date t && value.getClass() == Date.class) {
			key.append('t').append(t.getTime());
		}
		else if (value instanceof Instant t) {
			key.append('T').append(t.getEpochSecond()).append('.').append(t.getNano());
		}
		else if (value instanceof UUID u) {
			key.append('u').append(u);
		}
		else {
			key.append('j').append(Base64.getEncoder().encodeToString(serialize(value)));
		}
	}

	/** The values of a key written by {@link #encode}. */
	static KeyValue decode(String key) {
		List<Object> values = new ArrayList<>();
		int start = 0;
		while (start < key.length()) {
			int end = key.indexOf(END, start);
			values.add(decodeValue(key.charAt(start), key.substring(start + 1, end)));
			start = end + 1;
		}
		return new KeyValue(values);
	}

	private static Object decodeValue(char tag, String text) {
		return switch (tag) {
			case 'n' -> null;
			case 'm' -> Missing.getInstance();
			case 's' -> FieldIndex.unescape(text);
			case 'o' -> new ObjectId(text);
			case 'd' -> Double.longBitsToDouble(Long.parseUnsignedLong(text, 16));
			case 'l' -> Long.valueOf(text);
			case 'i' -> Integer.valueOf(text);
			case 'b' -> text.equals("1");
			case 't' -> new Date(Long.parseLong(text));
			case 'T' -> {
				int dot = text.indexOf('.');
				yield Instant.ofEpochSecond(Long.parseLong(text.substring(0, dot)),
						Integer.parseInt(text.substring(dot + 1)));
			}
			case 'u' -> UUID.fromString(text);
			case 'j' -> deserialize(Base64.getDecoder().decode(text));
			default -> throw new IllegalStateException("unknown unique index key tag " + tag);
		};
	}

	private static byte[] serialize(Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot index a value of type " + value.getClass().getName(), ex);
		}
		return bytes.toByteArray();
	}

	private static Object deserialize(byte[] bytes) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
			return in.readObject();
		}
		catch (IOException | ClassNotFoundException ex) {
			throw new IllegalStateException("cannot read a unique index key", ex);
		}
	}

}
