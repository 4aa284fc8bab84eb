package dev.marquee.event;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * What follows from an edition's dates in its own time zone: the year, the calendar days it runs and
 * its format. Never entered by hand, so it cannot disagree with the dates.
 */
public record EventSchedule(int year, int days, EventFormat format) {

	/** Up to this long on a single day is a half-day event. */
	static final Duration HALF_DAY_MAX = Duration.ofHours(6);

	public static EventSchedule of(Instant startsAt, Instant endsAt, ZoneId zone) {
		LocalDate first = startsAt.atZone(zone).toLocalDate();
		// an event ending at midnight does not run on the next day
		LocalDate last = endsAt.minusNanos(1).atZone(zone).toLocalDate();
		int days = (int) ChronoUnit.DAYS.between(first, last) + 1;
		EventFormat format;
		if (days > 1) {
			format = EventFormat.MULTI_DAY;
		}
		else if (Duration.between(startsAt, endsAt).compareTo(HALF_DAY_MAX) <= 0) {
			format = EventFormat.HALF_DAY;
		}
		else {
			format = EventFormat.ONE_DAY;
		}
		return new EventSchedule(first.getYear(), days, format);
	}

}
