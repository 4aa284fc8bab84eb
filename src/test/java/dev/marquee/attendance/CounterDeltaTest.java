package dev.marquee.attendance;

import java.util.Map;

import dev.marquee.event.AudienceSegment;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a write moves an edition's counters, and the one $inc that says so. */
class CounterDeltaTest {

	@Test
	void aRegistrationCountsInTotalAndItsSegmentAndInCheckedInOnlyWhenCheckedIn() {
		assertThat(inc(CounterDelta.registration(AudienceSegment.PRESS, false)))
			.isEqualTo(new Document("attendance.registered", 1).append("attendance.bySegment.PRESS", 1));
		assertThat(inc(CounterDelta.registration(AudienceSegment.PRESS, true)))
			.isEqualTo(new Document("attendance.registered", 1).append("attendance.checkedIn", 1)
				.append("attendance.bySegment.PRESS", 1));
	}

	@Test
	void movesAddUpPerSegmentAndLeaveOutWhatCancels() {
		CounterDelta delta = CounterDelta.registration(AudienceSegment.STUDENT, false)
			.plus(CounterDelta.segmentMove(AudienceSegment.PRESS, AudienceSegment.EXECUTIVE, 3))
			.plus(CounterDelta.segmentMove(AudienceSegment.EXECUTIVE, AudienceSegment.STUDENT, 3))
			.plus(CounterDelta.checkIns(2));

		assertThat(delta).isEqualTo(new CounterDelta(1, 2, Map.of(AudienceSegment.PRESS, -3, AudienceSegment.STUDENT, 4)));
		assertThat(inc(delta)).isEqualTo(new Document("attendance.registered", 1).append("attendance.checkedIn", 2)
			.append("attendance.bySegment.PRESS", -3)
			.append("attendance.bySegment.STUDENT", 4));
	}

	@Test
	void nothingMovedIsNoWrite() {
		assertThat(CounterDelta.NONE.update()).isEmpty();
		assertThat(CounterDelta.checkIns(0).update()).isEmpty();
		assertThat(CounterDelta.segmentMove(AudienceSegment.PRESS, AudienceSegment.STUDENT, 0).update()).isEmpty();
		assertThat(CounterDelta.segmentMove(AudienceSegment.PRESS, AudienceSegment.PRESS, 5)).isEqualTo(CounterDelta.NONE);
		assertThat(CounterDelta.segmentMove(AudienceSegment.PRESS, AudienceSegment.STUDENT, 2)
			.plus(CounterDelta.segmentMove(AudienceSegment.STUDENT, AudienceSegment.PRESS, 2))
			.update()).isEmpty();
	}

	private static Document inc(CounterDelta delta) {
		return (Document) delta.update().orElseThrow().getUpdateObject().get("$inc");
	}

}
