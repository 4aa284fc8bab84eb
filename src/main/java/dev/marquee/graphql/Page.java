package dev.marquee.graphql;

/**
 * A validated forward page request: {@code first} rows after an optional cursor.
 *
 * @param first rows wanted, 0 to {@link #MAX_FIRST}
 * @param after the raw cursor, or null for the first page
 */
public record Page(int first, String after) {

	public static final int MAX_FIRST = 100;

	public static Page of(Integer first, String after, int defaultFirst) {
		int size = (first != null) ? first : defaultFirst;
		if (size < 0 || size > MAX_FIRST) {
			throw new InvalidInputException("first",
					"`first` must be between 0 and " + MAX_FIRST + ", was " + size + ".");
		}
		return new Page(size, (after == null || after.isEmpty()) ? null : after);
	}

}
