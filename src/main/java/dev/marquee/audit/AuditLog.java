package dev.marquee.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.marquee.graphql.Connection;
import dev.marquee.graphql.Page;
import dev.marquee.security.Viewer;
import dev.marquee.storage.KeysetPager;
import dev.marquee.storage.Ordering;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/** Writes and pages the audit trail. */
@Service
public class AuditLog {

	static final Ordering<AuditEntry> NEWEST_FIRST = new Ordering<>("audit-at", "at", Direction.DESC,
			AuditEntry::at);

	private final MongoTemplate mongo;

	private final KeysetPager pager;

	private final Clock clock;

	AuditLog(MongoTemplate mongo, KeysetPager pager, Optional<Clock> clock) {
		this.mongo = mongo;
		this.pager = pager;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * Records a change made by {@code viewer}.
	 * @param action the mutation, e.g. {@code updateEvent}
	 * @param objectType GraphQL type of the changed object
	 */
	public void record(Viewer viewer, String action, String objectType, ObjectId objectId, ObjectId seriesId,
			Integer versionBefore, Integer versionAfter, String summary) {
		this.mongo.insert(new AuditEntry(new ObjectId(), Instant.now(this.clock), viewer.accountId(),
				viewer.username(), action, objectType, objectId, seriesId, versionBefore, versionAfter, summary));
	}

	/**
	 * Replaces the summary of every entry about one object (the right to erasure: an entry may have
	 * named a person); who did what and when stays.
	 */
	public void redact(String objectType, ObjectId objectId, String summary) {
		this.mongo.updateMulti(
				org.springframework.data.mongodb.core.query.Query
					.query(Criteria.where("objectType").is(objectType).and("objectId").is(objectId)),
				new org.springframework.data.mongodb.core.query.Update().set("summary", summary), AuditEntry.class);
	}

	public Connection<AuditEntry> page(ObjectId seriesId, Page page) {
		Criteria criteria = (seriesId != null) ? Criteria.where("seriesId").is(seriesId) : new Criteria();
		return this.pager.page(AuditEntry.class, criteria, NEWEST_FIRST, page);
	}

}
