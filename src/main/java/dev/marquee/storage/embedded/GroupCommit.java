package dev.marquee.storage.embedded;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.exception.MongoServerException;
import org.h2.mvstore.MVStore;

/**
 * Makes writes durable by group commit, and commits only between commands. A command that may write
 * runs under a shared lock ({@link #duringCommand}), so any number of them run at once; a commit takes
 * the lock exclusively ({@link #betweenCommands}), so it waits for the running commands to finish and
 * never stores half of one (the server writes a document, then each of its index entries, as separate
 * map writes). A writer whose command has changed the store takes a ticket and waits until a commit
 * that started after its ticket has ended. The first writer to find no commit running commits for
 * everyone holding a ticket when the commit starts; the writers arriving while it commits wait and
 * share the next commit, so under load one commit (and one sync) serves many writes.
 */
final class GroupCommit {

	private final MVStore store;

	private final boolean sync;

	/** Shared by the commands that may write, exclusive for whatever must see none of them half done. */
	private final ReentrantReadWriteLock commands = new ReentrantReadWriteLock();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition commitEnded = this.lock.newCondition();

	/** Tickets handed out: writers whose changes are in the store's maps. */
	private long taken;

	/** The highest ticket a finished commit covers. */
	private long durable;

	private boolean committing;

	GroupCommit(MVStore store, boolean sync) {
		this.store = store;
		this.sync = sync;
	}

	/** Runs a command that may write: alongside other commands, never while a commit runs. */
	<T> T duringCommand(Supplier<T> command) {
		Lock shared = this.commands.readLock();
		shared.lock();
		try {
			return command.get();
		}
		finally {
			shared.unlock();
		}
	}

	/**
	 * Runs this between commands: once the running commands have finished, holding new ones back until it
	 * is done. Not from within {@link #duringCommand} (it would wait for itself).
	 */
	void betweenCommands(Runnable work) {
		if (this.commands.getReadHoldCount() > 0) {
			throw new IllegalStateException("Cannot wait for the end of the commands from within one");
		}
		Lock exclusive = this.commands.writeLock();
		exclusive.lock();
		try {
			work.run();
		}
		finally {
			exclusive.unlock();
		}
	}

	/**
	 * Returns once every change the calling thread made to the store before the call is in the file
	 * (and, when syncing, on the disk); throws when the store cannot commit (the change stays applied in
	 * memory, but the writer is told it is not durable). Called after the command, not within it.
	 */
	void awaitDurable() {
		this.lock.lock();
		try {
			long ticket = ++this.taken;
			while (this.durable < ticket) {
				if (this.committing) {
					this.commitEnded.awaitUninterruptibly();
					continue;
				}
				this.committing = true;
				long[] covered = { ticket };
				boolean committed = false;
				this.lock.unlock();
				try {
					betweenCommands(() -> {
						// every ticket taken by now belongs to a command that has finished
						covered[0] = takenSoFar();
						commitAndSync();
					});
					committed = true;
				}
				finally {
					this.lock.lock();
					this.committing = false;
					if (committed) {
						this.durable = Math.max(this.durable, covered[0]);
					}
					this.commitEnded.signalAll();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private long takenSoFar() {
		this.lock.lock();
		try {
			return this.taken;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void commitAndSync() {
		try {
			if (this.store.commit() < 0 && this.store.getAutoCommitDelay() > 0) {
				// nothing left to store: a background writer took these changes, and may still be
				// writing them on its own threads; this returns once its pending writes are in the file
				this.store.executeFilestoreOperation(() -> {
				});
			}
			if (this.sync) {
				this.store.sync();
			}
		}
		catch (RuntimeException ex) {
			throw new MongoServerException(
					"The write was applied but could not be committed to the data file: " + ex.getMessage(), ex);
		}
	}

}
