package dev.marquee.graphql;

public enum UserErrorCode {

	INVALID_INPUT, NOT_FOUND, CONFLICT, VERSION_MISMATCH, FORBIDDEN, DUPLICATE

}
