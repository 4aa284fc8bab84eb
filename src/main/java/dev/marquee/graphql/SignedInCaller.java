package dev.marquee.graphql;

import java.util.Optional;

/**
 * Who spends a cost budget when the request is signed in ({@link CostBudget}): implemented where the viewer is
 * known ({@code security/}), read on the request's thread.
 */
public interface SignedInCaller {

	/** The budget key of the current request's signed-in caller (its account), or empty for an anonymous one. */
	Optional<String> currentKey();

}
