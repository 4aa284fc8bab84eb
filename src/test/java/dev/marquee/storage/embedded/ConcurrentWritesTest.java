package dev.marquee.storage.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import dev.marquee.support.InParallel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers and readers of one document at once, on the embedded server as the service runs it (a file, group
 * commits): each findAndModify answers with the document its own update left, and no answer shows part of an
 * update. The server changed a stored document in place and encoded its answers after releasing the
 * collection's lock, so both happened (two callers of a counter got one seq).
 */
class ConcurrentWritesTest {

	private static final int THREADS = 8;

	@TempDir
	Path dir;

	private MongoServer server;

	private MongoClient client;

	@BeforeEach
	void aFileBackedServer() throws Exception {
		this.server = new MongoServer(IndexedH2Backend.inDirectory(this.dir, 16, Durability.PROCESS_CRASH));
		this.server.bind("127.0.0.1", 0);
		this.client = MongoClients.create("mongodb://127.0.0.1:" + this.server.getLocalAddress().getPort());
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdown();
	}

	@Test
	void concurrentIncrementsOfACounterEachAnswerTheirOwnValue() throws Exception {
		MongoCollection<Document> counters = collection("counters");
		int each = 250;
		List<Long> answered = new ArrayList<>();
		for (List<Long> values : InParallel.times(THREADS, () -> {
			List<Long> values = new ArrayList<>();
			for (int i = 0; i < each; i++) {
				Document counter = counters.findOneAndUpdate(Filters.eq("_id", "seq"), Updates.inc("seq", 1L),
						new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
				values.add(counter.getLong("seq"));
			}
			return values;
		})) {
			answered.addAll(values);
		}

		assertThat(new HashSet<>(answered)).hasSize(THREADS * each);
		assertThat(counters.find().first().getLong("seq")).isEqualTo(THREADS * each);
	}

	@Test
	void aReadWhileTheDocumentIsUpdatedSeesItWhollyBeforeOrWhollyAfter() throws Exception {
		MongoCollection<Document> wide = collection("wide");
		int fields = 200;
		wide.insertOne(fieldsAt(new Document("_id", "w"), fields, 0));
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService writer = Executors.newSingleThreadExecutor();
		Future<?> writes = writer.submit(() -> {
			for (int i = 1; i <= 400; i++) {
				List<Bson> sets = new ArrayList<>();
				for (int f = 0; f < fields; f++) {
					sets.add(Updates.set("f" + f, i));
				}
				wide.updateOne(Filters.eq("_id", "w"), Updates.combine(sets));
			}
			writing.set(false);
			return null;
		});
		try {
			for (Set<Integer> torn : InParallel.times(THREADS - 1, () -> {
				Set<Integer> seen = new HashSet<>();
				while (writing.get()) {
					Document read = wide.find(Filters.eq("_id", "w")).first();
					Set<Object> values = new HashSet<>();
					for (int f = 0; f < fields; f++) {
						values.add(read.get("f" + f));
					}
					if (values.size() > 1) {
						seen.add(values.size());
					}
				}
				return seen;
			})) {
				assertThat(torn).as("reads that showed a document partly updated").isEmpty();
			}
			writes.get();
		}
		finally {
			writer.shutdownNow();
		}
	}

	private MongoCollection<Document> collection(String name) {
		return this.client.getDatabase("concurrent").getCollection(name);
	}

	private static Document fieldsAt(Document document, int fields, int value) {
		for (int f = 0; f < fields; f++) {
			document.append("f" + f, value);
		}
		return document;
	}

}
