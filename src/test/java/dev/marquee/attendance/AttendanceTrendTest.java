package dev.marquee.attendance;

import java.util.List;
import java.util.Map;

import dev.marquee.attendance.AttendanceTrend.AttendancePoint;
import dev.marquee.event.Attendance;
import dev.marquee.event.Event;
import dev.marquee.event.EventStatus;
import dev.marquee.support.Records;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A series' attendance edition by edition: the reported headcount where there is one, else the
 * check-ins; editions without either, and cancelled ones, are no points; growth from the first point
 * to the last, and its yearly rate.
 */
class AttendanceTrendTest {

	@Test
	void theReportedHeadcountCountsWhereThereIsOneElseTheCheckIns() {
		Event reported = edition(2023, EventStatus.COMPLETED, new Attendance(1200, "press release", 900, 800, Map.of()));
		Event checkedIn = edition(2024, EventStatus.COMPLETED, new Attendance(null, null, 900, 850, Map.of()));

		assertThat(AttendanceTrend.of(List.of(reported, checkedIn)).points()).containsExactly(
				new AttendancePoint(2023, reported, 1200), new AttendancePoint(2024, checkedIn, 850));
	}

	@Test
	void editionsWithoutDataAndCancelledEditionsAreNoPoints() {
		Event past = edition(2023, EventStatus.COMPLETED, counted(1000));
		Event cancelled = edition(2024, EventStatus.CANCELLED, counted(700));
		Event registeredOnly = edition(2025, EventStatus.PUBLISHED, new Attendance(null, null, 400, 0, Map.of()));
		Event withoutCounters = edition(2026, EventStatus.ANNOUNCED, null);
		Event latest = edition(2027, EventStatus.COMPLETED, counted(1500));

		AttendanceTrend trend = AttendanceTrend.of(List.of(past, cancelled, registeredOnly, withoutCounters, latest));

		assertThat(trend.points()).extracting(AttendancePoint::event).containsExactly(past, latest);
	}

	@Test
	void aReportedHeadcountOfZeroIsAPoint() {
		Event empty = edition(2024, EventStatus.COMPLETED, new Attendance(0, "organizer", 0, 0, Map.of()));

		assertThat(AttendanceTrend.of(List.of(empty)).points()).containsExactly(new AttendancePoint(2024, empty, 0));
	}

	@Test
	void growthIsTheLastPointOverTheFirstAndItsRateIsPerYear() {
		AttendanceTrend trend = AttendanceTrend.of(List.of(edition(2020, EventStatus.COMPLETED, counted(1000)),
				edition(2021, EventStatus.COMPLETED, counted(5000)), edition(2022, EventStatus.COMPLETED, counted(1440))));

		assertThat(trend.growthFactor()).isCloseTo(1.44, within(1e-9));
		// 1.2 × 1.2 = 1.44 over two years: 20 % a year, whatever happened in between
		assertThat(trend.cagr()).isCloseTo(0.2, within(1e-9));
	}

	@Test
	void aShrinkingSeriesHasANegativeRate() {
		AttendanceTrend trend = AttendanceTrend.of(List.of(edition(2022, EventStatus.COMPLETED, counted(1000)),
				edition(2023, EventStatus.COMPLETED, counted(500))));

		assertThat(trend.growthFactor()).isCloseTo(0.5, within(1e-9));
		assertThat(trend.cagr()).isCloseTo(-0.5, within(1e-9));
	}

	@Test
	void theEditionsAreTakenInTheOrderGiven() {
		Event later = edition(2024, EventStatus.COMPLETED, counted(2000));
		Event earlier = edition(2022, EventStatus.COMPLETED, counted(1000));

		AttendanceTrend trend = AttendanceTrend.of(List.of(later, earlier));

		assertThat(trend.points()).extracting(AttendancePoint::event).containsExactly(later, earlier);
		assertThat(trend.growthFactor()).isCloseTo(0.5, within(1e-9));
	}

	@Test
	void twoEditionsInOneYearHaveGrowthButNoYearlyRate() {
		AttendanceTrend trend = AttendanceTrend.of(List.of(edition(2024, EventStatus.COMPLETED, counted(400)),
				edition(2024, EventStatus.COMPLETED, counted(600))));

		assertThat(trend.growthFactor()).isCloseTo(1.5, within(1e-9));
		assertThat(trend.cagr()).isNull();
	}

	@Test
	void fewerThanTwoPointsHaveNoGrowth() {
		assertThat(AttendanceTrend.of(List.of())).isEqualTo(new AttendanceTrend(List.of(), null, null));
		AttendanceTrend one = AttendanceTrend.of(List.of(edition(2024, EventStatus.COMPLETED, counted(900)),
				edition(2025, EventStatus.PUBLISHED, null)));
		assertThat(one.points()).hasSize(1);
		assertThat(one.growthFactor()).isNull();
		assertThat(one.cagr()).isNull();
	}

	@Test
	void growthFromAnEditionOfZeroIsNotANumberAndIsLeftOut() {
		AttendanceTrend trend = AttendanceTrend.of(
				List.of(edition(2023, EventStatus.COMPLETED, new Attendance(0, "organizer", 0, 0, Map.of())),
						edition(2024, EventStatus.COMPLETED, counted(300))));

		assertThat(trend.points()).hasSize(2);
		assertThat(trend.growthFactor()).isNull();
		assertThat(trend.cagr()).isNull();
	}

	private static Attendance counted(int checkedIn) {
		return new Attendance(null, null, checkedIn, checkedIn, Map.of());
	}

	/** An edition with the three fields the trend reads (no counters when {@code attendance} is null). */
	private static Event edition(int year, EventStatus status, Attendance attendance) {
		return Records.with(Event.class, "year", year, "status", status, "attendance", attendance);
	}

}
