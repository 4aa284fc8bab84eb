package dev.marquee.storage.embedded;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection that narrows a query to the documents an index names before testing them, where
 * the server alone would test every document: by {@code _id} when the query names ids next to other
 * conditions, otherwise by a {@link FieldIndex} on a field the query pins. Finds, counts, distincts,
 * updates, deletes and findAndModify all go through {@link #queryDocuments}; aggregations whose first
 * stage is a {@code $match} come here through {@link IndexedH2Database}. A sorted page that no index
 * narrows is read by walking an index on the sort field in order and stopping at the page's end.
 * <p>
 * Updates copy a document before changing it ({@link #writing}). The server changes the stored
 * document in place and answers with it, and the answer is encoded after the collection's lock is
 * released: a findAndModify {@code $inc} then answered with a value a later {@code $inc} wrote (two
 * callers of a counter got one seq), and a read could be encoded while an update changed the document
 * under it. A stored document is now never changed once stored; an update stores a changed copy.
 */
final class IndexedH2Collection extends H2Collection {

	/** Documents an in-order walk examines before it gives up and leaves the query to a scan. */
	static final int WALK_LIMIT = 5_000;

	/** The thread running an update of this collection (one at a time: the server's methods hold its lock). */
	private volatile Thread writer;

	/** The documents by {@code _id}: H2 keeps the map sorted by key (values of one type in their order). */
	private final MVMap<Object, Document> data;

	IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
			MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
		super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
		this.data = dataMap;
	}

	@Override
	public synchronized Document findAndModify(Document query) {
		return writing(() -> super.findAndModify(query));
	}

	@Override
	public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
			boolean isMulti, boolean isUpsert, Oplog oplog) {
		return writing(() -> super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog));
	}

	/** Runs an update whose queries find copies of the stored documents, which it changes and stores. */
	private Document writing(Supplier<Document> update) {
		Thread outer = this.writer;
		this.writer = Thread.currentThread();
		try {
			return update.get();
		}
		finally {
			this.writer = outer;
		}
	}

	/**
	 * What a query found, copied as the update of this thread reads it (an update of one document reads
	 * one of all that match), when it is to change them.
	 */
	private QueryResult forWriter(QueryResult found) {
		if (this.writer != Thread.currentThread()) {
			return found;
		}
		Iterable<Document> copies = () -> {
			Iterator<Document> documents = found.iterator();
			return new Iterator<>() {

				@Override
				public boolean hasNext() {
					return documents.hasNext();
				}

				@Override
				public Document next() {
					return documents.next().cloneDeeply();
				}

			};
		};
		return new QueryResult(copies, found.getCursorId());
	}

	@Override
	protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
			Document fieldSelector) {
		return forWriter(narrowedQuery(query, orderBy, numberToSkip, limit, batchSize, fieldSelector));
	}

	private QueryResult narrowedQuery(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
			Document fieldSelector) {
		if (query == null || answeredByServer(query)) {
			return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}
		Set<Object> positions = candidates(query);
		if (positions != null) {
			return matchDocumentsFromStream(documentsAt(positions), query, orderBy, numberToSkip, limit, batchSize,
					fieldSelector);
		}
		List<Document> firstMatches = inIdOrder(query, orderBy, (limit > 0) ? numberToSkip + limit : 0);
		if (firstMatches == null && limit > 0) {
			firstMatches = firstInOrder(query, orderBy, numberToSkip + limit);
		}
		if (firstMatches != null) {
			return matchDocumentsFromStream(firstMatches.stream(), query, orderBy, numberToSkip, limit, batchSize,
					fieldSelector);
		}
		return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
	}

	/**
	 * For a sorted, limited query no index narrows (a page of a list with filters on unindexed fields),
	 * the first {@code wanted} matches in sort order, found by walking an index on the sort field in
	 * order from the query's bound on it (a keyset cursor's {@code $gt}) and stopping once they are found;
	 * null when no index gives the sort order, or when the walk examined {@link #WALK_LIMIT} documents
	 * without finding them (a rare filter: scanning is cheaper than reading on in index order).
	 */
	private List<Document> firstInOrder(Document query, Document orderBy, int wanted) {
		if (orderBy == null || orderBy.isEmpty() || orderBy.size() > 2) {
			return null;
		}
		List<String> fields = new ArrayList<>(orderBy.keySet());
		String field = fields.get(0);
		Object direction = orderBy.get(field);
		if (field.equals(getIdField()) || field.startsWith("$") || !(direction instanceof Number d)
				|| Math.abs(d.doubleValue()) != 1.0) {
			return null;
		}
		boolean ascending = d.doubleValue() > 0;
		if (fields.size() == 1 && !ascending) {
			// ties would come newest _id first, where the server's stable sort keeps them oldest first
			return null;
		}
		if (fields.size() == 2 && !(fields.get(1).equals(getIdField())
				&& orderBy.get(fields.get(1)) instanceof Number t && t.doubleValue() == d.doubleValue())) {
			return null;
		}
		FieldIndex ordered = null;
		for (Index<Object> index : getIndexes()) {
			if (index instanceof FieldIndex fieldIndex && fieldIndex.field().equals(field)
					&& fieldIndex.ordersAll(count())) {
				ordered = fieldIndex;
				break;
			}
		}
		if (ordered == null) {
			return null;
		}
		List<Document> matches = new ArrayList<>(wanted);
		Iterator<Object> walk = ordered.walk(ascending, Bounds.of(query, field, ascending));
		for (int examined = 0; walk.hasNext() && matches.size() < wanted; examined++) {
			if (examined == WALK_LIMIT) {
				return null;
			}
			Document document = getDocument(walk.next());
			if (document != null && documentMatchesQuery(document, query)) {
				matches.add(document);
			}
		}
		return matches;
	}

	/**
	 * For a query sorted on {@code _id} alone in a collection whose ids are all 64-bit integers (the change
	 * log's seqs), the first {@code wanted} matches (0: all of them) in that order, read from the data map in
	 * key order from the query's bound on {@code _id}: the change log's followers poll {@code {_id: {$gt:
	 * last}}} ten times a second per node, which the server answered by testing every entry the log kept (37 %
	 * of the standalone database's CPU through the two-node cluster, docs/benchmarks.md). Null when another
	 * order is asked, the bound is not an integer, or any id is of another type: H2 orders keys by type first
	 * (an integer, a double and an ObjectId id apart), where the server compares numbers by value; the map is
	 * sorted by type, so its first and last keys being {@code Long}s make every key one.
	 */
	List<Document> inIdOrder(Document query, Document orderBy, int wanted) {
		if (orderBy == null || orderBy.size() != 1 || !(orderBy.get(getIdField()) instanceof Number direction)
				|| Math.abs(direction.doubleValue()) != 1.0) {
			return null;
		}
		if (!(this.data.firstKey() instanceof Long) || !(this.data.lastKey() instanceof Long)) {
			return null;
		}
		boolean ascending = direction.doubleValue() > 0;
		Object bound = Bounds.of(query, getIdField(), ascending);
		if (bound != null && !(bound instanceof Long) && !(bound instanceof Integer)) {
			return null;
		}
		Long from = (bound != null) ? ((Number) bound).longValue() : null;
		Iterator<Object> keys = ascending ? this.data.keyIterator(from) : this.data.keyIteratorReverse(from);
		List<Document> matches = new ArrayList<>();
		while (keys.hasNext() && (wanted == 0 || matches.size() < wanted)) {
			Document document = this.data.get(keys.next());
			if (document != null && documentMatchesQuery(document, query)) {
				matches.add(document);
			}
		}
		return matches;
	}

	/** The server's own unique indexes answer an exact match on their keys (e.g. {_id: x}, {slug: s}). */
	private boolean answeredByServer(Document query) {
		for (Index<Object> index : getIndexes()) {
			if (index.isUnique() && index.canHandle(query)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Positions of a superset of the documents matching the query, or null when no index narrows it:
	 * ids first (at most one document each), then an equality on an indexed field, then a prefix.
	 */
	Set<Object> candidates(Document query) {
		List<Narrowing> conditions = Narrowing.of(query);
		if (conditions.isEmpty()) {
			return null;
		}
		for (Narrowing condition : conditions) {
			if (condition.field().equals(getIdField()) && !condition.isPrefix()) {
				return byId(condition.values());
			}
		}
		for (boolean prefix : new boolean[] { false, true }) {
			for (Index<Object> index : getIndexes()) {
				if (!(index instanceof FieldIndex fieldIndex)) {
					continue;
				}
				for (Narrowing condition : conditions) {
					if (condition.isPrefix() == prefix && condition.field().equals(fieldIndex.field())) {
						return prefix ? fieldIndex.positionsWithPrefix(condition.prefix())
								: fieldIndex.positionsOf(condition.values());
					}
				}
			}
		}
		return null;
	}

	private Set<Object> byId(List<Object> ids) {
		Index<Object> primary = getIndexes().stream()
			.filter((index) -> index.isUnique() && index.getKeys().size() == 1
					&& index.getKeys().get(0).getKey().equals(getIdField()))
			.findFirst()
			.orElse(null);
		if (primary == null) {
			return null;
		}
		Set<Object> positions = new LinkedHashSet<>();
		for (Object id : ids) {
			for (Object position : primary.getPositions(new Document(getIdField(), id))) {
				positions.add(position);
			}
		}
		return positions;
	}

	/** The documents still at these positions (one may have been deleted since the index was read). */
	Stream<Document> documentsAt(Set<Object> positions) {
		return positions.stream().map(this::getDocument).filter(Objects::nonNull);
	}

}
