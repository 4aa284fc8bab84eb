package dev.marquee.live;

import java.time.Instant;

import dev.marquee.attendance.AttendanceSummary;
import dev.marquee.security.Viewer;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import reactor.core.publisher.Flux;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * The subscriptions of graphql-schema/live.graphqls, over WebSocket and SSE alike.
 * <p>
 * A subscription is one execution for its whole life, with one set of DataLoaders, and a DataLoader caches
 * what it loaded: the second change of an edition was answered with the sessions loaded for the first. So
 * every item clears the loaders' caches before graphql-java resolves its fields; what is loaded after that
 * is read after the change the item tells of (an execution of the item before, still running, may then share
 * a newer value, never an older one).
 */
@Controller
class LiveController {

	private final LiveService live;

	LiveController(LiveService live) {
		this.live = live;
	}

	@SubscriptionMapping
	Flux<AttendanceSummary> attendanceChanged(@Argument String eventSlug, @ContextValue Viewer viewer,
			@ContextValue(name = LiveContext.CLIENT, required = false) String client,
			@ContextValue(name = LiveContext.TOKEN_EXPIRES, required = false) Instant tokenExpires,
			DataFetchingEnvironment environment) {
		return fresh(this.live.attendance(eventSlug, viewer, client, tokenExpires), environment);
	}

	@SubscriptionMapping
	Flux<EventChange> eventChanged(@Argument String eventSlug, @ContextValue Viewer viewer,
			@ContextValue(name = LiveContext.CLIENT, required = false) String client,
			@ContextValue(name = LiveContext.TOKEN_EXPIRES, required = false) Instant tokenExpires,
			DataFetchingEnvironment environment) {
		return fresh(this.live.changes(eventSlug, viewer, client, tokenExpires), environment);
	}

	private static <T> Flux<T> fresh(Flux<T> items, DataFetchingEnvironment environment) {
		DataLoaderRegistry loaders = environment.getDataLoaderRegistry();
		return items.doOnNext((item) -> loaders.getDataLoaders().forEach(DataLoader::clearAll));
	}

}
