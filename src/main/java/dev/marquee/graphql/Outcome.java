package dev.marquee.graphql;

import java.util.List;

/**
 * What a mutation's service answers: the written object, or the user errors that stopped it (and then
 * nothing was written). Expected failures are values, never exceptions.
 */
public record Outcome<T>(T value, List<UserError> errors) {

	public static <T> Outcome<T> ok(T value) {
		return new Outcome<>(value, List.of());
	}

	public static <T> Outcome<T> failed(List<UserError> errors) {
		return new Outcome<>(null, List.copyOf(errors));
	}

	public static <T> Outcome<T> failed(UserError error) {
		return new Outcome<>(null, List.of(error));
	}

	public boolean isOk() {
		return this.errors.isEmpty();
	}

}
