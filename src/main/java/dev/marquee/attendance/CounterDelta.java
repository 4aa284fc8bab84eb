package dev.marquee.attendance;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import dev.marquee.event.AudienceSegment;

import org.springframework.data.mongodb.core.query.Update;

/**
 * How far a write moves an edition's counters ({@code events.attendance}: {@code registered},
 * {@code checkedIn}, {@code bySegment.*}), as one {@code $inc}. The writers count what their writes
 * actually did, never what they planned, so a registration or check-in made meanwhile counts once.
 */
record CounterDelta(int registered, int checkedIn, Map<AudienceSegment, Integer> bySegment) {

	static final CounterDelta NONE = new CounterDelta(0, 0, Map.of());

	CounterDelta {
		Map<AudienceSegment, Integer> copy = new EnumMap<>(AudienceSegment.class);
		bySegment.forEach((segment, n) -> {
			if (n != 0) {
				copy.put(segment, n);
			}
		});
		bySegment = Collections.unmodifiableMap(copy);
	}

	/** One new registration in {@code segment}, checked in or not. */
	static CounterDelta registration(AudienceSegment segment, boolean checkedIn) {
		return new CounterDelta(1, checkedIn ? 1 : 0, Map.of(segment, 1));
	}

	/** {@code n} check-ins of registrations that were not checked in. */
	static CounterDelta checkIns(int n) {
		return new CounterDelta(0, n, Map.of());
	}

	/** {@code n} registrations moved from one segment to another. */
	static CounterDelta segmentMove(AudienceSegment from, AudienceSegment to, int n) {
		if (from == to) {
			return NONE;
		}
		return new CounterDelta(0, 0, Map.of(from, -n, to, n));
	}

	CounterDelta plus(CounterDelta other) {
		Map<AudienceSegment, Integer> segments = new EnumMap<>(AudienceSegment.class);
		segments.putAll(this.bySegment);
		other.bySegment.forEach((segment, n) -> segments.merge(segment, n, Integer::sum));
		return new CounterDelta(this.registered + other.registered, this.checkedIn + other.checkedIn, segments);
	}

	/** The {@code $inc} on the event document, empty when nothing moves. */
	Optional<Update> update() {
		Update update = new Update();
		if (this.registered != 0) {
			update.inc("attendance.registered", this.registered);
		}
		if (this.checkedIn != 0) {
			update.inc("attendance.checkedIn", this.checkedIn);
		}
		this.bySegment.forEach((segment, n) -> update.inc("attendance.bySegment." + segment.name(), n));
		return update.getUpdateObject().isEmpty() ? Optional.empty() : Optional.of(update);
	}

}
