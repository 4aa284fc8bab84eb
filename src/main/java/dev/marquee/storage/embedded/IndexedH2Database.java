package dev.marquee.storage.embedded;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.aggregation.stage.ProjectStage;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.ErrorCode;
import de.bwaldvogel.mongo.exception.FailedToOptimizePipelineError;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.TypeMismatchException;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H2 database whose non-unique indexes are real ({@link FieldIndex}) and whose collections use them
 * ({@link IndexedH2Collection}), for finds and for aggregations that start with a {@code $match}. Map
 * names follow the server's own scheme ({@code <db>.<collection>._index_<name>} next to
 * {@code databases.<db>.<collection>}), so dropping an index or the database removes them with the rest.
 */
final class IndexedH2Database extends H2Database {

	private static final Logger log = LoggerFactory.getLogger(IndexedH2Database.class);

	/** The store while the superclass constructor opens collections and indexes (before fields are set). */
	private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

	private final MVStore store;

	IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
		super(databaseName, opening(store), cursorRegistry);
		OPENING.remove();
		this.store = store;
	}

	private static MVStore opening(MVStore store) {
		OPENING.set(store);
		return store;
	}

	private MVStore store() {
		return (this.store != null) ? this.store : OPENING.get();
	}

	@Override
	protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
		String fullName = getFullCollectionNamespace(collectionName);
		MVMap<Object, Document> dataMap = store().openMap("databases." + fullName);
		MVMap<String, Object> metaMap = store().openMap("meta." + fullName);
		return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, this.cursorRegistry);
	}

	/**
	 * Unique indexes (and {@code _id}) keyed by strings ({@link UniqueIndex}). A file that holds the
	 * server's own map for the index (keyed by serialized {@code KeyValue}s: written by the plain H2 backend
	 * or an earlier Marquee, which kept it up to date with every write) gets this index filled from that
	 * map's entries, once, and loses the old map; reading the keys, not the documents, keeps this quick.
	 */
	@Override
	protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
			boolean sparse) {
		String namespace = getFullCollectionNamespace(collectionName);
		String legacy = namespace + "._index_" + indexName;
		MVMap<String, Object> entries = store().openMap(namespace + "._unique_" + indexName);
		UniqueIndex index = new UniqueIndex(indexName, keys, sparse, entries);
		if (store().hasMap(legacy)) {
			MVMap<KeyValue, Object> old = store().openMap(legacy);
			entries.clear();
			old.forEach(index::put);
			store().removeMap(old);
			log.info("Rebuilt unique index {} of {} keyed by strings ({} keys)", indexName, namespace, index.getCount());
		}
		return index;
	}

	@Override
	protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
			boolean sparse) {
		MVMap<String, String> entries = store().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName);
		return new FieldIndex(indexName, keys, sparse, entries);
	}

	@Override
	public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
			Oplog oplog) {
		if (command.equalsIgnoreCase("aggregate")) {
			Document narrowed = aggregateNarrowed(command, query, databaseResolver, oplog);
			if (narrowed != null) {
				return narrowed;
			}
		}
		return super.handleCommand(channel, command, query, databaseResolver, oplog);
	}

	/**
	 * An aggregation that starts with a {@code $match} an index can narrow runs over the narrowed
	 * documents (the {@code $match} stage itself still runs, and drops those that do not match); any other
	 * aggregation is left to the server, which streams the whole collection through the pipeline.
	 */
	private Document aggregateNarrowed(String command, Document query, DatabaseResolver databaseResolver, Oplog oplog) {
		if (!(query.get(command) instanceof String collectionName)) {
			return null;
		}
		MongoCollection<Object> collection = resolveCollection(collectionName, false);
		if (!(collection instanceof IndexedH2Collection indexed)) {
			return null;
		}
		List<Document> pipeline = Aggregation.parse(Aggregation.parse(query.get("pipeline")));
		if (pipeline.isEmpty() || !(pipeline.get(0).get("$match") instanceof Document match) || match.isEmpty()) {
			return null;
		}
		Set<Object> positions = indexed.candidates(match);
		if (positions == null) {
			return null;
		}
		Aggregation aggregation = Aggregation.fromPipeline(pipeline, databaseResolver, this, collection, oplog);
		aggregation.validate(query);
		List<Document> result = runStages(aggregation, indexed.documentsAt(positions));
		Document cursor = new Document();
		cursor.put("id", 0L);
		cursor.put("ns", getFullCollectionNamespace(collectionName));
		cursor.put("firstBatch", result);
		Document response = new Document("cursor", cursor);
		response.put("ok", 1.0);
		return response;
	}

	/** The stages over these documents, failing as the server's own {@code Aggregation.computeResult} does. */
	private static List<Document> runStages(Aggregation aggregation, Stream<Document> documents) {
		try {
			return aggregation.runStages(documents);
		}
		catch (TypeMismatchException | FailedToOptimizePipelineError | ProjectStage.InvalidProjectException ex) {
			throw ex;
		}
		catch (MongoServerError ex) {
			if (ex.hasCode(ErrorCode._15998, ErrorCode._40353)) {
				throw ex;
			}
			throw new MongoServerError(ex.getCode(), ex.getCodeName(),
					"PlanExecutor error during aggregation :: caused by :: " + ex.getMessageWithoutErrorCode(), ex);
		}
	}

}
