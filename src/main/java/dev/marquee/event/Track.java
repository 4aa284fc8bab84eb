package dev.marquee.event;

/** A track of an edition (pre-production, VFX…), embedded in the event. */
public record Track(String name, String description) {
}
