package dev.marquee.storage;

import org.bson.types.ObjectId;

/** A stored document with an ObjectId {@code _id}. */
public interface HasId {

	ObjectId id();

}
