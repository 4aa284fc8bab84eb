package dev.marquee.graphql;

/**
 * A query argument the server cannot honour (a page size out of range, a cursor that does not
 * decode). Answered to the client as a BAD_REQUEST error naming the argument.
 */
public class InvalidInputException extends RuntimeException {

	private final String argument;

	public InvalidInputException(String argument, String message) {
		super(message);
		this.argument = argument;
	}

	public String argument() {
		return this.argument;
	}

}
