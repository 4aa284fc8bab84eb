package dev.marquee.changes;

/** What changed, as subscribers and webhooks see it. */
public enum ChangeKind {

	EVENT_DETAILS, EVENT_STATUS, SESSIONS, SPONSORSHIPS, ATTENDANCE, REGISTRATION_CREATED, CHECKED_IN,
	PROGRAM_IMPORTED, COMPANY, SERIES, PERSON

}
