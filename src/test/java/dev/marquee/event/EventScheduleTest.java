package dev.marquee.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** An edition's year, calendar days and format follow from its dates, counted in its own time zone. */
class EventScheduleTest {

	private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@ParameterizedTest(name = "{0} to {1} in {2}: {3}, {4} day(s), {5}")
	@CsvSource(delimiter = '|', textBlock = """
			# up to six hours on one day is a half day, a minute more is a day
			2026-06-01T09:00-07:00 | 2026-06-01T15:00-07:00 | America/Los_Angeles | 2026 | 1 | HALF_DAY
			2026-06-01T09:00-07:00 | 2026-06-01T15:01-07:00 | America/Los_Angeles | 2026 | 1 | ONE_DAY
			2028-06-01T09:00-07:00 | 2028-06-01T13:00-07:00 | America/Los_Angeles | 2028 | 1 | HALF_DAY
			2028-06-01T09:00-07:00 | 2028-06-01T18:00-07:00 | America/Los_Angeles | 2028 | 1 | ONE_DAY
			2026-06-01T00:00-07:00 | 2026-06-01T23:59-07:00 | America/Los_Angeles | 2026 | 1 | ONE_DAY
			# ending at midnight does not run on the next day
			2026-06-01T09:00-07:00 | 2026-06-02T00:00-07:00 | America/Los_Angeles | 2026 | 1 | ONE_DAY
			2028-06-01T18:00-07:00 | 2028-06-02T00:00-07:00 | America/Los_Angeles | 2028 | 1 | HALF_DAY
			# a minute past midnight does
			2026-06-01T20:00-07:00 | 2026-06-02T00:01-07:00 | America/Los_Angeles | 2026 | 2 | MULTI_DAY
			# a short event over midnight is on two calendar days, so multi-day, not half-day
			2028-06-01T23:00-07:00 | 2028-06-02T01:00-07:00 | America/Los_Angeles | 2028 | 2 | MULTI_DAY
			2028-06-01T09:00-07:00 | 2028-06-03T17:00-07:00 | America/Los_Angeles | 2028 | 3 | MULTI_DAY
			2026-06-28T09:00-07:00 | 2026-07-02T17:00-07:00 | America/Los_Angeles | 2026 | 5 | MULTI_DAY
			# the year is that of the first day where the edition takes place
			2026-12-31T20:00-08:00 | 2026-12-31T23:30-08:00 | America/Los_Angeles | 2026 | 1 | HALF_DAY
			2027-01-01T10:00+13:00 | 2027-01-01T19:00+13:00 | Pacific/Auckland    | 2027 | 1 | ONE_DAY
			""")
	void yearDaysAndFormatFollowFromTheDatesInTheEditionsZone(OffsetDateTime startsAt, OffsetDateTime endsAt,
			ZoneId zone, int year, int days, EventFormat format) {
		EventSchedule schedule = EventSchedule.of(startsAt.toInstant(), endsAt.toInstant(), zone);

		assertThat(schedule).isEqualTo(new EventSchedule(year, days, format));
	}

	@Test
	void theSameInstantsAreOneDayInOneZoneAndTwoInAnother() {
		// 14:00 to 20:00 UTC is 07:00 to 13:00 in Los Angeles, and 23:00 to 05:00 the next day in Tokyo
		Instant startsAt = Instant.parse("2026-06-01T14:00:00Z");
		Instant endsAt = Instant.parse("2026-06-01T20:00:00Z");

		assertThat(EventSchedule.of(startsAt, endsAt, LOS_ANGELES))
			.isEqualTo(new EventSchedule(2026, 1, EventFormat.HALF_DAY));
		assertThat(EventSchedule.of(startsAt, endsAt, TOKYO))
			.isEqualTo(new EventSchedule(2026, 2, EventFormat.MULTI_DAY));
	}

	@Test
	void theYearIsTheYearOfTheFirstDayInTheEditionsZone() {
		// New Year's Eve in Los Angeles is already January 1st in UTC
		Instant startsAt = OffsetDateTime.parse("2026-12-31T18:00-08:00").toInstant();
		Instant endsAt = OffsetDateTime.parse("2027-01-01T02:00-08:00").toInstant();

		assertThat(EventSchedule.of(startsAt, endsAt, LOS_ANGELES).year()).isEqualTo(2026);
		assertThat(EventSchedule.of(startsAt, endsAt, ZoneId.of("UTC")).year()).isEqualTo(2027);
	}

	@Test
	void daysAreCalendarDaysAcrossAChangeOfClock() {
		// the night the clocks go forward in Los Angeles (March 8th, 2026) is 23 hours long
		Instant startsAt = OffsetDateTime.parse("2026-03-07T09:00-08:00").toInstant();
		Instant endsAt = OffsetDateTime.parse("2026-03-08T17:00-07:00").toInstant();

		assertThat(EventSchedule.of(startsAt, endsAt, LOS_ANGELES))
			.isEqualTo(new EventSchedule(2026, 2, EventFormat.MULTI_DAY));
	}

}
