package dev.marquee.storage.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commits and housekeeping happen only between commands: a command that has written half of what it
 * writes (a document, not yet its index entry) is never committed in that state, however the commit
 * comes (another writer's group commit, a housekeeping step); and housekeeping keeps the file compact.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupCommitTest {

	@TempDir
	Path dir;

	private MVStore store;

	private GroupCommit commits;

	private ExecutorService threads;

	@BeforeEach
	void open() {
		this.store = new MVStore.Builder().fileName(this.dir.resolve("store.mv").toString())
			.autoCommitDisabled()
			.autoCommitBufferSize(0)
			.open();
		this.commits = new GroupCommit(this.store, false);
		this.threads = Executors.newCachedThreadPool();
	}

	@AfterEach
	void close() {
		this.threads.shutdownNow();
		this.store.closeImmediately();
	}

	@Test
	void anotherWritersCommitWaitsForACommandHalfDone() throws Exception {
		MVMap<String, String> documents = this.store.openMap("documents");
		MVMap<String, String> index = this.store.openMap("index");
		this.commits.duringCommand(() -> documents.put("before", "x"));
		this.commits.awaitDurable();
		long committed = this.store.getCurrentVersion();

		HalfDone command = new HalfDone(() -> documents.put("a", "doc"), () -> index.put("doc", "a"));
		command.startAndWaitHalfWay();
		Thread otherWriter = new Thread(this.commits::awaitDurable, "other-writer");
		otherWriter.start();
		awaitParkedOrEnded(otherWriter);

		assertThat(otherWriter.isAlive()).as("the other writer's commit waits for the command").isTrue();
		assertThat(this.store.getCurrentVersion()).as("nothing committed meanwhile").isEqualTo(committed);

		command.finish();
		otherWriter.join();
		assertThat(this.store.hasUnsavedChanges()).as("the commit came after the whole command").isFalse();
		assertThat(index.get("doc")).isEqualTo("a");
	}

	@Test
	void aHousekeepingStepWaitsForACommandHalfDone() throws Exception {
		MVMap<String, String> documents = fragmented();
		Housekeeping housekeeping = Housekeeping.manual(this.store, this.commits);
		long committed = this.store.getCurrentVersion();

		HalfDone command = new HalfDone(() -> documents.put("a", "doc"), () -> documents.put("a-index", "a"));
		command.startAndWaitHalfWay();
		boolean[] stepped = new boolean[1];
		Thread stepping = new Thread(() -> stepped[0] = housekeeping.step(), "housekeeping-step");
		stepping.start();
		awaitParkedOrEnded(stepping);

		assertThat(stepping.isAlive()).as("the housekeeping step waits for the command").isTrue();
		assertThat(this.store.getCurrentVersion()).as("nothing committed meanwhile").isEqualTo(committed);

		command.finish();
		stepping.join();
		assertThat(stepped[0]).as("the step had work to do").isTrue();
		assertThat(this.store.hasUnsavedChanges()).as("the step committed after the whole command").isFalse();
	}

	@Test
	void housekeepingStepsShrinkAFragmentedFileWhileWritesGoOn() {
		fragmented();
		Housekeeping housekeeping = Housekeeping.manual(this.store, this.commits);
		long before = this.store.getFileStore().size();
		MVMap<String, String> other = this.store.openMap("other");

		for (int step = 0; step < 60; step++) {
			housekeeping.step();
			assertThat(this.store.hasUnsavedChanges()).as("a step commits what it rewrote").isFalse();
			int n = step;
			this.commits.duringCommand(() -> other.put("n", Integer.toString(n)));
			this.commits.awaitDurable();
		}

		assertThat(this.store.getFileStore().size()).as("file size after, from %d bytes", before)
			.isLessThan(before / 4);
	}

	@Test
	void housekeepingLeavesAnIdleStoreAlone() {
		fragmented();
		Housekeeping housekeeping = Housekeeping.manual(this.store, this.commits);
		int steps = 0;
		while (housekeeping.step()) {
			steps++;
			assertThat(steps).as("steps without a write in between").isLessThan(1000);
		}
		long version = this.store.getCurrentVersion();

		assertThat(housekeeping.step()).isFalse();
		assertThat(this.store.getCurrentVersion()).as("no commit of its own on an idle store").isEqualTo(version);
	}

	/**
	 * A map written by many small commits, most of it overwritten since, so that most chunks hold little
	 * live data, with old chunks free to rewrite at once.
	 */
	private MVMap<String, String> fragmented() {
		this.store.setRetentionTime(0);
		MVMap<String, String> documents = this.store.openMap("documents");
		String value = "x".repeat(1000);
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 2000; i++) {
				int key = i;
				this.commits.duringCommand(() -> documents.put("k" + key, value));
				if (i % 10 == 0) {
					this.commits.awaitDurable();
				}
			}
		}
		for (int i = 0; i < 2000; i++) {
			if (i % 10 != 0) {
				documents.remove("k" + i);
			}
		}
		this.commits.awaitDurable();
		return documents;
	}

	/** Waits until the thread waits for a lock (or has ended); the test's timeout bounds it. */
	private static void awaitParkedOrEnded(Thread thread) {
		while (true) {
			Thread.State state = thread.getState();
			if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
					|| state == Thread.State.TERMINATED) {
				return;
			}
			Thread.onSpinWait();
		}
	}

	/** A command that writes its first half, then waits to be told to write the second. */
	private final class HalfDone {

		private final Runnable first;

		private final Runnable second;

		private final CountDownLatch halfWay = new CountDownLatch(1);

		private final CountDownLatch proceed = new CountDownLatch(1);

		private Future<?> running;

		HalfDone(Runnable first, Runnable second) {
			this.first = first;
			this.second = second;
		}

		void startAndWaitHalfWay() throws InterruptedException {
			this.running = GroupCommitTest.this.threads.submit(() -> {
				GroupCommitTest.this.commits.duringCommand(() -> {
					this.first.run();
					this.halfWay.countDown();
					try {
						this.proceed.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					this.second.run();
					return null;
				});
				GroupCommitTest.this.commits.awaitDurable();
				return null;
			});
			this.halfWay.await();
		}

		void finish() throws Exception {
			this.proceed.countDown();
			this.running.get();
		}

	}

}
