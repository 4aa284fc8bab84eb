package dev.marquee.graphql;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A keyset cursor comes back as it was issued, is opaque and URL-safe, and anything else — another
 * ordering's cursor, a forged or damaged one — is refused as a bad {@code after} argument.
 */
class CursorTest {

	private static final ObjectId ID = new ObjectId("65a1b2c3d4e5f60718293a4b");

	static Stream<Object> keysOfEveryKind() {
		return Stream.of(Instant.parse("2026-06-01T16:00:00.123Z"), Instant.EPOCH, Instant.parse("1969-07-20T20:17:00Z"),
				42L, -7L, Long.MAX_VALUE, 0L, "acme", "", "a|b|c", "s:not a tag", "été ☃ 東京", " padded ");
	}

	@ParameterizedTest
	@MethodSource("keysOfEveryKind")
	void aCursorDecodesToTheOrderingKeyAndIdItWasIssuedFor(Object key) {
		Cursor issued = new Cursor("events.startsAt", key, ID);

		assertThat(Cursor.decode(issued.encode(), "events.startsAt")).isEqualTo(issued);
	}

	@Test
	void aNullKeySortsAsNullAndComesBackAsNull() {
		Cursor issued = new Cursor("companies.name", null, ID);

		assertThat(Cursor.decode(issued.encode(), "companies.name").key()).isNull();
	}

	@Test
	void anIntegerKeyComesBackAsALong() {
		String encoded = new Cursor("o", 42, ID).encode();

		assertThat(Cursor.decode(encoded, "o").key()).isEqualTo(42L);
	}

	@Test
	void anInstantKeyKeepsMillisecondsAsMongoDbStoresThem() {
		String encoded = new Cursor("o", Instant.parse("2026-06-01T16:00:00.123456789Z"), ID).encode();

		assertThat(Cursor.decode(encoded, "o").key()).isEqualTo(Instant.parse("2026-06-01T16:00:00.123Z"));
	}

	@Test
	void aKeyOfAnotherTypeCannotBeIssued() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Cursor("o", true, ID).encode())
			.withMessageContaining("Boolean");
	}

	@Test
	void theEncodedCursorIsUrlSafeUnpaddedAndDoesNotShowItsParts() {
		String encoded = new Cursor("events.startsAt", "needs/padding?+", ID).encode();

		assertThat(encoded).matches("[A-Za-z0-9_-]+").doesNotContain("events").doesNotContain(ID.toHexString());
	}

	@Test
	void aCursorOfAnotherOrderingIsRefused() {
		String byName = new Cursor("events.name", "acme", ID).encode();

		assertRefused(byName, "events.startsAt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "bad", "!!!!", "e30", "not base64 at all", "o|65a1b2c3d4e5f60718293a4b|s:x=" })
	void whatIsNotACursorIsRefused(String value) {
		assertRefused(value, "o");
	}

	@ParameterizedTest
	@ValueSource(strings = { "o", "o|65a1b2c3d4e5f60718293a4b", "o|65a1b2c3d4e5f60718293a4b|", "o|65a1b2c3d4e5f60718293a4b|s",
			"o|65a1b2c3d4e5f60718293a4b|sx", "o|not-an-object-id|s:x", "o|65a1b2c3d4e5f60718293a4b|x:1",
			"o|65a1b2c3d4e5f60718293a4b|n:twelve", "o|65a1b2c3d4e5f60718293a4b|n:", "o|65a1b2c3d4e5f60718293a4b|d:1.5",
			"o|65a1b2c3d4e5f60718293a4b|n:99999999999999999999", "O|65a1b2c3d4e5f60718293a4b|s:x" })
	void aForgedOrDamagedCursorIsRefused(String raw) {
		assertRefused(Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8)), "o");
	}

	@Test
	void aHandWrittenCursorInTheRightShapeIsAccepted() {
		// the refusals above fail for the damage, not for being written by hand
		String raw = "o|65a1b2c3d4e5f60718293a4b|n:12";

		Cursor cursor = Cursor.decode(Base64.getUrlEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)), "o");

		assertThat(cursor).isEqualTo(new Cursor("o", 12L, ID));
	}

	private static void assertRefused(String value, String ordering) {
		InvalidInputException refusal = catchThrowableOfType(InvalidInputException.class,
				() -> Cursor.decode(value, ordering));

		assertThat(refusal).as("refusal of %s", value).isNotNull();
		assertThat(refusal.argument()).isEqualTo("after");
		assertThat(refusal.getMessage()).isEqualTo("The cursor is not valid for this list; use a cursor from the same query.");
	}

}
