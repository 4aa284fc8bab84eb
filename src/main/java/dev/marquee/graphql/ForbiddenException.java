package dev.marquee.graphql;

/** A query field the caller may not read; answered as a FORBIDDEN error with this message. */
public class ForbiddenException extends RuntimeException {

	public ForbiddenException(String message) {
		super(message);
	}

}
