package dev.marquee.security;

import dev.marquee.graphql.FreeFormCallers;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The caller of the current request, from its validated token, asked of {@link AccessPolicy#mayRunAnyDocument}. */
@Component
class FreeFormDocuments implements FreeFormCallers {

	private final AccessPolicy policy;

	FreeFormDocuments(AccessPolicy policy) {
		this.policy = policy;
	}

	@Override
	public boolean currentMayRunAnyDocument() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Viewer viewer = Viewers.of(authentication);
		return this.policy.mayRunAnyDocument(viewer);
	}

}
