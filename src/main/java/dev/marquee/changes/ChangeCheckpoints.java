package dev.marquee.changes;

import java.util.function.Consumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.marquee.storage.UniqueInserts;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Consumers of the log that must resume where they were after a restart, on any node: each keeps its
 * position in {@code change_checkpoints {_id: consumer name, seq}}, advanced by a compare-and-set that
 * only moves it forward. {@link #follow} hands the consumer every entry after its checkpoint and advances
 * the checkpoint after each one it handled: at least once, so a handler must be idempotent (an entry
 * handled just before a crash comes again after the restart; with several nodes following one consumer,
 * each node may handle an entry the other handled too — key what it writes by the entry's seq).
 */
@Component
public class ChangeCheckpoints {

	static final String COLLECTION = "change_checkpoints";

	private final MongoTemplate mongo;

	private final ChangeFeed feed;

	ChangeCheckpoints(MongoTemplate mongo, ChangeFeed feed) {
		this.mongo = mongo;
		this.feed = feed;
	}

	/**
	 * The consumer's checkpoint; a consumer seen for the first time starts at {@code initial} (e.g.
	 * {@link ChangeLog#version()} to skip the past, 0 for everything still kept).
	 */
	public long position(String consumer, long initial) {
		if (UniqueInserts.insert(checkpoints(), new Document("_id", consumer).append("seq", initial))) {
			return initial;
		}
		Document stored = checkpoints().find(Filters.eq("_id", consumer)).first();
		return (stored != null) ? ((Number) stored.get("seq")).longValue() : initial;
	}

	/** Moves the checkpoint to {@code seq} if it is behind it; answers whether this call moved it. */
	public boolean advance(String consumer, long seq) {
		return checkpoints().updateOne(Filters.and(Filters.eq("_id", consumer), Filters.lt("seq", seq)),
				Updates.set("seq", seq)).getModifiedCount() == 1;
	}

	/**
	 * Follows the log from the consumer's checkpoint (started at {@code initial} the first time): calls
	 * {@code handler} with each entry in seq order, then advances the checkpoint to it. An entry whose
	 * handler throws is not checkpointed past by this call (the next handled entry moves the checkpoint
	 * over it, so a handler that must not lose one retries inside itself).
	 */
	public AutoCloseable follow(String consumer, long initial, Consumer<Change> handler) {
		return this.feed.follow(position(consumer, initial), (change) -> {
			handler.accept(change);
			advance(consumer, change.seq());
		});
	}

	private MongoCollection<Document> checkpoints() {
		return this.mongo.getCollection(COLLECTION);
	}

}
