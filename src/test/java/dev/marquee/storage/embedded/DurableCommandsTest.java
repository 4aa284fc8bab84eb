package dev.marquee.storage.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that writes is committed to the file before the driver sees its answer (nothing of it
 * is left for the background writer), on both durable levels; {@code none} leaves it to the background.
 */
class DurableCommandsTest {

	private static final List<Consumer<MongoCollection<Document>>> WRITES = List.of(
			(c) -> c.insertOne(new Document("_id", "a").append("n", 1)),
			(c) -> c.insertMany(List.of(new Document("_id", "b").append("n", 2), new Document("_id", "c"))),
			(c) -> c.updateOne(Filters.eq("_id", "a"), Updates.inc("n", 1)),
			(c) -> c.replaceOne(Filters.eq("_id", "b"), new Document("n", 20)),
			(c) -> c.findOneAndUpdate(Filters.eq("_id", "a"), Updates.set("done", true)),
			(c) -> c.deleteOne(Filters.eq("_id", "c")),
			(c) -> c.createIndex(Indexes.ascending("n")),
			(c) -> c.dropIndex("n_1"),
			(c) -> c.updateMany(Filters.exists("n"), Updates.inc("n", 1)),
			(c) -> c.deleteMany(Filters.eq("done", true)),
			MongoCollection::drop);

	@TempDir
	Path dir;

	@Test
	void everyWriteCommandIsInTheFileWhenItsAnswerArrives() {
		for (Durability durability : List.of(Durability.PROCESS_CRASH, Durability.POWER_LOSS)) {
			try (Running running = Running.on(this.dir.resolve(durability.name()), durability)) {
				for (Consumer<MongoCollection<Document>> write : WRITES) {
					write.accept(running.collection());
					assertThat(running.store().hasUnsavedChanges()).as("unsaved changes after a write (%s)", durability)
						.isFalse();
				}
			}
		}
	}

	@Test
	void withoutDurabilityAWriteIsAnsweredBeforeItIsCommitted() {
		try (Running running = Running.on(this.dir.resolve("none"), Durability.NONE)) {
			running.collection().insertOne(new Document("_id", "a"));
			assertThat(running.store().hasUnsavedChanges()).isTrue();
		}
	}

	@Test
	void durableStoresCommitOnlyBetweenCommandsWithoutTheBackgroundWriter() {
		for (Durability durability : List.of(Durability.PROCESS_CRASH, Durability.POWER_LOSS)) {
			try (Running running = Running.on(this.dir.resolve("off-" + durability.name()), durability)) {
				running.collection().insertOne(new Document("_id", "a"));
				assertThat(running.store().getAutoCommitDelay()).as("background commits (%s)", durability).isZero();
				assertThat(running.store().getAutoCommitMemory()).as("commits by buffer size (%s)", durability)
					.isZero();
				String writer = "MVStore background writer " + running.store().getFileStore().getFileName();
				assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
					.as("threads (%s)", durability)
					.doesNotContain(writer)
					.contains("marquee-store-housekeeping");
			}
		}
	}

	@Test
	void onlyCommandsKnownNeverToWriteSkipTheCommit() {
		assertThat(IndexedH2Backend.readOnly("find", command())).isTrue();
		assertThat(IndexedH2Backend.readOnly("aggregate", command(stage("$match")))).isTrue();
		assertThat(IndexedH2Backend.readOnly("aggregate", command(stage("$match"), stage("$out")))).isFalse();
		assertThat(IndexedH2Backend.readOnly("aggregate", command(stage("$merge")))).isFalse();
		assertThat(IndexedH2Backend.readOnly("findAndModify", command())).isFalse();
		assertThat(IndexedH2Backend.readOnly("someFutureWrite", command())).isFalse();
	}

	private static de.bwaldvogel.mongo.bson.Document command(de.bwaldvogel.mongo.bson.Document... pipeline) {
		return new de.bwaldvogel.mongo.bson.Document("pipeline", List.of(pipeline));
	}

	private static de.bwaldvogel.mongo.bson.Document stage(String name) {
		return new de.bwaldvogel.mongo.bson.Document(name, new de.bwaldvogel.mongo.bson.Document());
	}

	private record Running(MongoServer server, IndexedH2Backend backend, MongoClient client) implements AutoCloseable {

		static Running on(Path dataDir, Durability durability) {
			try {
				IndexedH2Backend backend = IndexedH2Backend.inDirectory(dataDir, 16, durability);
				if (durability == Durability.NONE) {
					// the background writer would commit on its own after a second: out of the way for the test
					backend.getMvStore().setAutoCommitDelay(60_000);
				}
				MongoServer server = new MongoServer(backend);
				server.bind("127.0.0.1", 0);
				MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
				return new Running(server, backend, client);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}

		MongoCollection<Document> collection() {
			return this.client.getDatabase("durable").getCollection("things");
		}

		MVStore store() {
			return this.backend.getMvStore();
		}

		@Override
		public void close() {
			this.client.close();
			this.server.shutdown();
		}

	}

}
