package dev.marquee.attendance;

import org.bson.types.ObjectId;

/**
 * A feature of a higher layer that keeps copies of a person's personal data (name, email) on its own
 * documents, which {@code erasePerson} cannot name. Called by {@code erasePerson} after the person itself
 * is erased, every time it runs, so it must be idempotent: erasing an erased person again finishes what a
 * crash interrupted.
 */
public interface PersonCopies {

	/** Removes the person's name and email from every copy this feature keeps. */
	void erasePersonCopies(ObjectId personId);

}
