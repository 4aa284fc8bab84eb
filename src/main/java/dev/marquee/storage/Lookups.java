package dev.marquee.storage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Batched reads shared by the features' DataLoaders: one {@code $in} query per batch. */
public final class Lookups {

	private Lookups() {
	}

	/**
	 * Documents by id, in one {@code _id $in} query (every backend reads it through the {@code _id}
	 * index, the embedded one too, also when other conditions stand next to the ids), with {@code visible}
	 * applied to the documents read. Ids not found or not visible are absent from the map.
	 */
	public static <T extends HasId> Map<ObjectId, T> byIds(MongoTemplate mongo, Class<T> type,
			Collection<ObjectId> ids, Predicate<T> visible) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		List<T> found = mongo.find(new Query(Criteria.where("_id").in(ids)), type);
		return index((visible != null) ? found.stream().filter(visible).toList() : found, HasId::id);
	}

	public static <K, T> Map<K, T> index(List<T> rows, Function<T, K> key) {
		Map<K, T> map = new LinkedHashMap<>();
		for (T row : rows) {
			map.put(key.apply(row), row);
		}
		return map;
	}

}
