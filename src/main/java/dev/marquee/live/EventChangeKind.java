package dev.marquee.live;

import dev.marquee.changes.ChangeKind;

/** {@code EventChangeKind}: what changed on an edition, as {@code eventChanged} tells it. */
enum EventChangeKind {

	DETAILS, STATUS, SESSIONS, SPONSORSHIPS, ATTENDANCE;

	/** The kind a change-log entry about an edition is, or null when subscribers are not told of it. */
	static EventChangeKind of(ChangeKind kind) {
		return switch (kind) {
			case EVENT_DETAILS -> DETAILS;
			case EVENT_STATUS -> STATUS;
			case SESSIONS, PROGRAM_IMPORTED -> SESSIONS;
			case SPONSORSHIPS -> SPONSORSHIPS;
			case ATTENDANCE, REGISTRATION_CREATED, CHECKED_IN -> ATTENDANCE;
			case COMPANY, SERIES, PERSON -> null;
		};
	}

}
