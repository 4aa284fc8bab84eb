package dev.marquee.security;

import java.util.Set;

import dev.marquee.security.Role;
import org.bson.types.ObjectId;

/**
 * Who is asking: anonymous, or a signed-in account with its roles and the series it may organize.
 * Built once per request from the validated token; {@link AccessPolicy} decides with it.
 *
 * @param accountId the local account, or null for anonymous callers and external-issuer users
 * @param username the account's username, or the token subject
 * @param roles roles of the caller
 * @param seriesIds series the caller organizes (ignored for admins, who organize all)
 */
public record Viewer(ObjectId accountId, String username, Set<Role> roles, Set<ObjectId> seriesIds) {

	public static final Viewer ANONYMOUS = new Viewer(null, null, Set.of(), Set.of());

	/** The GraphQL context key under which the current viewer is kept. */
	public static final String CONTEXT_KEY = "viewer";

	public boolean isSignedIn() {
		return this.username != null;
	}

	public boolean isAdmin() {
		return this.roles.contains(Role.ADMIN);
	}

	public boolean isOrganizer() {
		return isAdmin() || this.roles.contains(Role.ORGANIZER);
	}

	/** May organize this series: an admin, or an organizer granted it. */
	public boolean organizes(ObjectId seriesId) {
		return isAdmin() || (this.roles.contains(Role.ORGANIZER) && seriesId != null && this.seriesIds.contains(seriesId));
	}

}
