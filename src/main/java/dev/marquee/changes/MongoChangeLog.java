package dev.marquee.changes;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.marquee.storage.UniqueInserts;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The log in MongoDB: a counter document advanced by one {@code findAndModify $inc} hands out the seq, then
 * the entry is inserted with that seq as its {@code _id}. Two steps, so a follower may see seq n+1 before
 * n, or never see n if the writer died between them (the feed waits for a gap, then skips it).
 */
@Component
class MongoChangeLog implements ChangeLog {

	static final String COLLECTION = "changes";

	/** One document per log, {@code {_id: "changes", seq}}: the newest seq handed out. */
	static final String COUNTERS = "change_counters";

	static final String COUNTER_ID = "changes";

	private final MongoTemplate mongo;

	private final Clock clock;

	MongoChangeLog(MongoTemplate mongo, Optional<Clock> clock) {
		this.mongo = mongo;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@Override
	public Change append(ChangeKind kind, ObjectId seriesId, ObjectId eventId, ObjectId subjectId, Document data) {
		String origin = (data != null) ? data.getString(ORIGIN) : null;
		if (origin != null) {
			Document existing = this.mongo.getCollection(COLLECTION).find(Filters.eq(ORIGIN, origin)).first();
			if (existing != null) {
				return ChangeDocuments.fromDocument(existing);
			}
		}
		for (int attempt = 0;; attempt++) {
			long seq = ((Number) nextSeq().get("seq")).longValue();
			Change change = new Change(seq, Instant.now(this.clock), kind, seriesId, eventId, subjectId,
					(data != null) ? data : new Document());
			Document document = ChangeDocuments.toDocument(change);
			if (origin != null) {
				document.append(ORIGIN, origin);
			}
			if (UniqueInserts.insert(this.mongo.getCollection(COLLECTION), document)) {
				return change;
			}
			Document byOrigin = (origin != null)
					? this.mongo.getCollection(COLLECTION).find(Filters.eq(ORIGIN, origin)).first() : null;
			if (byOrigin != null) {
				// another node appended the same origin meanwhile: its entry stands, this seq stays a gap
				return ChangeDocuments.fromDocument(byOrigin);
			}
			// the seq is taken: the counter is behind its entries (restored alone; the embedded server once
			// answered two concurrent $inc with one value): take the next one rather than fail the write
			if (attempt >= 8) {
				throw new IllegalStateException("The change log's counter is behind its entries: seq " + seq
						+ " and the 8 after it are taken");
			}
		}
	}

	/**
	 * The counter advanced by one. The first appends of a fresh database race to create the counter by upsert,
	 * and every one but the winner gets a duplicate key (MongoDB retries such an upsert itself only in some
	 * versions, the embedded server never): the counter exists then, so the same update again succeeds.
	 */
	private Document nextSeq() {
		for (int attempt = 0;; attempt++) {
			try {
				return counters().findOneAndUpdate(Filters.eq("_id", COUNTER_ID), Updates.inc("seq", 1L),
						new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
			}
			catch (MongoException ex) {
				if (attempt >= 2 || !UniqueInserts.refusedByUniqueIndex(ex)) {
					throw ex;
				}
			}
		}
	}

	@Override
	public long version() {
		Document counter = counters().find(Filters.eq("_id", COUNTER_ID)).first();
		return (counter != null) ? ((Number) counter.get("seq")).longValue() : 0;
	}

	private MongoCollection<Document> counters() {
		return this.mongo.getCollection(COUNTERS);
	}

}
