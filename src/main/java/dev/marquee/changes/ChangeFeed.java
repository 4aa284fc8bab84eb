package dev.marquee.changes;

import java.util.List;
import java.util.function.Consumer;

/**
 * Follows the log from a seq, on every node: polling on the embedded default, a change stream on a
 * replica set.
 */
public interface ChangeFeed {

	/** Calls listener with every entry after {@code afterSeq}, in seq order, each once, until the handle is closed. */
	AutoCloseable follow(long afterSeq, Consumer<Change> listener);

	/**
	 * Entries after {@code afterSeq} as stored now (at most {@code limit}), in seq order: for catch-up and
	 * consumers with checkpoints.
	 */
	List<Change> after(long afterSeq, int limit);

}
