package dev.marquee.sponsorship;

import dev.marquee.storage.DataUpgrades;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Sponsorships written before {@code groupMonth} existed get it at start-up, from their {@code groupId}
 * and {@code eventStartsAt} ({@link Sponsorship#groupMonth}), in bulk commands of a thousand updates. Once done, its marker in
 * {@link DataUpgrades} says so. Idempotent, so two nodes starting together both doing it is harmless.
 */
@Component
class GroupMonths implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(GroupMonths.class);

	private final MongoTemplate mongo;

	private final DataUpgrades upgrades;

	GroupMonths(MongoTemplate mongo, DataUpgrades upgrades) {
		this.mongo = mongo;
		this.upgrades = upgrades;
	}

	/** Updates sent in one command: one commit each on the embedded default, not one per sponsorship. */
	private static final int BATCH = 1000;

	static final String MARKER = "sponsorship-group-month";

	@Override
	public void afterPropertiesSet() {
		if (this.upgrades.done(MARKER)) {
			return;
		}
		Query missing = Query.query(Criteria.where("groupMonth").is(null));
		missing.fields().include("_id", "groupId", "eventStartsAt");
		int set = 0;
		BulkOperations batch = null;
		for (Document sponsorship : this.mongo.find(missing, Document.class, Sponsorship.COLLECTION)) {
			if (sponsorship.getObjectId("groupId") == null || sponsorship.getDate("eventStartsAt") == null) {
				continue;
			}
			if (batch == null) {
				batch = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Sponsorship.class);
			}
			batch.updateOne(Query.query(Criteria.where("_id").is(sponsorship.getObjectId("_id"))),
					new Update().set("groupMonth", Sponsorship.groupMonth(sponsorship.getObjectId("groupId"),
							sponsorship.getDate("eventStartsAt").toInstant())));
			if (++set % BATCH == 0) {
				batch.execute();
				batch = null;
			}
		}
		if (batch != null) {
			batch.execute();
		}
		if (set > 0) {
			log.info("Set the group month of {} sponsorships written before it existed", set);
		}
		this.upgrades.markDone(MARKER);
	}

}
