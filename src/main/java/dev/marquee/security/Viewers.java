package dev.marquee.security;

import graphql.GraphQLContext;
import org.dataloader.BatchLoaderEnvironment;

import org.springframework.security.core.Authentication;

/**
 * Finds the {@link Viewer} where a controller parameter cannot be used: inside DataLoaders, and from an
 * authentication (a request's, or a WebSocket's {@code connection_init} token).
 */
public final class Viewers {

	private Viewers() {
	}

	/** The viewer of a validated token's authentication; anonymous without one. */
	public static Viewer of(Authentication authentication) {
		return (authentication instanceof ViewerAuthentication va) ? va.viewer() : Viewer.ANONYMOUS;
	}

	public static Viewer of(BatchLoaderEnvironment env) {
		return (env.getContext() instanceof GraphQLContext context) ? ViewerInterceptor.of(context) : Viewer.ANONYMOUS;
	}

}
