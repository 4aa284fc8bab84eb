package dev.marquee.node;

import java.util.Optional;

import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;

/**
 * Finds the objects of one {@code Node} type by id for {@code node(id)}; each feature registers one per
 * type it serves. Answers empty for objects the caller may not see.
 */
public interface NodeLookup {

	/** The GraphQL type name, which is also the prefix inside the global ID. */
	String type();

	Optional<?> findNode(ObjectId id, Viewer viewer);

}
