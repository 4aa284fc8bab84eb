package dev.marquee.storage;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Every index the queries rely on, created at start-up (createIndexes is idempotent for an identical
 * definition). docs/architecture.md lists the query each one serves; keep the two in step.
 */
@Component
class Indexes implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(Indexes.class);

	private final MongoTemplate mongo;

	Indexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		create("series", unique("slug"), index("nameKey", "_id"), index("terms"));
		create("events", unique("slug"), index("startsAt", "_id"), index("seriesId", "startsAt", "_id"),
				index("nameKey", "_id"), index("year", "startsAt", "_id"), index("cityKey", "startsAt", "_id"),
				index("venue.country", "startsAt", "_id"), index("trackKeys", "startsAt", "_id"),
				index("hostId", "startsAt"), index("terms"));
		create("companies", unique("slug"), index("nameKey", "_id"), index("parentId", "nameKey", "_id"),
				index("groupId", "nameKey", "_id"), index("kind", "nameKey", "_id"), index("ancestorIds"),
				index("terms"));
		dropIfPresent("sponsorships", "companyId_1");
		create("sponsorships", unique("eventId", "companyId"), index("eventId", "tierRank", "companyId"),
				index("companyId", "eventStartsAt", "_id"), index("groupMonth", "eventStartsAt", "_id"),
				index("eventStartsAt", "_id"), index("year"), index("seriesId", "companyId"));
		create("sessions", index("eventId", "sortAt", "_id"), index("speakerIds", "sortAt"), index("terms"),
				sparseUnique("sourceKey"));
		dropIfPresent("people", "emailKey_1");
		create("people", sparseUnique("seriesEmailKey"), index("terms"), sparseUnique("sourceKey"));
		create("registrations", unique("eventId", "personId"), index("eventId", "registeredAt", "_id"),
				index("personId", "seriesId"), index("seriesId", "personId"), index("companyId", "eventId"));
		create("accounts", unique("usernameKey"));
		create("login_throttle", index("expiresAt"));
		create("audit", index("at", "_id"), index("seriesId", "at", "_id"));
		create("import_staging", unique("importId", "seq"));
		create("changes", sparseUnique("origin"), index("at"));
		create("persisted_queries", index("lastUsedAt"));
		create("program_staging", unique("importId", "seq"));
	}

	/**
	 * Drops an index an earlier version created (people's global {@code emailKey} uniqueness, replaced
	 * by the per-series {@code seriesEmailKey}): it would refuse the same email in two series.
	 */
	private void dropIfPresent(String collection, String index) {
		for (Document existing : this.mongo.getCollection(collection).listIndexes()) {
			if (index.equals(existing.getString("name"))) {
				this.mongo.getCollection(collection).dropIndex(index);
				log.info("Dropped the index {} of {}", index, collection);
			}
		}
	}

	private void create(String collection, IndexModel... indexes) {
		this.mongo.getCollection(collection).createIndexes(List.of(indexes));
		log.debug("Indexes of {} in place", collection);
	}

	private static IndexModel index(String... fields) {
		return new IndexModel(keys(fields));
	}

	private static IndexModel unique(String... fields) {
		return new IndexModel(keys(fields), new IndexOptions().unique(true));
	}

	/** Unique among the documents that have the field (people without an email or series do not collide). */
	private static IndexModel sparseUnique(String field) {
		return new IndexModel(keys(field), new IndexOptions().unique(true).sparse(true));
	}

	private static Document keys(String... fields) {
		Document keys = new Document();
		for (String field : fields) {
			keys.append(field, 1);
		}
		return keys;
	}

}
