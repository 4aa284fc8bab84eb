package dev.marquee.event;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Attendance counters kept on the event document: the announced headcount and maintained counts of
 * registrations and check-ins, overall and by segment (updated with {@code $inc} on every write).
 *
 * @param reported headcount the organizer announced, if any
 * @param reportedSource where the announced headcount comes from
 * @param registered registrations
 * @param checkedIn registrations checked in
 * @param bySegment registrations by audience segment
 */
public record Attendance(Integer reported, String reportedSource, int registered, int checkedIn,
		Map<AudienceSegment, Integer> bySegment) {

	public static final Attendance NONE = new Attendance(null, null, 0, 0, Map.of());

	/** Segments with their counts, in the enum's order, zeros left out. */
	public List<SegmentCount> segments() {
		if (this.bySegment == null) {
			return List.of();
		}
		return Arrays.stream(AudienceSegment.values())
			.filter((segment) -> this.bySegment.getOrDefault(segment, 0) > 0)
			.map((segment) -> new SegmentCount(segment, this.bySegment.get(segment)))
			.toList();
	}

	/** The reported headcount where present, else checked-in (the attendance trend's measure). */
	public int attendees() {
		return (this.reported != null) ? this.reported : this.checkedIn;
	}

	public boolean hasData() {
		return this.reported != null || this.checkedIn > 0;
	}

	public record SegmentCount(AudienceSegment segment, int count) {
	}

}
