package dev.marquee.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.marquee.attendance.AttendanceAnalytics;
import dev.marquee.attendance.AttendanceSummary;
import dev.marquee.event.Event;
import dev.marquee.event.EventService;
import dev.marquee.live.LiveRefusal.Reason;
import dev.marquee.security.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.FluxSink.OverflowStrategy;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * The subscriptions' streams. Each checks the edition as {@code event(slug:)} would for the same viewer, takes
 * one of the client's subscription slots, and listens to the edition on {@link LiveHub}; at every delivery it
 * checks again that the viewer may see the edition (a subscription to an edition that becomes hidden ends
 * with NOT_FOUND). Over SSE the stream also takes the client's slot and ends when its token expires; over
 * WebSocket the socket does both for each of its subscribers, and one stream may serve many of them
 * ({@link SharedSubscriptions}), so the stream gets no client and no expiry. What waits for the transport is
 * bounded: the latest counters only for {@code attendanceChanged}, {@code marquee.live.max-queued-events}
 * changes for {@code eventChanged}. Streams run on Reactor's bounded-elastic workers, so that a transport
 * that blocks (SSE) never holds the hub.
 * <p>
 * When the node stops, every stream ends with SHUTTING_DOWN (and a subscribe from then on is refused so), before
 * the web server's graceful shutdown: that waits for the requests in progress, and an SSE stream is one that
 * never ends by itself, so the node waited the whole shutdown phase (30 s) for each stream still open, even one
 * whose client had gone (a closed connection shows only at the next write). The sockets close first, with 1001
 * ({@link LiveSocketHandler}, which depends on this service, so Spring stops it first).
 */
