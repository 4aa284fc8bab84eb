package dev.marquee.changes;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Reads of the {@code changes} collection: by {@code _id}, which is the seq. */
@Component
class ChangeStore {

	private final MongoTemplate mongo;

	ChangeStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Entries with {@code seq > afterSeq}, at most {@code limit}, in seq order: one ranged read of {@code _id}. */
	List<Change> after(long afterSeq, int limit) {
		List<Change> changes = new ArrayList<>();
		for (Document document : changes().find(Filters.gt("_id", afterSeq)).sort(Sorts.ascending("_id")).limit(limit)) {
			changes.add(ChangeDocuments.fromDocument(document));
		}
		return changes;
	}

	/** The highest seq stored (0 when empty). */
	long newestStored() {
		Document newest = changes().find().sort(Sorts.descending("_id")).limit(1).first();
		return (newest != null) ? ((Number) newest.get("_id")).longValue() : 0;
	}

	MongoCollection<Document> changes() {
		return this.mongo.getCollection(MongoChangeLog.COLLECTION);
	}

}
