package dev.marquee.attendance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.marquee.event.AudienceSegment;
import dev.marquee.program.Person;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One batch (up to {@value AttendanceImport#BATCH} rows) of a CSV import's planned writes, staged in
 * {@value #COLLECTION} before the import commits: the people to create, the registrations to insert,
 * the segment moves and check-ins of registrations already there, and how the batch's rows count.
 * Planned by {@link ImportPlanner}, applied by {@link ImportWriter}. Nothing reads it but the import and
 * its repair; applying it twice changes nothing more than once.
 */
@Document(ImportBatch.COLLECTION)
record ImportBatch(@Id ObjectId id, ObjectId importId, int seq, List<Person> people, List<Registration> registrations,
		List<SegmentMove> segmentMoves, List<CheckIn> checkIns, int updated, int unchanged) {

	static final String COLLECTION = "import_staging";

	/** Move a registration from one segment to another, if it is still in {@code from}. */
	record SegmentMove(ObjectId registrationId, AudienceSegment from, AudienceSegment to) {
	}

	/** A pair of segments that registrations move between: the moves are written one pair at a time. */
	record SegmentChange(AudienceSegment from, AudienceSegment to) {
	}

	/** Check a registration in at {@code at}, if it is not checked in yet. */
	record CheckIn(ObjectId registrationId, Instant at) {
	}

	/** The segment moves by (from, to), in the order each pair first appears; each pair is one write. */
	Map<SegmentChange, List<ObjectId>> movesByChange() {
		Map<SegmentChange, List<ObjectId>> moves = new LinkedHashMap<>();
		for (SegmentMove move : this.segmentMoves) {
			moves.computeIfAbsent(new SegmentChange(move.from(), move.to()), (k) -> new ArrayList<>())
				.add(move.registrationId());
		}
		return moves;
	}

}
