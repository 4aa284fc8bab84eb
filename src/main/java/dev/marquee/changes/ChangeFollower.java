package dev.marquee.changes;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The node's one follower of the log. One thread reads new entries every poll interval (one query per
 * interval whatever the number of listeners), puts them in seq order ({@link Sequencer}) and hands them
 * to every listener's own bounded queue; a small pool of dispatch threads calls each listener from its
 * queue, one call at a time per listener. A listener whose queue fills (it is slower than the log) is
 * not dropped and holds no more memory: its queue is emptied and it catches up from the database
 * ({@link ChangeStore#after}) until it reaches the follower, then takes entries from memory again. A slow
 * listener so delays only itself; a listener that blocks for good holds one dispatch thread.
 */
@Component
class ChangeFollower implements ChangeFeed, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ChangeFollower.class);

	/** Entries a dispatch thread hands one listener before it lets the next listener have the thread. */
	private static final int DISPATCH_BATCH = 256;

	/** How long closing a listener waits for a call of it in progress to return. */
	private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(10);

	private final ChangeStore store;

	private final ChangeProperties properties;

	private final ChangeSources sources;

	private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

	private final Counter delivered;

	private final Counter skipped;

	private ScheduledExecutorService poller;

	private ExecutorService dispatch;

	private ChangeSource source;

	private Sequencer sequencer;

	/** Everything up to here has been handed to the listeners' queues (or skipped as a gap). */
	private volatile long position;

	private volatile boolean running;

	ChangeFollower(ChangeStore store, ChangeProperties properties, ChangeSources sources,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<ChangeLog> changeLog) {
		this.store = store;
		this.properties = properties;
		this.sources = sources;
		MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
		this.delivered = Counter.builder("marquee.changes.followed")
			.description("Entries of the change log this node's follower has read, in seq order")
			.register(registry);
		this.skipped = Counter.builder("marquee.changes.skipped")
			.description("Seqs given up on after the gap grace (a writer died between counter and insert)")
			.register(registry);
		Supplier<Number> lag = () -> this.running ? Math.max(0, changeLog.getObject().version() - this.position) : 0;
		Gauge.builder("marquee.changes.lag", lag).description("Seqs handed out that this node's follower is behind")
			.register(registry);
		Gauge.builder("marquee.changes.listeners", this.subscriptions::size)
			.description("Listeners following the change log on this node")
			.register(registry);
	}

	@Override
	public AutoCloseable follow(long afterSeq, Consumer<Change> listener) {
		Subscription subscription = new Subscription(afterSeq, listener);
		this.subscriptions.add(subscription);
		subscription.start();
		return subscription;
	}

	@Override
	public List<Change> after(long afterSeq, int limit) {
		return this.store.after(afterSeq, limit);
	}

	/** The follower's position: every seq up to it has been read (or skipped). */
	long position() {
		return this.position;
	}

	@Override
	public void start() {
		this.position = this.store.newestStored();
		this.sequencer = new Sequencer(this.position, this.properties.gapGrace());
		this.source = this.sources.open(this.position);
		AtomicInteger threads = new AtomicInteger();
		this.dispatch = Executors.newFixedThreadPool(Math.max(1, this.properties.dispatchThreads()), (task) -> {
			Thread thread = new Thread(task, "changes-dispatch-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.poller = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "changes-follower");
			thread.setDaemon(true);
			return thread;
		});
		this.running = true;
		long interval = this.properties.pollInterval().toMillis();
		this.poller.scheduleWithFixedDelay(this::poll, 0, interval, TimeUnit.MILLISECONDS);
		log.info("Following the change log from seq {} ({}, every {} ms)", this.position, this.source, interval);
	}

	/** One round: read, order, hand on. Runs on the follower's one thread. */
	void poll() {
		try {
			List<Change> read = this.source.read(this.sequencer.position(), this.properties.batchSize());
			long skippedBefore = this.sequencer.skipped();
			List<Change> ready = this.sequencer.accept(read, Instant.now());
			long skippedNow = this.sequencer.skipped() - skippedBefore;
			if (skippedNow > 0) {
				log.warn("Skipped {} seq(s) of the change log missing for {} (up to {})", skippedNow,
						this.properties.gapGrace(), this.sequencer.position());
				this.skipped.increment(skippedNow);
			}
			this.position = this.sequencer.position();
			if (!ready.isEmpty()) {
				this.delivered.increment(ready.size());
				for (Subscription subscription : this.subscriptions) {
					subscription.offer(ready);
				}
			}
			else if (skippedNow > 0) {
				for (Subscription subscription : this.subscriptions) {
					subscription.offer(List.of());
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Reading the change log failed; trying again in {}", this.properties.pollInterval(), ex);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.poller != null) {
			this.poller.shutdownNow();
			this.dispatch.shutdownNow();
			this.source.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** One listener: its own queue, drained by one dispatch thread at a time. */
	private final class Subscription implements AutoCloseable {

		private final Consumer<Change> listener;

		private final ArrayDeque<Change> queue = new ArrayDeque<>();

		/** The last seq handed to the listener (or at or below which it asked for nothing). */
		private long delivered;

		/** True while the listener reads from the database instead of its queue. */
		private boolean catchingUp;

		private boolean scheduled;

		/** The dispatch thread calling the listener now, if any. */
		private Thread draining;

		private volatile boolean closed;

		Subscription(long afterSeq, Consumer<Change> listener) {
			this.listener = listener;
			this.delivered = afterSeq;
		}

		/** Catches up from the database first when it asked for entries the follower is past. */
		synchronized void start() {
			if (this.delivered < ChangeFollower.this.position) {
				this.queue.clear();
				this.catchingUp = true;
				schedule();
			}
		}

		/** From the follower's thread: never waits for the listener. */
		synchronized void offer(List<Change> ready) {
			if (this.closed) {
				return;
			}
			if (!this.catchingUp) {
				long last = this.queue.isEmpty() ? this.delivered : this.queue.peekLast().seq();
				for (Change change : ready) {
					if (change.seq() > last) {
						this.queue.add(change);
						last = change.seq();
					}
				}
				if (this.queue.size() > ChangeFollower.this.properties.listenerBuffer()) {
					this.queue.clear();
					this.catchingUp = true;
				}
			}
			if (!this.queue.isEmpty() || this.catchingUp) {
				schedule();
			}
		}

		private void schedule() {
			if (!this.scheduled && !this.closed) {
				this.scheduled = true;
				try {
					ChangeFollower.this.dispatch.execute(this::drain);
				}
				catch (java.util.concurrent.RejectedExecutionException ex) {
					this.scheduled = false;
				}
			}
		}

		/** On a dispatch thread: hands the listener a batch, then lets the next listener have the thread. */
		private void drain() {
			synchronized (this) {
				if (this.closed) {
					return;
				}
				this.draining = Thread.currentThread();
			}
			try {
				for (Change change : next()) {
					if (this.closed) {
						return;
					}
					synchronized (this) {
						if (change.seq() <= this.delivered) {
							continue;
						}
					}
					try {
						this.listener.accept(change);
					}
					catch (RuntimeException ex) {
						log.warn("A change-log listener failed on seq {}", change.seq(), ex);
					}
					synchronized (this) {
						this.delivered = Math.max(this.delivered, change.seq());
					}
				}
			}
			catch (RuntimeException ex) {
				// the next entry the follower reads schedules this listener again
				log.warn("Catching a change-log listener up from seq {} failed", this.delivered, ex);
			}
			finally {
				synchronized (this) {
					this.draining = null;
					this.scheduled = false;
					notifyAll();
					if (this.catchingUp && this.delivered >= ChangeFollower.this.position) {
						this.catchingUp = false;
					}
					if (!this.queue.isEmpty() || this.catchingUp) {
						schedule();
					}
				}
			}
		}

		private List<Change> next() {
			long from;
			synchronized (this) {
				if (!this.catchingUp) {
					List<Change> batch = new ArrayList<>(Math.min(this.queue.size(), DISPATCH_BATCH));
					while (!this.queue.isEmpty() && batch.size() < DISPATCH_BATCH) {
						batch.add(this.queue.poll());
					}
					return batch;
				}
				from = this.delivered;
			}
			long upTo = ChangeFollower.this.position;
			List<Change> batch = new ArrayList<>();
			for (Change change : ChangeFollower.this.store.after(from, DISPATCH_BATCH)) {
				if (change.seq() > upTo) {
					break;
				}
				batch.add(change);
			}
			if (batch.isEmpty()) {
				synchronized (this) {
					// nothing stored between here and the follower: a purged or skipped range
					this.delivered = Math.max(this.delivered, upTo);
				}
			}
			return batch;
		}

		/**
		 * Stops the calls: when it returns, the listener is not being called and will not be again (unless
		 * a call is still running after {@link #CLOSE_WAIT}, or close is called from the listener itself).
		 */
		@Override
		public void close() {
			this.closed = true;
			ChangeFollower.this.subscriptions.remove(this);
			synchronized (this) {
				this.queue.clear();
				long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
				while (this.draining != null && this.draining != Thread.currentThread()) {
					long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
					if (left <= 0) {
						break;
					}
					try {
						wait(left);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						break;
					}
				}
			}
		}

	}

}
