package dev.marquee.program;

import dev.marquee.storage.DataUpgrades;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Sessions written before sessions had a {@code version} get version 0 at start-up: the record's
 * {@code int version} cannot map a missing field, so without this every read of such a session (the event
 * page, the calendar feed) failed. One {@code updateMany}, then its marker in {@link DataUpgrades} says so.
 * Idempotent, so two nodes starting together both doing it is harmless.
 */
@Component
class SessionVersions implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(SessionVersions.class);

	static final String MARKER = "session-version";

	private final MongoTemplate mongo;

	private final DataUpgrades upgrades;

	SessionVersions(MongoTemplate mongo, DataUpgrades upgrades) {
		this.mongo = mongo;
		this.upgrades = upgrades;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.upgrades.done(MARKER)) {
			return;
		}
		long set = this.mongo.getCollection(Session.COLLECTION)
			.updateMany(new Document("version", new Document("$exists", false)),
					new Document("$set", new Document("version", 0)))
			.getModifiedCount();
		if (set > 0) {
			log.info("Gave {} session(s) written before sessions had a version version 0", set);
		}
		this.upgrades.markDone(MARKER);
	}

}
