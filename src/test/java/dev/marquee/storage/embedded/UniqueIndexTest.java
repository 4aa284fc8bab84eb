package dev.marquee.storage.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The string keys of {@link UniqueIndex} tell keys apart exactly as the server's own unique index did,
 * which compared the keys' Java serializations: two keys encode alike if and only if they serialize
 * alike, and every key reads back as the values it was made of.
 */
class UniqueIndexTest {

	/** Values of every type a key may hold, with near neighbours (same text, other type; NUL, escapes). */
	private static final List<Object> VALUES = List.of("abc", "ab", "abc\0", "ab\0c", "a\1b", "a\1\3", "a\1\2", "",
			"o", "5", "5.0", "true", "\uD83D\uDE00", 5.0, 5.5, 0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, 5L,
			Long.MAX_VALUE, 5, true, false, new Date(1_780_000_000_000L), new Date(1_780_000_000_001L),
			Instant.ofEpochSecond(1_780_000_000L, 5), Instant.ofEpochSecond(1_780_000_000L),
			UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), new ObjectId("5f0000000000000000000001"),
			new ObjectId("5f0000000000000000000002"), new Document("a", 1.0), new Document("a", 1.0).append("b", "x"),
			new Document("b", "x").append("a", 1.0), List.of("x", "y"), List.of("y", "x"), new byte[] { 1, 2 });

	@Test
	void keysEncodeAlikeExactlyWhenTheServerSawThemAsEqual() {
		List<KeyValue> keys = keys();
		for (KeyValue a : keys) {
			for (KeyValue b : keys) {
				assertThat(UniqueIndex.encode(a).equals(UniqueIndex.encode(b)))
					.as("%s and %s encode alike", a, b)
					.isEqualTo(Arrays.equals(serialize(a), serialize(b)));
			}
		}
	}

	@Test
	void everyKeyReadsBackAsItsValues() {
		for (KeyValue key : keys()) {
			KeyValue decoded = UniqueIndex.decode(UniqueIndex.encode(key));
			assertThat(serialize(decoded)).as("%s read back", key).isEqualTo(serialize(key));
		}
	}

	/** Each value alone, null and missing, and compound keys of two values (the order of the values counts). */
	private static List<KeyValue> keys() {
		List<KeyValue> keys = new ArrayList<>();
		for (Object value : VALUES) {
			keys.add(new KeyValue(value));
		}
		keys.add(new KeyValue((Object) null));
		keys.add(new KeyValue(Missing.getInstance()));
		keys.add(new KeyValue("abc", 5.0));
		keys.add(new KeyValue(5.0, "abc"));
		keys.add(new KeyValue("abc", null));
		keys.add(new KeyValue(null, "abc"));
		keys.add(new KeyValue("ab", "c"));
		keys.add(new KeyValue("a", "bc"));
		keys.add(new KeyValue("ab\0", "c"));
		keys.add(new KeyValue(new ObjectId("5f0000000000000000000001"), "T1"));
		return keys;
	}

	private static byte[] serialize(Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return bytes.toByteArray();
	}

}
