package dev.marquee.security;

import java.util.Collection;
import java.util.Set;

import org.bson.types.ObjectId;

/**
 * What a token of this service says about its account, and what is checked against the account again
 * on every request: enabled, and the token version current. The account feature's {@code Account}
 * is one.
 */
public interface TokenSubject {

	ObjectId id();

	String username();

	Set<Role> roles();

	Collection<ObjectId> seriesIds();

	boolean enabled();

	int tokenVersion();

}
