package dev.marquee.account;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.marquee.security.Role;
import dev.marquee.storage.HasId;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A sign-in account. {@code usernameKey} (lower case) is unique; {@code passwordHash} is a
 * DelegatingPasswordEncoder hash ({@code {bcrypt}…}); {@code tokenVersion} is written into every token
 * and bumped when the account is disabled or its password changes, which refuses older tokens at once.
 */
@Document("accounts")
public record Account(@Id ObjectId id, String username, String usernameKey, String passwordHash, Set<Role> roles,
		List<ObjectId> seriesIds, boolean enabled, int tokenVersion, Instant createdAt) implements HasId {

	public static final String COLLECTION = "accounts";

	/** A new, enabled account at token version 1, with its derived {@code usernameKey}. */
	static Account of(ObjectId id, String username, String passwordHash, Set<Role> roles, Instant createdAt) {
		return new Account(id, username, usernameKey(username), passwordHash, Set.copyOf(roles), List.of(), true, 1,
				createdAt);
	}

	/** The unique key of a username: lower case, so sign-in ignores case. */
	static String usernameKey(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

}