@Service
class LiveService implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LiveService.class);

	private final LiveHub hub;

	private final EventService events;

	private final AttendanceAnalytics analytics;

	private final ClientSlots subscriptions;

	private final int maxQueuedEvents;

	/** Empty until the node stops: then every stream ends. */
	private volatile Sinks.Empty<Void> stopping = Sinks.empty();

	private volatile boolean running;

	LiveService(LiveHub hub, EventService events, AttendanceAnalytics analytics, LiveProperties properties) {
		this.hub = hub;
		this.events = events;
		this.analytics = analytics;
		this.subscriptions = new ClientSlots(properties.maxSubscriptionsPerClient());
		this.maxQueuedEvents = properties.maxQueuedEvents();
	}

	/** The counters at once, then whenever they differ from the last sent (at most once per coalescing period). */
	Flux<AttendanceSummary> attendance(String slug, Viewer viewer, String client, Instant tokenExpires) {
		return follow(slug, viewer, client, tokenExpires, OverflowStrategy.LATEST, () -> {
			AtomicReference<AttendanceSummary> last = new AtomicReference<>();
			return new Stream<AttendanceSummary>() {

				@Override
				public List<AttendanceSummary> first(Event event) {
					return next(event, Map.of());
				}

				@Override
				public List<AttendanceSummary> next(Event event, Map<EventChangeKind, Instant> kinds) {
					AttendanceSummary summary = LiveService.this.analytics.summary(event, viewer);
					return summary.equals(last.getAndSet(summary)) ? List.of() : List.of(summary);
				}

			};
		});
	}

	/** One {@link EventChange} for each kind of change since the last delivery. */
	Flux<EventChange> changes(String slug, Viewer viewer, String client, Instant tokenExpires) {
		Flux<EventChange> changes = follow(slug, viewer, client, tokenExpires, OverflowStrategy.BUFFER,
				() -> new Stream<EventChange>() {

					@Override
					public List<EventChange> first(Event event) {
						return List.of();
					}

					@Override
					public List<EventChange> next(Event event, Map<EventChangeKind, Instant> kinds) {
						List<EventChange> changes = new ArrayList<>(kinds.size());
						kinds.forEach((kind, at) -> changes.add(new EventChange(event, kind, at)));
						return changes;
					}

				});
		return changes;
	}

	/** What one subscription sends: at its start, and at each delivery of its edition. */
	private interface Stream<T> {

		List<T> first(Event event);

		List<T> next(Event event, Map<EventChangeKind, Instant> kinds);

	}

	private <T> Flux<T> follow(String slug, Viewer viewer, String client, Instant tokenExpires,
			OverflowStrategy overflow, Supplier<Stream<T>> streams) {
		Flux<T> flux = Flux.<T>create((sink) -> {
			Optional<Event> found = this.events.bySlug(slug, viewer);
			if (found.isEmpty()) {
				sink.error(LiveRefusal.notFound(slug));
				return;
			}
			// a socket takes its subscribers' slots itself (LiveSocketHandler): client is null then
			AutoCloseable slot = (client != null) ? subscriptionSlot(client) : () -> {
			};
			if (slot == null) {
				sink.error(tooManySubscriptions());
				return;
			}
			Stream<T> stream = streams.get();
			AutoCloseable listening = this.hub.listen(found.get().id(), (event, kinds) -> {
				if (event.isEmpty() || !this.events.visibleTo(event.get(), viewer)) {
					sink.error(LiveRefusal.notFound(slug));
					return;
				}
				emit(sink, stream.next(event.get(), kinds));
			});
			sink.onDispose(() -> {
				close(listening);
				close(slot);
			});
			// read again after listening, so that no change between the two reads goes unsent
			this.events.byIdForEveryViewer(found.get().id())
				.filter((event) -> this.events.visibleTo(event, viewer))
				.ifPresent((event) -> emit(sink, stream.first(event)));
		}, overflow);
		if (overflow == OverflowStrategy.BUFFER) {
			flux = flux.onBackpressureBuffer(this.maxQueuedEvents, BufferOverflowStrategy.ERROR)
				.onErrorMap(Exceptions::isOverflow, (ex) -> new LiveRefusal(Reason.TOO_SLOW, "More than "
						+ this.maxQueuedEvents + " changes waited to be sent; the subscription was ended. Subscribe again."));
		}
		flux = flux.publishOn(Schedulers.boundedElastic(), 1)
			.takeUntilOther(this.stopping.asMono())
			.concatWith(Mono.error(() -> new LiveRefusal(Reason.SHUTTING_DOWN,
					"This server is shutting down; subscribe again and another server answers.")));
		if (tokenExpires != null) {
			Duration left = Duration.between(Instant.now(), tokenExpires);
			flux = flux.takeUntilOther(Mono.delay(left.isNegative() ? Duration.ZERO : left))
				.concatWith(Mono.error(() -> new LiveRefusal(Reason.TOKEN_EXPIRED,
						"Your token expired; sign in again and subscribe with the new token.")));
		}
		return flux;
	}

	private static <T> void emit(FluxSink<T> sink, List<T> items) {
		for (T item : items) {
			sink.next(item);
		}
	}

	private static void close(AutoCloseable handle) {
		try {
			handle.close();
		}
		catch (Exception ex) {
			log.debug("Could not release a live subscription's resource", ex);
		}
	}

	/** One of the client's subscription slots on this node, released by closing it; null when it holds them all. */
	AutoCloseable subscriptionSlot(String client) {
		return this.subscriptions.acquire(client);
	}

	LiveRefusal tooManySubscriptions() {
		return new LiveRefusal(Reason.TOO_MANY_SUBSCRIPTIONS,
				"At most " + this.subscriptions.max() + " subscriptions per client on this server; end one first.");
	}

	/** Running subscriptions on this node, over every transport. */
	int running() {
		return this.subscriptions.total();
	}

	@Override
	public void start() {
		this.stopping = Sinks.empty();
		this.running = true;
	}

	/** Ends every stream (and every one started from now on) with SHUTTING_DOWN. */
	@Override
	public void stop() {
		this.running = false;
		this.stopping.tryEmitEmpty();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
