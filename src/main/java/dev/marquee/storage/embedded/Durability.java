package dev.marquee.storage.embedded;

/**
 * How far an acknowledged write on the embedded file store has gone before its answer leaves
 * ({@code marquee.embedded.durability}). The two durable levels commit by group: writers whose commands
 * finish while a commit runs share the next one.
 */
public enum Durability {

	/**
	 * The store commits in the background about once a second, after the answer: a crash loses the
	 * writes of the last second. For throwaway data only.
	 */
	NONE,

	/**
	 * Every write command is committed to the file (handed to the operating system) before its answer:
	 * it survives a crash or {@code kill -9} of the process, not a power loss or kernel crash.
	 */
	PROCESS_CRASH,

	/**
	 * As {@link #PROCESS_CRASH}, and the file is synced to the disk ({@code fsync}) before the answer:
	 * it survives a power loss too, at the price of one disk flush per group of writes.
	 */
	POWER_LOSS;

	/** The name as it is configured: {@code process-crash}, {@code power-loss}, {@code none}. */
	@Override
	public String toString() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
