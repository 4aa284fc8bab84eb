package dev.marquee.storage.embedded;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import de.bwaldvogel.mongo.exception.MongoServerException;
import org.h2.mvstore.MVStore;

/**
 * Makes writes durable by group commit: a writer whose command has changed the store takes a ticket
 * and waits until a commit that started after its ticket has ended. The first writer to find no commit
 * running commits for everyone holding a ticket at that moment; the writers arriving while it commits
 * wait and share the next commit, so under load one commit (and one sync) serves many writes.
 */
final class GroupCommit {

	private final MVStore store;

	private final boolean sync;

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

	/**
	 * Returns once every change the calling thread made to the store before the call is in the file
	 * (and, when syncing, on the disk); throws when the store cannot commit (the change stays applied in
	 * memory, but the writer is told it is not durable).
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
				long covered = this.taken;
				boolean committed = false;
				this.lock.unlock();
				try {
					commitAndSync();
					committed = true;
				}
				finally {
					this.lock.lock();
					this.committing = false;
					if (committed) {
						this.durable = Math.max(this.durable, covered);
					}
					this.commitEnded.signalAll();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void commitAndSync() {
		try {
			if (this.store.commit() < 0) {
				// nothing left to store: the background writer took these changes, and may still be
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
