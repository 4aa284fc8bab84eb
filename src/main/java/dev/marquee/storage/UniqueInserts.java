package dev.marquee.storage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Inserts that may be repeated: the imports insert planned documents with their ids, so applying a plan
 * again (the repair after a crash), or a document created meanwhile by another writer, is refused by a
 * unique index instead of written twice. The caller decides what a refused document means.
 */
public final class UniqueInserts {

	/** The code of a write refused by a unique index. */
	private static final int DUPLICATE_KEY = 11000;

	private UniqueInserts() {
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
				if (error.getCode() != DUPLICATE_KEY) {
					throw ex;
				}
				refused.add(error.getIndex());
			}
		}
		return refused;
	}

}
