package dev.marquee.attendance;

import java.util.List;
import java.util.Map;

import dev.marquee.event.AudienceSegment;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import static dev.marquee.event.AudienceSegment.EXECUTIVE;
import static dev.marquee.event.AudienceSegment.PRESS;
import static dev.marquee.event.AudienceSegment.STUDENT;
import static org.assertj.core.api.Assertions.assertThat;

/** A staged batch's segment moves are written one (from, to) pair at a time; its rows add up. */
class ImportBatchTest {

	@Test
	void segmentMovesAreGroupedByPairInTheOrderEachPairFirstAppears() {
		ObjectId a = new ObjectId();
		ObjectId b = new ObjectId();
		ObjectId c = new ObjectId();
		ObjectId d = new ObjectId();
		ImportBatch batch = batch(move(a, PRESS, EXECUTIVE), move(b, STUDENT, PRESS), move(c, PRESS, EXECUTIVE),
				move(d, EXECUTIVE, PRESS));

		Map<ImportBatch.SegmentChange, List<ObjectId>> moves = batch.movesByChange();

		assertThat(moves).containsExactly(Map.entry(new ImportBatch.SegmentChange(PRESS, EXECUTIVE), List.of(a, c)),
				Map.entry(new ImportBatch.SegmentChange(STUDENT, PRESS), List.of(b)),
				Map.entry(new ImportBatch.SegmentChange(EXECUTIVE, PRESS), List.of(d)));
	}

	@Test
	void aBatchWithoutMovesHasNoPairs() {
		assertThat(batch().movesByChange()).isEmpty();
	}

	@Test
	void countsOfBatchesAddUpAndReadAsTheAuditSaysThem() {
		ImportCounts total = ImportCounts.NONE.plus(new ImportCounts(3, 1, 0)).plus(new ImportCounts(2, 0, 5));

		assertThat(total).isEqualTo(new ImportCounts(5, 1, 5));
		assertThat(total.summary()).isEqualTo("5 created, 1 updated, 5 unchanged");
	}

	private static ImportBatch.SegmentMove move(ObjectId registration, AudienceSegment from, AudienceSegment to) {
		return new ImportBatch.SegmentMove(registration, from, to);
	}

	private static ImportBatch batch(ImportBatch.SegmentMove... moves) {
		return new ImportBatch(new ObjectId(), new ObjectId(), 0, List.of(), List.of(), List.of(moves), List.of(),
				moves.length, 0);
	}

}
