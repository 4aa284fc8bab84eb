package dev.marquee.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import dev.marquee.graphql.PersistedQueriesProperties;
import dev.marquee.graphql.PersistedQueryStore;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Automatic persisted queries in MongoDB, so every node knows them: {@code persisted_queries {_id: hash, query,
 * size, lastUsedAt}}. A registration that adds a document trims the collection back to
 * {@code marquee.graphql.persisted-queries.max-entries}, least recently used first (the {@code lastUsedAt} index),
 * so a flood of registrations cannot grow it; {@code lastUsedAt} only moves forward ({@code $max}), and callers
 * throttle how often they touch it.
 */
@Component
class MongoPersistedQueries implements PersistedQueryStore {

	static final String COLLECTION = "persisted_queries";

	private final MongoTemplate mongo;

	private final int maxEntries;

	private final Clock clock;

	MongoPersistedQueries(MongoTemplate mongo, PersistedQueriesProperties properties, Optional<Clock> clock) {
		this.mongo = mongo;
		this.maxEntries = properties.maxEntries();
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@Override
	public String find(String hash) {
		Document found = queries().find(Filters.eq("_id", hash)).projection(Projections.include("query")).first();
		return (found != null) ? found.getString("query") : null;
	}

	@Override
	public void register(String hash, String text) {
		UpdateResult result = queries().updateOne(Filters.eq("_id", hash),
				Updates.combine(Updates.setOnInsert("query", text),
						Updates.setOnInsert("size", text.getBytes(StandardCharsets.UTF_8).length),
						Updates.max("lastUsedAt", now())),
				new UpdateOptions().upsert(true));
		if (result.getUpsertedId() != null) {
			trim();
		}
	}

	@Override
	public void touch(String hash) {
		queries().updateOne(Filters.eq("_id", hash), Updates.max("lastUsedAt", now()));
	}

	/** Removes the least recently used documents above the bound. */
	private void trim() {
		long excess = queries().countDocuments() - this.maxEntries;
		if (excess <= 0) {
			return;
		}
		List<Object> oldest = new ArrayList<>();
		for (Document document : queries().find()
			.sort(Sorts.ascending("lastUsedAt", "_id"))
			.projection(Projections.include("_id"))
			.limit((int) Math.min(excess, 10_000))) {
			oldest.add(document.get("_id"));
		}
		queries().deleteMany(Filters.in("_id", oldest));
	}

	private Date now() {
		return Date.from(Instant.now(this.clock));
	}

	private MongoCollection<Document> queries() {
		return this.mongo.getCollection(COLLECTION);
	}

}
