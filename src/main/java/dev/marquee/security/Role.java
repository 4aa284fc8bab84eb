package dev.marquee.security;

public enum Role {

	ADMIN, ORGANIZER

}
