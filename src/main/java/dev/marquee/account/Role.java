package dev.marquee.account;

public enum Role {

	ADMIN, ORGANIZER

}
