package dev.marquee.changes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.mongodb.MongoException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.BsonDocument;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A change stream on {@code changes} (inserts only), for a replica set. A thread of its own waits on the
 * stream and queues what it reports; {@link #read} hands the queue to the follower's {@link Sequencer},
 * which orders it (the stream reports inserts in commit order, not seq order) and waits for gaps as it
 * does when polling. The first read also reads {@code _id > position} from the collection, so entries
 * inserted before the stream opened are not missed (the sequencer drops the doubles). The resume token is
 * stored per node in {@code change_stream_tokens} (at most once a second), so a stream that breaks, or a
 * node that restarts, resumes after the last event it saw; a token the oplog no longer holds starts a
 * new stream (the collection read covers the difference).
 */
final class ChangeStreamSource implements ChangeSource {

	static final String TOKENS = "change_stream_tokens";

	private static final Logger log = LoggerFactory.getLogger(ChangeStreamSource.class);

	private final MongoTemplate mongo;

	private final ChangeStore store;

	private final String node;

	private final ConcurrentLinkedQueue<Change> reported = new ConcurrentLinkedQueue<>();

	private final Thread reader;

	private volatile boolean open = true;

	private volatile BsonDocument token;

	private volatile MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor;

	private BsonDocument storedToken;

	private Instant storedAt = Instant.EPOCH;

	private volatile boolean caughtUp;

	ChangeStreamSource(MongoTemplate mongo, ChangeStore store, String node, long position) {
		this.mongo = mongo;
		this.store = store;
		this.node = node;
		Document saved = tokens().find(Filters.eq("_id", node)).first();
		if (saved != null && saved.get("token") instanceof Document token) {
			this.token = BsonDocument.parse(token.toJson());
			this.storedToken = this.token;
		}
		this.reader = new Thread(this::follow, "changes-stream");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	private void follow() {
		while (this.open) {
			try {
				ChangeStreamIterable<Document> watch = this.store.changes()
					.watch(List.of(Aggregates.match(Filters.eq("operationType", "insert"))));
				if (this.token != null) {
					watch = watch.resumeAfter(this.token);
				}
				try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> opened = watch.cursor()) {
					this.cursor = opened;
					while (this.open) {
						ChangeStreamDocument<Document> event = opened.next();
						if (event.getFullDocument() != null) {
							this.reported.add(ChangeDocuments.fromDocument(event.getFullDocument()));
						}
						this.token = event.getResumeToken();
					}
				}
			}
			catch (MongoException | IllegalStateException ex) {
				if (!this.open) {
					return;
				}
				if (ex instanceof MongoException mongo && mongo.getCode() == 286) {
					// ChangeStreamHistoryLost: the token is older than the oplog; the collection read covers it
					this.token = null;
				}
				log.warn("The change stream on changes broke; reopening", ex);
				this.caughtUp = false;
				pause();
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public List<Change> read(long position, int limit) {
		List<Change> read = new ArrayList<>();
		if (!this.caughtUp) {
			this.caughtUp = true;
			read.addAll(this.store.after(position, limit));
		}
		Change change;
		while (read.size() < limit && (change = this.reported.poll()) != null) {
			read.add(change);
		}
		saveToken();
		return read;
	}

	private void saveToken() {
		BsonDocument current = this.token;
		Instant now = Instant.now();
		if (current == null || current.equals(this.storedToken) || now.isBefore(this.storedAt.plusSeconds(1))) {
			return;
		}
		tokens().replaceOne(Filters.eq("_id", this.node),
				new Document("_id", this.node).append("token", Document.parse(current.toJson()))
					.append("at", Date.from(now)),
				new ReplaceOptions().upsert(true));
		this.storedToken = current;
		this.storedAt = now;
	}

	private MongoCollection<Document> tokens() {
		return this.mongo.getCollection(TOKENS);
	}

	@Override
	public void close() {
		this.open = false;
		MongoChangeStreamCursor<ChangeStreamDocument<Document>> current = this.cursor;
		if (current != null) {
			try {
				current.close();
			}
			catch (RuntimeException ex) {
				// closing a cursor another thread waits on
			}
		}
		this.reader.interrupt();
	}

	@Override
	public String toString() {
		return "a change stream, node " + this.node;
	}

}
