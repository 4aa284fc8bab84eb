package dev.marquee.graphql;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects the validation errors of one mutation input, so a client learns every problem at once.
 * The rules of the hub live here: slugs, names, time zones.
 */
public final class Checks {

	public static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

	public static final int MAX_SLUG = 64;

	public static final int MAX_NAME = 200;

	private final List<UserError> errors = new ArrayList<>();

	public Checks slug(String value, String... field) {
		if (value == null || value.length() > MAX_SLUG || !SLUG.matcher(value).matches()) {
			invalid("A slug is 1 to " + MAX_SLUG + " lower-case letters or digits in words joined by single hyphens, "
					+ "like `ai-on-the-lot-2026`.", field);
		}
		return this;
	}

	public Checks name(String value, String... field) {
		if (value == null || value.isBlank() || value.length() > MAX_NAME) {
			invalid("A name is 1 to " + MAX_NAME + " characters and not blank.", field);
		}
		return this;
	}

	public Checks optionalText(String value, int max, String... field) {
		if (value != null && value.length() > max) {
			invalid("At most " + max + " characters.", field);
		}
		return this;
	}

	/** Checks an IANA zone id and answers it, or null when invalid (and records the error). */
	public ZoneId zone(String value, String... field) {
		// the IANA time-zone database names the JDK knows (Europe/Paris, UTC…), not offsets like +02:00
		if (value != null && ZoneId.getAvailableZoneIds().contains(value)) {
			return ZoneId.of(value);
		}
		invalid("`" + value + "` is not an IANA time zone such as `America/Los_Angeles`.", field);
		return null;
	}

	public Checks require(boolean condition, UserErrorCode code, String message, String... field) {
		if (!condition) {
			add(UserError.of(code, message, field));
		}
		return this;
	}

	public Checks invalid(String message, String... field) {
		return add(UserError.of(UserErrorCode.INVALID_INPUT, message, field));
	}

	public Checks add(UserError error) {
		this.errors.add(error);
		return this;
	}

	public boolean failed() {
		return !this.errors.isEmpty();
	}

	public <T> Outcome<T> outcome() {
		return Outcome.failed(this.errors);
	}

	public List<UserError> errors() {
		return List.copyOf(this.errors);
	}

}
