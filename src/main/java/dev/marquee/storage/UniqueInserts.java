package dev.marquee.storage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Inserts that may be repeated: the imports insert planned documents with their ids, so applying a plan
 * again (the repair after a crash), or a document created meanwhile by another writer, is refused by a
 * unique index instead of written twice; a marker, a checkpoint or a log entry another node inserted first is
 * refused the same way. The caller decides what a refused document means. The one place that knows how a
 * unique index's refusal looks ({@link #refusedByUniqueIndex}).
 */
public final class UniqueInserts {

	private UniqueInserts() {
	}

	/** One {@code insertOne}; false when a unique index refused it (the document, or its key, is there). */
	public static boolean insert(MongoCollection<Document> collection, Document document) {
		try {
			collection.insertOne(document);
			return true;
		}
		catch (MongoException ex) {
			if (!refusedByUniqueIndex(ex)) {
				throw ex;
			}
			return false;
		}
	}

	/** Whether a write failed because a unique index already holds its key (code 11000, any wrapper of it). */
	public static boolean refusedByUniqueIndex(MongoException ex) {
		return ErrorCategory.fromErrorCode(ex.getCode()) == ErrorCategory.DUPLICATE_KEY
				|| (ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY);
	}

	/** One unordered {@code insertMany}; answers the positions refused by a unique index. */
	public static Set<Integer> insertAll(MongoTemplate mongo, List<?> documents, Class<?> type) {
		Set<Integer> refused = new HashSet<>();
		if (documents.isEmpty()) {
			return refused;
		}
		try {
			mongo.bulkOps(BulkMode.UNORDERED, type).insert(documents).execute();
		}
		catch (BulkOperationException ex) {
			for (var error : ex.getErrors()) {
				if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
				refused.add(error.getIndex());
			}
		}
		return refused;
	}

}
