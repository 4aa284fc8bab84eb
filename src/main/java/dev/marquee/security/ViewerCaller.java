package dev.marquee.security;

import java.util.Optional;

import dev.marquee.graphql.SignedInCaller;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The cost budget of a signed-in request belongs to its account ({@code account:<id>}), whichever address it
 * comes from; a user of an external issuer, who has no local account, to its token subject
 * ({@code subject:<name>}, at most 200 characters kept).
 */
@Component
class ViewerCaller implements SignedInCaller {

	private static final int MAX_SUBJECT = 200;

	@Override
	public Optional<String> currentKey() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof ViewerAuthentication signedIn) || !signedIn.viewer().isSignedIn()) {
			return Optional.empty();
		}
		Viewer viewer = signedIn.viewer();
		if (viewer.accountId() != null) {
			return Optional.of("account:" + viewer.accountId().toHexString());
		}
		String subject = viewer.username();
		return Optional.of("subject:" + ((subject.length() > MAX_SUBJECT) ? subject.substring(0, MAX_SUBJECT) : subject));
	}

}
