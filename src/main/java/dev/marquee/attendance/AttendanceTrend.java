package dev.marquee.attendance;

import java.util.ArrayList;
import java.util.List;

import dev.marquee.event.Attendance;
import dev.marquee.event.Event;

/**
 * A series' attendance edition by edition: the reported headcount where one exists, else checked-in;
 * editions without either (future ones, say) are not points.
 */
public record AttendanceTrend(List<AttendancePoint> points, Double growthFactor, Double cagr) {

	/** The trend of editions given in date order. */
	public static AttendanceTrend of(List<Event> editions) {
		List<AttendancePoint> points = new ArrayList<>();
		for (Event edition : editions) {
			Attendance attendance = edition.attendanceOrNone();
			if (edition.status() != dev.marquee.event.EventStatus.CANCELLED && attendance.hasData()) {
				points.add(new AttendancePoint(edition.year(), edition, attendance.attendees()));
			}
		}
		if (points.size() < 2) {
			return new AttendanceTrend(points, null, null);
		}
		AttendancePoint first = points.get(0);
		AttendancePoint last = points.get(points.size() - 1);
		if (first.attendees() == 0) {
			return new AttendanceTrend(points, null, null);
		}
		double growth = (double) last.attendees() / first.attendees();
		int years = last.year() - first.year();
		Double cagr = (years > 0) ? Math.pow(growth, 1.0 / years) - 1 : null;
		return new AttendanceTrend(points, growth, cagr);
	}

	public record AttendancePoint(int year, Event event, int attendees) {
	}

}
