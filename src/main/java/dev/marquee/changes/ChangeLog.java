package dev.marquee.changes;

import org.bson.Document;
import org.bson.types.ObjectId;

/** Appends to the log; every *Commands write that a reader could see calls it after its write. */
public interface ChangeLog {

	Change append(ChangeKind kind, ObjectId seriesId, ObjectId eventId, ObjectId subjectId, Document data);

	/** The newest seq appended by any node (0 when empty): the data version behind HTTP ETags. */
	long version();

}
