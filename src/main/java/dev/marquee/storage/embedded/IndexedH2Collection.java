package dev.marquee.storage.embedded;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection that narrows a query to the documents an index names before testing them, where
 * the server alone would test every document: by {@code _id} when the query names ids next to other
 * conditions, otherwise by a {@link FieldIndex} on a field the query pins. Finds, counts, distincts,
 * updates, deletes and findAndModify all go through {@link #queryDocuments}; aggregations whose first
 * stage is a {@code $match} come here through {@link IndexedH2Database}.
 */
final class IndexedH2Collection extends H2Collection {

	IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
			MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
		super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
	}

	@Override
	protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
			Document fieldSelector) {
		if (query == null || query.isEmpty() || answeredByServer(query)) {
			return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}
		Set<Object> positions = candidates(query);
		if (positions == null) {
			return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}
		return matchDocumentsFromStream(documentsAt(positions), query, orderBy, numberToSkip, limit, batchSize,
				fieldSelector);
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
