package dev.marquee.webhooks;

import java.util.Optional;

import dev.marquee.changes.ChangeKind;

/**
 * What a webhook subscribes to, and the {@code type} of its payloads (Standard Webhooks: dotted, lower
 * case). Each comes from some kinds of the change log.
 */
public enum WebhookEventType {

	EVENT_CHANGED("event.changed"), SESSION_CHANGED("session.changed"), SPONSORSHIP_CHANGED("sponsorship.changed"),
	REGISTRATION_CREATED("registration.created"), CHECKED_IN("registration.checked_in");

	private final String type;

	WebhookEventType(String type) {
		this.type = type;
	}

	/** The payload's {@code type}. */
	public String type() {
		return this.type;
	}

	/** The event type a change of the log is delivered as; none for kinds no webhook hears of. */
	static Optional<WebhookEventType> of(ChangeKind kind) {
		return Optional.ofNullable(switch (kind) {
			case EVENT_DETAILS, EVENT_STATUS -> EVENT_CHANGED;
			case SESSIONS, PROGRAM_IMPORTED -> SESSION_CHANGED;
			case SPONSORSHIPS -> SPONSORSHIP_CHANGED;
			case REGISTRATION_CREATED -> REGISTRATION_CREATED;
			case CHECKED_IN -> CHECKED_IN;
			case ATTENDANCE, COMPANY, SERIES, PERSON -> null;
		});
	}

}
