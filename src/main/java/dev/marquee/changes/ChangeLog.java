package dev.marquee.changes;

import org.bson.Document;
import org.bson.types.ObjectId;

/** Appends to the log; every *Commands write that a reader could see calls it after its write. */
public interface ChangeLog {

	/**
	 * The key in an entry's {@code data} naming the write it records (a string, e.g. {@code event:<id>:v7}):
	 * an append with an origin already in the log appends nothing and answers the entry there. Writes under
	 * a pending-write intent set it, so that their repair can append what a crash lost without doubling it.
	 */
	String ORIGIN = "origin";

	Change append(ChangeKind kind, ObjectId seriesId, ObjectId eventId, ObjectId subjectId, Document data);

	/** The newest seq appended by any node (0 when empty): the data version behind HTTP ETags. */
	long version();

}
