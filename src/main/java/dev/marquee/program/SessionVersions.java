package dev.marquee.program;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Sessions written before sessions had a {@code version} get version 0 at start-up: the record's
 * {@code int version} cannot map a missing field, so without this every read of such a session (the event
 * page, the calendar feed) failed. One {@code updateMany}, then a marker in {@code data_upgrades} says so and
 * later starts read only that (a lookup by {@code _id}): the search for sessions without the field would scan
 * the collection on the embedded default. Idempotent, so two nodes starting together both doing it is harmless.
 */
@Component
class SessionVersions implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(SessionVersions.class);

	static final String UPGRADES = "data_upgrades";

	static final String MARKER = "session-version";

	private final MongoTemplate mongo;

	SessionVersions(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.mongo.getCollection(UPGRADES).find(new Document("_id", MARKER)).first() != null) {
			return;
		}
		long set = this.mongo.getCollection(Session.COLLECTION)
			.updateMany(new Document("version", new Document("$exists", false)),
					new Document("$set", new Document("version", 0)))
			.getModifiedCount();
		if (set > 0) {
			log.info("Gave {} session(s) written before sessions had a version version 0", set);
		}
		try {
			this.mongo.getCollection(UPGRADES).insertOne(new Document("_id", MARKER));
		}
		catch (com.mongodb.MongoWriteException ex) {
			// another node starting at the same time wrote the marker first
			if (ex.getError().getCategory() != com.mongodb.ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
	}

}
