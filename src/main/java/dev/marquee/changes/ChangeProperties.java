package dev.marquee.changes;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the change log is followed and kept (docs/architecture.md, "The change log").
 *
 * @param follow how a node follows the log: {@code auto} (a change stream on a replica set, else polling),
 * {@code poll}, or {@code change-stream}
 * @param pollInterval how often the follower reads new entries (polling) or drains the change stream
 * @param gapGrace how long a missing seq is waited for before the follower skips it (its writer died
 * between taking the seq and inserting the entry)
 * @param batchSize entries read by one poll at most
 * @param listenerBuffer entries held in memory for one listener; beyond them it catches up from the
 * database instead
 * @param dispatchThreads threads that call the listeners (a listener is called by one at a time)
 * @param retention how long entries are kept
 * @param sweepInterval how often entries older than the retention are deleted
 * @param nodeName this node's name, under which its change-stream resume token is stored; empty: the host
 * name
 */
@ConfigurationProperties("marquee.changes")
public record ChangeProperties(@DefaultValue("auto") Follow follow, @DefaultValue("100ms") Duration pollInterval,
		@DefaultValue("5s") Duration gapGrace, @DefaultValue("1000") int batchSize,
		@DefaultValue("10000") int listenerBuffer, @DefaultValue("2") int dispatchThreads,
		@DefaultValue("7d") Duration retention, @DefaultValue("10m") Duration sweepInterval,
		@DefaultValue("") String nodeName) {

	/** How a node follows the log. */
	public enum Follow {

		/** A change stream when the database is a replica set ({@code hello} names a set), else polling. */
		AUTO,
		/** Reads {@code _id > last} every poll interval. */
		POLL,
		/** A change stream on {@code changes}; fails at start-up without a replica set. */
		CHANGE_STREAM

	}

}
