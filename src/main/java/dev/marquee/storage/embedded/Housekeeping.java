package dev.marquee.storage.embedded;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a store's file compact in small steps between commands, in place of H2's background writer
 * (which durable stores run without, since it commits and compacts whenever it likes, also in the middle
 * of a command, and holds the store while it compacts a fragmented file). Every {@link #PERIOD} one step,
 * only when the file needs it: the live pages of the emptiest chunks, up to a budget, are written anew
 * (so their old chunks can be freed and their space reused), and chunks, at most {@link #MOVE_BYTES} (a
 * sequential copy), are moved towards the start of a file that is mostly free space (so it can shrink); then the step commits.
 * A step runs {@link GroupCommit#betweenCommands between commands}, so writes wait for at most one step,
 * never for a whole compaction. The time a rewrite takes depends less on its bytes than on how many
 * sparse chunks it reads them from, so the budget adapts: it starts at {@link #MIN_REWRITE_BYTES},
 * halves after a step longer than {@link #LONG_STEP} and doubles (up to {@link #MAX_REWRITE_BYTES})
 * after a step shorter than a quarter of it (under steady writes a step rarely raises the fill rate, and
 * a budget that only grew then would stay too small to keep up).
 */
final class Housekeeping implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

	static final Duration PERIOD = Duration.ofSeconds(1);

	/** Below this share of live data in the chunks, their live pages are rewritten. */
	static final int CHUNKS_FILL_RATE = 80;

	/** Below this share of the file in use, chunks are moved towards its start. */
	static final int FILE_FILL_RATE = 70;

	static final int MIN_REWRITE_BYTES = 16 * 1024;

	static final int MAX_REWRITE_BYTES = 4 * 1024 * 1024;

	static final int MOVE_BYTES = 4 * 1024 * 1024;

	static final Duration LONG_STEP = Duration.ofMillis(100);

	private final MVStore store;

	private final GroupCommit commits;

	private final ScheduledExecutorService timer;

	/** The store's version when the last step ended, and whether that step made the file smaller or fuller. */
	private long versionAfterLastStep = -1;

	private boolean lastStepHelped = true;

	private int rewriteBytes = MIN_REWRITE_BYTES;

	private Housekeeping(MVStore store, GroupCommit commits, ScheduledExecutorService timer) {
		this.store = store;
		this.commits = commits;
		this.timer = timer;
	}

	/** Housekeeping for this store, by steps on a thread of its own until {@link #close()}. */
	static Housekeeping start(MVStore store, GroupCommit commits) {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "marquee-store-housekeeping");
			thread.setDaemon(true);
			return thread;
		});
		Housekeeping housekeeping = new Housekeeping(store, commits, timer);
		timer.scheduleWithFixedDelay(housekeeping::scheduledStep, PERIOD.toMillis(), PERIOD.toMillis(),
				TimeUnit.MILLISECONDS);
		return housekeeping;
	}

	/** Housekeeping without a thread: steps only when {@link #step()} is called (for tests). */
	static Housekeeping manual(MVStore store, GroupCommit commits) {
		return new Housekeeping(store, commits, null);
	}

	private void scheduledStep() {
		try {
			step();
		}
		catch (RuntimeException ex) {
			// the next step tries again; a store that cannot write fails its writers loudly anyway
			log.warn("Housekeeping of the embedded data file failed: {}", ex.toString());
		}
	}

	/**
	 * One bounded step, between commands, if the file needs it and it may help: not again on a store
	 * nobody wrote to since a step that did not help (so an idle store is left alone); whether it ran.
	 */
	boolean step() {
		if (this.store.isClosed() || !(needsRewrite() || needsMove())
				|| (this.store.getCurrentVersion() == this.versionAfterLastStep && !this.lastStepHelped)) {
			return false;
		}
		long started = System.nanoTime();
		FileStore<?> file = this.store.getFileStore();
		long sizeBefore = file.size();
		int chunksFillRateBefore = file.getChunksFillRate();
		this.commits.betweenCommands(() -> {
			if (this.store.isClosed()) {
				return;
			}
			if (needsRewrite()) {
				this.store.compact(CHUNKS_FILL_RATE, this.rewriteBytes);
			}
			if (needsMove() && this.store.getFileStore() instanceof RandomAccessStore randomAccess) {
				randomAccess.compactMoveChunks(FILE_FILL_RATE, MOVE_BYTES, this.store);
			}
			this.store.commit();
		});
		this.lastStepHelped = file.size() < sizeBefore || file.getChunksFillRate() > chunksFillRateBefore;
		this.versionAfterLastStep = this.store.getCurrentVersion();
		long took = System.nanoTime() - started;
		int budget = this.rewriteBytes;
		if (took > LONG_STEP.toNanos()) {
			this.rewriteBytes = Math.max(MIN_REWRITE_BYTES, budget / 2);
		}
		else if (took < LONG_STEP.toNanos() / 4) {
			this.rewriteBytes = Math.min(MAX_REWRITE_BYTES, budget * 2);
		}
		if (log.isDebugEnabled()) {
			log.debug("Housekeeping step took {} ms with a budget of {} KB: chunks {}% live, file {}% used, {} KB",
					took / 1_000_000, budget / 1024, file.getChunksFillRate(), file.getFillRate(), file.size() / 1024);
		}
		return true;
	}

	private boolean needsRewrite() {
		return this.store.getFileStore().getChunksFillRate() < CHUNKS_FILL_RATE;
	}

	private boolean needsMove() {
		return this.store.getFileStore().getFillRate() < FILE_FILL_RATE;
	}

	/** Stops the steps, after waiting for a running one (not interrupting it: that would close the file). */
	@Override
	public void close() {
		if (this.timer == null) {
			return;
		}
		this.timer.shutdown();
		try {
			if (!this.timer.awaitTermination(30, TimeUnit.SECONDS)) {
				log.warn("Housekeeping of the embedded data file did not end within 30 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
