package dev.marquee.event;

/** Derived from the calendar days an event runs and its length. */
public enum EventFormat {

	HALF_DAY, ONE_DAY, MULTI_DAY

}
