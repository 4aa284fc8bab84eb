package dev.marquee.storage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Batched reads shared by the features' DataLoaders: one {@code $in} query per batch. */
public final class Lookups {

	private Lookups() {
	}

	/** Documents by id, in one query; ids not found (or filtered out) are absent from the map. */
	public static <T extends HasId> Map<ObjectId, T> byIds(MongoTemplate mongo, Class<T> type,
			Collection<ObjectId> ids, Criteria visible) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Criteria criteria = Criteria.where("_id").in(ids);
		Query query = new Query((visible != null) ? new Criteria().andOperator(criteria, visible) : criteria);
		return index(mongo.find(query, type), HasId::id);
	}

	public static <K, T> Map<K, T> index(List<T> rows, Function<T, K> key) {
		Map<K, T> map = new LinkedHashMap<>();
		for (T row : rows) {
			map.put(key.apply(row), row);
		}
		return map;
	}

}
