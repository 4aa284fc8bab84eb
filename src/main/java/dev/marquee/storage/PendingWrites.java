package dev.marquee.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Multi-document writes without transactions (the embedded default has none). A write that must touch
 * several documents first records its intent here, does its single-document steps, then clears the
 * intent. An intent still present at start-up means a write stopped half-way: the {@link Repair} of
 * its kind recomputes the derived documents from their source of truth, which is idempotent, so the
 * half-done write leaves no lasting inconsistency.
 */
@Component
@EnableScheduling
public class PendingWrites implements SmartInitializingSingleton {

	/** How old an intent must be before another instance may take it for abandoned. */
	static final Duration GRACE = Duration.ofMinutes(2);

	static final String COLLECTION = "pending_writes";

	private static final Logger log = LoggerFactory.getLogger(PendingWrites.class);

	private final MongoTemplate mongo;

	/** Resolved when first needed: the repairs themselves write through this class. */
	private final ObjectProvider<Repair> repairs;

	private final boolean embedded;

	PendingWrites(MongoTemplate mongo, ObjectProvider<Repair> repairs,
			ObjectProvider<de.bwaldvogel.mongo.MongoServer> embeddedServer) {
		this.mongo = mongo;
		this.repairs = repairs;
		this.embedded = embeddedServer.getIfAvailable() != null;
	}

	/** Records the intent to write {@code kind} derived data of {@code target}; pass the id to {@link #end}. */
	public ObjectId begin(String kind, ObjectId target) {
		ObjectId id = new ObjectId();
		this.mongo.getCollection(COLLECTION)
			.insertOne(new Document("_id", id).append("kind", kind).append("target", target).append("at", Instant.now()));
		return id;
	}

	/**
	 * Marks a long write's intent as still being worked on (its age starts again), so that the sweep
	 * does not take it for abandoned while it runs: call it between steps that together may take longer
	 * than {@link #GRACE}.
	 */
	public void renew(ObjectId id) {
		this.mongo.getCollection(COLLECTION)
			.updateOne(new Document("_id", id), new Document("$set", new Document("at", Instant.now())));
	}

	public void end(ObjectId id) {
		this.mongo.getCollection(COLLECTION).deleteOne(new Document("_id", id));
	}

	/** Runs {@code steps} under an intent: repaired at the next start if it stops half-way. */
	public <T> T run(String kind, ObjectId target, java.util.function.Supplier<T> steps) {
		ObjectId id = begin(kind, target);
		T result = steps.get();
		end(id);
		return result;
	}

	/**
	 * Drops the intents of a kind no write records any more (its derived data is retired, so there is
	 * nothing to repair); answers how many. Called at start-up by the feature that retired it, before
	 * the start-up repair would log them as having no repair.
	 */
	public int forget(String kind) {
		return (int) this.mongo.getCollection(COLLECTION).deleteMany(new Document("kind", kind)).getDeletedCount();
	}

	/**
	 * At start-up, before the server takes requests: on the embedded default (no other instance shares its
	 * database) every intent left is from a write that died with the last run; on a shared MongoDB only
	 * intents older than {@link #GRACE} are, the others may belong to writes still running elsewhere.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		repair(this.embedded ? Duration.ZERO : GRACE);
	}

	/** Later, now and then: intents older than {@link #GRACE} are from writes that stopped. */
	@Scheduled(initialDelayString = "${marquee.pending-writes.sweep-interval:PT1M}",
			fixedDelayString = "${marquee.pending-writes.sweep-interval:PT1M}")
	void sweep() {
		repair(GRACE);
	}

	/** Repairs the intents older than {@code age}; answers how many. */
	public int repair(Duration age) {
		Map<String, Repair> repairs = this.repairs.orderedStream()
			.collect(Collectors.toMap(Repair::kind, Function.identity()));
		Instant before = Instant.now().minus(age);
		int repaired = 0;
		for (Document pending : this.mongo.find(Query.query(Criteria.where("at").lte(before)), Document.class,
				COLLECTION)) {
			Repair repair = repairs.get(pending.getString("kind"));
			if (repair == null) {
				log.error("No repair for pending write {}", pending.toJson());
				continue;
			}
			log.warn("Repairing a write that stopped half-way: {} of {}", pending.getString("kind"),
					pending.getObjectId("target"));
			repair.repair(pending.getObjectId("target"));
			this.mongo.remove(Query.query(Criteria.where("_id").is(pending.getObjectId("_id"))), COLLECTION);
			repaired++;
		}
		return repaired;
	}

	/** Recomputes the derived documents of one kind of multi-document write. */
	public interface Repair {

		String kind();

		void repair(ObjectId target);

	}

}
