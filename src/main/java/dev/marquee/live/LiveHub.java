package dev.marquee.live;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.marquee.changes.Change;
import dev.marquee.changes.ChangeFeed;
import dev.marquee.changes.ChangeLog;
import dev.marquee.event.Event;
import dev.marquee.event.EventService;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one follower of the change log on this node, fanned out in-process by edition. Each edition with
 * subscribers has a {@link Topic}; a change marks it, and at most once per {@code marquee.live.coalesce} the
 * topic reads the edition once and hands it, with the kinds of change since the last time, to every
 * subscriber, which checks what its viewer may see. Nothing is kept for editions without subscribers.
 */
@Component
class LiveHub implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

	private final ChangeFeed feed;

	private final ChangeLog changes;

	private final EventService events;

	private final long coalesceNanos;

	private final Map<ObjectId, Topic> topics = new ConcurrentHashMap<>();

	private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "live-hub");
		thread.setDaemon(true);
		return thread;
	});

	private volatile AutoCloseable following;

	LiveHub(ChangeFeed feed, ChangeLog changes, EventService events, LiveProperties properties) {
		this.feed = feed;
		this.changes = changes;
		this.events = events;
		this.coalesceNanos = properties.coalesce().toNanos();
	}

	/** What one subscription is told at most once per coalescing period. */
	interface Listener {

		/**
		 * @param event the edition as stored now (empty when it is gone)
		 * @param kinds what changed since the last call, each with the time of its latest change
		 */
		void changed(Optional<Event> event, Map<EventChangeKind, Instant> kinds);

	}

	/** Starts telling {@code listener} about changes to the edition; closing the handle stops it. */
	AutoCloseable listen(ObjectId eventId, Listener listener) {
		Topic topic = this.topics.compute(eventId, (id, existing) -> {
			Topic t = (existing != null) ? existing : new Topic(id);
			t.listeners.add(listener);
			return t;
		});
		return () -> this.topics.computeIfPresent(eventId, (id, t) -> {
			t.listeners.remove(listener);
			return t.listeners.isEmpty() ? null : t;
		});
	}

	/** Editions with subscribers on this node. */
	int topics() {
		return this.topics.size();
	}

	/** Subscriptions listening to this edition on this node. */
	int listeners(ObjectId eventId) {
		Topic topic = this.topics.get(eventId);
		return (topic != null) ? topic.listeners.size() : 0;
	}

	void dispatch(Change change) {
		if (change.eventId() == null) {
			return;
		}
		EventChangeKind kind = EventChangeKind.of(change.kind());
		Topic topic = this.topics.get(change.eventId());
		if (kind != null && topic != null) {
			topic.mark(kind, change.at());
		}
	}

	/** One edition with subscribers: the kinds changed since its last delivery and when it may deliver next. */
	private final class Topic {

		private final ObjectId eventId;

		private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();

		private final Map<EventChangeKind, Instant> pending = new EnumMap<>(EventChangeKind.class);

		private boolean scheduled;

		private long lastDelivery = System.nanoTime() - LiveHub.this.coalesceNanos;

		Topic(ObjectId eventId) {
			this.eventId = eventId;
		}

		synchronized void mark(EventChangeKind kind, Instant at) {
			this.pending.merge(kind, at, (a, b) -> a.isAfter(b) ? a : b);
			if (!this.scheduled) {
				this.scheduled = true;
				long wait = Math.max(0, this.lastDelivery + LiveHub.this.coalesceNanos - System.nanoTime());
				LiveHub.this.ticks.schedule(this::deliver, wait, TimeUnit.NANOSECONDS);
			}
		}

		private void deliver() {
			Map<EventChangeKind, Instant> kinds;
			synchronized (this) {
				kinds = new EnumMap<>(this.pending);
				this.pending.clear();
				this.scheduled = false;
				this.lastDelivery = System.nanoTime();
			}
			try {
				Optional<Event> event = LiveHub.this.events.byIdForEveryViewer(this.eventId);
				for (Listener listener : this.listeners) {
					listener.changed(event, kinds);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Live updates of edition {} not delivered", this.eventId, ex);
			}
		}

	}

	@Override
	public void start() {
		this.following = this.feed.follow(this.changes.version(), this::dispatch);
	}

	@Override
	public void stop() {
		AutoCloseable handle = this.following;
		this.following = null;
		if (handle != null) {
			try {
				handle.close();
			}
			catch (Exception ex) {
				log.debug("Change feed did not close cleanly", ex);
			}
		}
		this.ticks.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.following != null;
	}

}
