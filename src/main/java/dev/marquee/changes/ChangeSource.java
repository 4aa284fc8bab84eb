package dev.marquee.changes;

import java.util.List;

/** Where the follower reads new entries from: a poll of the collection or a change stream. */
interface ChangeSource extends AutoCloseable {

	/**
	 * Entries that may be after {@code position}, in any order, at most about {@code limit}; the
	 * {@link Sequencer} drops what it has seen.
	 */
	List<Change> read(long position, int limit);

	@Override
	default void close() {
	}

}
