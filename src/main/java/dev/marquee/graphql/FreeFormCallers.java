package dev.marquee.graphql;

/**
 * Whether the caller of the current request may send documents of its own when only trusted documents are
 * run ({@code marquee.graphql.persisted-only}); implemented where the viewer is known (security/, which asks
 * its AccessPolicy).
 */
public interface FreeFormCallers {

	/** Whether the current request's caller may run any document, not only those of the manifest. */
	boolean currentMayRunAnyDocument();

}
