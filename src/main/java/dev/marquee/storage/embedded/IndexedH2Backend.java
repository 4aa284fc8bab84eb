package dev.marquee.storage.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import dev.marquee.storage.PrivateFiles;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with working non-unique indexes (see {@link IndexedH2Database}) and
 * durable writes: on a file, every command that may write is committed to the file before its answer
 * leaves, by group commit ({@link GroupCommit}), as the {@link Durability} asks. Commits happen only between
 * commands, so the file never holds half of one: a durable store runs without H2's background writer
 * (which would commit whenever it likes) and keeps its file compact by bounded steps of its own
 * ({@link Housekeeping}), between commands too. The file format is the
 * server's own plus one map per index, so a file written without them opens here (the indexes are built
 * once, at the first start) and the server's plain backend still reads one written here.
 */
public final class IndexedH2Backend extends H2Backend {

	/** The name of the store's file in a data directory. */
	public static final String FILE_NAME = "marquee.mv";

	/**
	 * Commands that never change the store (lower case); every other command is committed before its
	 * answer, so a write command this list does not know is durable too.
	 */
	private static final Set<String> READ_ONLY = Set.of("find", "count", "distinct", "aggregate", "getmore",
			"killcursors", "listcollections", "listindexes", "listdatabases", "dbstats", "collstats", "validate",
			"ping", "ismaster", "hello", "buildinfo", "whatsmyuri", "serverstatus", "getlasterror", "reseterror",
			"getlog", "getcmdlineopts", "getparameter", "hostinfo", "connectionstatus", "currentop", "endsessions",
			"getfreemonitoringstatus", "replsetgetstatus");

	/** Null when nothing is committed before answering (in memory, or {@link Durability#NONE}). */
	private final GroupCommit commits;

	/** Null when H2's background writer keeps the file (in memory, or {@link Durability#NONE}). */
	private final Housekeeping housekeeping;

	private IndexedH2Backend(MVStore store, Durability durability) {
		super(store);
		this.commits = (store.getFileStore() == null || durability == Durability.NONE) ? null
				: new GroupCommit(store, durability == Durability.POWER_LOSS);
		this.housekeeping = (this.commits == null) ? null : Housekeeping.start(store, this.commits);
	}

	/**
	 * A backend storing its data in {@value #FILE_NAME} in this directory, both private to the user
	 * running the service (see {@link PrivateFiles}), with this much page cache and durability.
	 */
	public static IndexedH2Backend inDirectory(Path dataDir, int cacheMb, Durability durability) throws IOException {
		Path file = PrivateFiles.prepare(dataDir, FILE_NAME);
		IndexedH2Backend backend = file(file.toString(), cacheMb, durability);
		if (durability == Durability.POWER_LOSS) {
			PrivateFiles.syncDirectory(file.getParent());
		}
		return backend;
	}

	/** A backend storing its data in this file (created when missing), with this much page cache. */
	public static IndexedH2Backend file(String fileName, int cacheMb, Durability durability) {
		MVStore.Builder builder = new MVStore.Builder().fileName(fileName).cacheSize(cacheMb);
		if (durability != Durability.NONE) {
			// no commits but ours: neither the background writer's (about once a second) nor those a writing
			// thread starts when unsaved pages pass the buffer size; both may land in the middle of a command
			builder.autoCommitDisabled().autoCommitBufferSize(0);
		}
		return new IndexedH2Backend(builder.open(), durability);
	}

	/** As {@link #file(String, int, Durability)}, surviving a crash of the process. */
	public static IndexedH2Backend file(String fileName, int cacheMb) {
		return file(fileName, cacheMb, Durability.PROCESS_CRASH);
	}

	/** A backend keeping its data in memory, with the same indexes as a file-backed one. */
	public static IndexedH2Backend inMemoryStore() {
		return new IndexedH2Backend(MVStore.open(null), Durability.NONE);
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
	}

	/**
	 * Opens a database not yet open as a command that may write, also for a read: opening builds the
	 * indexes a file written without them lacks, which no commit may see half done. The lock comes before
	 * the server's map of open databases (which holds a database being opened to itself), so a command
	 * waiting for that map never holds the lock a waiting commit needs released.
	 */
	@Override
	public MongoDatabase resolveDatabase(String databaseName) {
		if (this.commits == null || listDatabaseNames().contains(databaseName)) {
			return super.resolveDatabase(databaseName);
		}
		return this.commits.duringCommand(() -> super.resolveDatabase(databaseName));
	}

	/**
	 * Answers the command; a command that may write runs {@link GroupCommit#duringCommand as a command} and
	 * is committed before its answer (also when it failed: part of a batch may have been written). Reads
	 * take no lock: the store's maps are versioned, so a read sees each map as it was when it looked, and
	 * the server's cursors hold the documents of a result, not a position in a map.
	 */
	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		if (this.commits == null || readOnly(command, query)) {
			return super.handleCommand(channel, databaseName, command, query);
		}
		Document answer;
		try {
			answer = this.commits
				.duringCommand(() -> IndexedH2Backend.super.handleCommand(channel, databaseName, command, query));
		}
		catch (RuntimeException ex) {
			this.commits.awaitDurable();
			throw ex;
		}
		this.commits.awaitDurable();
		return answer;
	}

	/** Stops the housekeeping, then commits and closes the store between commands. */
	@Override
	public void close() {
		if (this.commits == null) {
			super.close();
			return;
		}
		this.housekeeping.close();
		this.commits.betweenCommands(super::close);
	}

	/** Whether the command never writes: a read, or an aggregation without {@code $out} or {@code $merge}. */
	static boolean readOnly(String command, Document query) {
		String name = command.toLowerCase(Locale.ROOT);
		if (!READ_ONLY.contains(name)) {
			return false;
		}
		if (name.equals("aggregate") && query.get("pipeline") instanceof List<?> pipeline && !pipeline.isEmpty()
				&& pipeline.get(pipeline.size() - 1) instanceof Document last) {
			return !last.containsKey("$out") && !last.containsKey("$merge");
		}
		return true;
	}

}
