package dev.marquee.graphql;

/**
 * A number that every write a reader could see advances, kept in the database so that every node reads the
 * same one (web/ answers it from the change log): what HTTP entity tags of answers are built on.
 */
public interface DataVersion {

	/** The current version; one database read. */
	long current();

}
