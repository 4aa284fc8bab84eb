package dev.marquee.security;

import graphql.GraphQLContext;
import org.dataloader.BatchLoaderEnvironment;

/** Finds the current {@link Viewer} where a controller parameter cannot be used: inside DataLoaders. */
public final class Viewers {

	private Viewers() {
	}

	public static Viewer of(BatchLoaderEnvironment env) {
		return (env.getContext() instanceof GraphQLContext context) ? ViewerInterceptor.of(context) : Viewer.ANONYMOUS;
	}

}
