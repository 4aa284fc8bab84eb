package dev.marquee.attendance;

import java.util.List;

import dev.marquee.event.Attendance.SegmentCount;

/** {@code AttendanceSummary}: what {@code Event.attendance} and {@code attendanceChanged} answer. */
public record AttendanceSummary(Integer reported, String reportedSource, int registered, int checkedIn,
		List<SegmentCount> segments) {

}
