package dev.marquee.graphql;

import java.util.List;

/**
 * An expected failure of a mutation, answered in its payload: a stable code, the path of the input
 * field at fault (e.g. {@code ["input", "startsAt"]}) and a message for people.
 */
public record UserError(UserErrorCode code, List<String> field, String message) {

	public static UserError of(UserErrorCode code, String message, String... field) {
		return new UserError(code, (field.length == 0) ? null : List.of(field), message);
	}

	public static UserError forbidden(String message) {
		return of(UserErrorCode.FORBIDDEN, message);
	}

	public static UserError notFound(String message, String... field) {
		return of(UserErrorCode.NOT_FOUND, message, field);
	}

}
