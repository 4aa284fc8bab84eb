package dev.marquee.event;

import dev.marquee.storage.PendingWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Earlier versions listed an edition's sessions and sponsorships on the event ({@code sessionIds},
 * {@code sponsorshipIds}, kept under the pending-write kind {@code event-children}), for an embedded
 * server without secondary indexes. The children are read by {@code eventId} now; at start-up this
 * unsets the stale lists and forgets intents of the retired kind (nothing derived is left to repair).
 * Idempotent: once done, both find nothing.
 */
@Component
class RetiredChildLists implements InitializingBean {

	static final String RETIRED_KIND = "event-children";

	private static final Logger log = LoggerFactory.getLogger(RetiredChildLists.class);

	private final MongoTemplate mongo;

	private final PendingWrites pending;

	RetiredChildLists(MongoTemplate mongo, PendingWrites pending) {
		this.mongo = mongo;
		this.pending = pending;
	}

	@Override
	public void afterPropertiesSet() {
		long unset = this.mongo
			.updateMulti(
					Query.query(new Criteria().orOperator(Criteria.where("sessionIds").exists(true),
							Criteria.where("sponsorshipIds").exists(true))),
					new Update().unset("sessionIds").unset("sponsorshipIds"), Event.class)
			.getModifiedCount();
		int forgotten = this.pending.forget(RETIRED_KIND);
		if (unset > 0 || forgotten > 0) {
			log.info("Unset the retired child lists of {} events; forgot {} of their pending writes", unset, forgotten);
		}
	}

}
