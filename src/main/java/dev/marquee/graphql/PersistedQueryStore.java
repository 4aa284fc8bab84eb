package dev.marquee.graphql;

/**
 * Where automatic persisted queries are kept, so that every node knows them (web/MongoPersistedQueries: the
 * {@code persisted_queries} collection). Bounded by its implementation: at most so many documents, the least
 * recently used removed first, since anyone may register one.
 */
public interface PersistedQueryStore {

	/** The text registered under this hash (64 lowercase hex digits), or null. */
	String find(String hash);

	/** Registers {@code text} under its SHA-256 {@code hash}, or marks it used now if it is there already. */
	void register(String hash, String text);

	/** Marks the document of this hash used now (for least-recently-used removal); callers throttle this. */
	void touch(String hash);

}
