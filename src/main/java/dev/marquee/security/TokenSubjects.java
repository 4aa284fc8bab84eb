package dev.marquee.security;

import java.util.Optional;

import org.bson.types.ObjectId;

/**
 * Where {@code account/TokenVerification} finds what a token names: the local account behind one of this
 * service's tokens, and the series an external issuer's token names by slug. Implemented by the account
 * feature, above {@code security}.
 */
public interface TokenSubjects {

	/** The local account with this id, if it still exists. */
	Optional<? extends TokenSubject> account(ObjectId accountId);

	/** The id of the series with this slug, if there is one. */
	Optional<ObjectId> seriesIdBySlug(String slug);

}
