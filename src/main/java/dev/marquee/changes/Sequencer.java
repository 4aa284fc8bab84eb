package dev.marquee.changes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts entries read in any order (a poll may see seq n+1 before n is inserted; a change stream reports
 * inserts in commit order) into seq order, each once. A missing seq is waited for up to the grace, counted
 * from when an entry after it was first seen; then it and every seq missing before the next entry present
 * are skipped. Not thread-safe: the follower's one thread uses it.
 */
final class Sequencer {

	private final Duration grace;

	private final TreeMap<Long, Change> pending = new TreeMap<>();

	/** The last seq handed on (or skipped). */
	private long position;

	/** When the follower first saw an entry beyond a missing {@code position + 1}; null: no gap. */
	private Instant gapSince;

	private long skipped;

	Sequencer(long position, Duration grace) {
		this.position = position;
		this.grace = grace;
	}

	/** Takes what was read, answers what may now be handed on, in seq order. */
	List<Change> accept(Collection<Change> read, Instant now) {
		for (Change change : read) {
			if (change.seq() > this.position) {
				this.pending.putIfAbsent(change.seq(), change);
			}
		}
		List<Change> ready = new ArrayList<>();
		while (!this.pending.isEmpty()) {
			Map.Entry<Long, Change> first = this.pending.firstEntry();
			if (first.getKey() == this.position + 1) {
				ready.add(this.pending.pollFirstEntry().getValue());
				this.position++;
				this.gapSince = null;
				continue;
			}
			if (this.gapSince == null) {
				this.gapSince = now;
			}
			if (Duration.between(this.gapSince, now).compareTo(this.grace) < 0) {
				break;
			}
			this.skipped += first.getKey() - this.position - 1;
			this.position = first.getKey() - 1;
			this.gapSince = null;
		}
		return ready;
	}

	/** The last seq handed on or skipped: everything up to it is settled. */
	long position() {
		return this.position;
	}

	/** Entries held back behind a gap. */
	int pending() {
		return this.pending.size();
	}

	/** Seqs given up on so far. */
	long skipped() {
		return this.skipped;
	}

}
