package dev.marquee.changes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The follower's ordering: seq order, each once, a missing seq waited for up to the grace, then skipped. */
class SequencerTest {

	private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");

	private static final Duration GRACE = Duration.ofSeconds(5);

	@Test
	void entriesReadOutOfOrderAreHandedOnInSeqOrderEachOnce() {
		Sequencer sequencer = new Sequencer(10, GRACE);

		assertThat(sequencer.accept(List.of(change(12), change(11)), T0)).extracting(Change::seq).containsExactly(11L, 12L);
		assertThat(sequencer.accept(List.of(change(11), change(12), change(13)), T0)).extracting(Change::seq)
			.containsExactly(13L);
		assertThat(sequencer.position()).isEqualTo(13);
	}

	@Test
	void aMissingSeqHoldsBackTheEntriesAfterItWhileTheGraceLasts() {
		Sequencer sequencer = new Sequencer(10, GRACE);

		assertThat(sequencer.accept(List.of(change(12), change(13)), T0)).isEmpty();
		assertThat(sequencer.accept(List.of(change(12), change(13)), T0.plus(GRACE).minusMillis(1))).isEmpty();
		assertThat(sequencer.pending()).isEqualTo(2);

		// the writer of 11 was only slow: it comes, and everything goes on in order
		assertThat(sequencer.accept(List.of(change(11), change(12), change(13)), T0.plusSeconds(4)))
			.extracting(Change::seq)
			.containsExactly(11L, 12L, 13L);
		assertThat(sequencer.skipped()).isZero();
	}

	@Test
	void aSeqMissingForTheWholeGraceIsSkipped() {
		Sequencer sequencer = new Sequencer(10, GRACE);
		sequencer.accept(List.of(change(13)), T0);

		List<Change> ready = sequencer.accept(List.of(change(13), change(14)), T0.plus(GRACE));

		assertThat(ready).extracting(Change::seq).containsExactly(13L, 14L);
		assertThat(sequencer.skipped()).isEqualTo(2);
		// an entry for a skipped seq arriving after all is not handed on out of order
		assertThat(sequencer.accept(List.of(change(11)), T0.plusSeconds(6))).isEmpty();
	}

	@Test
	void theGraceOfASecondGapStartsWhenItIsSeen() {
		Sequencer sequencer = new Sequencer(0, GRACE);
		sequencer.accept(List.of(change(2)), T0);
		sequencer.accept(List.of(change(2), change(4)), T0.plus(GRACE));
		assertThat(sequencer.position()).isEqualTo(2);

		assertThat(sequencer.accept(List.of(change(4)), T0.plus(GRACE).plusSeconds(1))).isEmpty();
		assertThat(sequencer.accept(List.of(change(4)), T0.plus(GRACE).plus(GRACE))).extracting(Change::seq)
			.containsExactly(4L);
	}

	private static Change change(long seq) {
		return new Change(seq, T0, ChangeKind.CHECKED_IN, null, null, null, new Document());
	}

}
