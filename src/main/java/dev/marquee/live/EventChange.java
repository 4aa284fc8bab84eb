package dev.marquee.live;

import java.time.Instant;

import dev.marquee.event.Event;

/** {@code EventChange}: the edition as it is now, what changed and when (the latest change of that kind). */
record EventChange(Event event, EventChangeKind kind, Instant at) {

}
