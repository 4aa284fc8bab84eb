package dev.marquee.event;

/**
 * A feature that keeps copies of an edition's fields on its own documents (series, year, start, draft
 * flag), so its reads need no join. Called after every change to those fields, and again by the
 * start-up repair if a change stopped half-way; must be idempotent.
 */
public interface EventCopies {

	void syncEventCopies(Event event);

}
