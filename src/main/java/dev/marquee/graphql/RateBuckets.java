package dev.marquee.graphql;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The callers' leaky buckets, one document per caller in {@value #COLLECTION}: {@code {_id: caller key, level,
 * at}}, {@code level} the points in the bucket at the instant {@code at}; it drains {@code restoreRate} points per
 * second, and a request fits when its cost added to the drained level stays within {@code capacity}.
 * <p>
 * Every reservation is a conditional update on the values read, retried a few times under contention, so nodes
 * sharing the database share each budget: it adds the cost to a bucket not drained completely, on the condition
 * that {@code at} is still the one read and the level still fits ({@link #advance}: within a second of
 * {@code at} one {@code $inc} that keeps {@code at}, so neither refunds nor other nodes' reservations fail it;
 * later it also moves {@code at} to now); a bucket that drained completely or was edited by hand is replaced by
 * a compare-and-set on both values. On one node, the requests of one caller take their reservations one at a
 * time (a lock per stripe of caller keys, held for the read and the write of the bucket, never for the query);
 * what remains is contention between nodes, which each retry meets after a short random pause. Under 32
 * concurrent requests of one client, a compare-and-set on the level lost to the others' reservations and
 * refunds until the last attempt, and requests were refused with budget
 * left. The values this node wrote last are remembered (a bounded cache, only a hint): a caller's next request
 * is one update when no other node wrote in between, and a first request is one insert; a refusal is always
 * decided on a fresh read. A refund is one {@code $inc} of the level, valid whatever happened in between, since
 * it gives back points at the instant they were taken.
 * <p>
 * A document that is not as written here (edited by hand, by another version) is read as a safe value, never
 * an error: a level below 0 as 0 and above {@code capacity} as {@code capacity} (a budget never exceeds the
 * capacity, and a full bucket drains like any other); an {@code at} in the future as now (it cannot hold a
 * bucket up forever); a missing or non-numeric {@code level} or a missing or non-date {@code at} as a bucket
 * never used, level 0, the same as no document (which is how an operator resets a caller). The next write
 * replaces it. No TTL index (the embedded server does not apply them): {@link #sweep} deletes the buckets that
 * have drained completely.
 */
@Component
class RateBuckets {

	static final String COLLECTION = "rate_buckets";

	private static final Logger log = LoggerFactory.getLogger(RateBuckets.class);

	/** Compare-and-set attempts before a reservation gives up (only under a burst on one bucket). */
	private static final int MAX_ATTEMPTS = 8;

	/** How long a bucket's {@code at} stays while reservations add to its level (see {@link #advance}). */
	static final long REBASE_MS = 1_000;

	/** Locks for the callers' keys on this node, by hash: one caller's reservations here are serial. */
	private static final int STRIPES = 64;

	private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

	private final MongoTemplate mongo;

	private final long capacity;

	private final long restoreRate;

	private final Clock clock;

	/** What this node last wrote per caller, as stored: the expected values of the next compare-and-set. */
	private final Cache<String, Stored> written = Caffeine.newBuilder().maximumSize(10_000).build();

	RateBuckets(MongoTemplate mongo, RateLimitProperties properties, Optional<Clock> clock) {
		this.mongo = mongo;
		this.capacity = properties.capacity();
		this.restoreRate = properties.restoreRate();
		this.clock = clock.orElse(Clock.systemUTC());
		for (int i = 0; i < STRIPES; i++) {
			this.stripes[i] = new ReentrantLock();
		}
	}

	/** A bucket as read or written: its raw field values ({@code null} when absent). */
	record Stored(Object level, Object at) {
	}

	/**
	 * A caller's bucket after a request: the level now (after this request's reservation, if taken), the cost
	 * asked for, and whether it was taken.
	 */
	record Bucket(String key, double level, long cost, boolean taken, Stored stored, long capacity, long restoreRate) {

		/** Points that may still be spent now, rounded down. */
		long available() {
			return (long) Math.floor(Math.max(0, this.capacity - this.level));
		}

		/** Seconds until the bucket is empty (the whole capacity available), rounded up. */
		long secondsUntilFull() {
			return (long) Math.ceil(Math.max(0, this.level) / this.restoreRate);
		}

		/** Seconds until a request of this cost fits, rounded up, at least 1. */
		long retryAfterSeconds() {
			double missing = this.level + this.cost - this.capacity;
			return Math.max(1, (long) Math.ceil(missing / this.restoreRate));
		}

		Bucket refunded(long points, Stored stored) {
			return new Bucket(this.key, Math.max(0, this.level - points), this.cost, this.taken, stored, this.capacity,
					this.restoreRate);
		}

	}

	/** Takes {@code cost} points from the caller's budget if they fit now; the bucket says whether they did. */
	Bucket take(String key, long cost) {
		if (cost > this.capacity) {
			return new Bucket(key, this.capacity, cost, false, null, this.capacity, this.restoreRate);
		}
		ReentrantLock stripe = this.stripes[Math.floorMod(key.hashCode(), STRIPES)];
		stripe.lock();
		try {
			return reserve(key, cost);
		}
		finally {
			stripe.unlock();
		}
	}

	private Bucket reserve(String key, long cost) {
		long now = this.clock.millis();
		Stored seen = this.written.getIfPresent(key);
		boolean read = false;
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			// after a pause and a read, the bucket may have been written by another node later than `now` was taken
			now = Math.max(now, this.clock.millis());
			if (seen == null && !read) {
				// a caller this node has not seen: most likely no document either
				if (insert(key, cost, now)) {
					return taken(key, cost, now);
				}
				seen = read(key);
				read = true;
				continue;
			}
			if (seen == null) {
				read = false;
				continue;
			}
			double level = level(seen, now);
			if (level + cost > this.capacity) {
				if (!read) {
					seen = read(key);
					read = true;
					continue;
				}
				return new Bucket(key, level, cost, false, seen, this.capacity, this.restoreRate);
			}
			Stored after = !written(seen, now) ? compareAndSet(key, seen, level + cost, now)
					: (level > 0) ? advance(key, seen, cost, now) : restart(key, seen, cost, now);
			if (after != null) {
				return taken(key, after, now, cost);
			}
			// another node wrote the bucket meanwhile: let it finish before reading again
			pause(attempt);
			seen = read(key);
			read = true;
		}
		// every attempt lost to concurrent requests of the same caller on other nodes: refuse this one
		return new Bucket(key, this.capacity, cost, false, null, this.capacity, this.restoreRate);
	}

	/** Up to 1, 2, 4… ms, at random: nodes that lost to each other do not meet again at once. */
	private static void pause(int attempt) {
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(1L << Math.min(attempt, 4)) + 1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The caller's bucket as it is now, for a request that costs nothing. */
	Bucket peek(String key) {
		long now = this.clock.millis();
		Stored seen = read(key);
		return new Bucket(key, (seen != null) ? level(seen, now) : 0, 0, true, seen, this.capacity, this.restoreRate);
	}

	/**
	 * Gives back {@code points} of a reservation that was not spent (one {@code $inc}); the bucket as this
	 * request leaves it.
	 */
	Bucket refund(Bucket bucket, long points) {
		if (points <= 0 || !bucket.taken()) {
			return bucket;
		}
		try {
			collection().updateOne(Filters.eq("_id", bucket.key()), Updates.inc("level", (double) -points));
		}
		catch (MongoException ex) {
			// the document was edited meanwhile (a level that is no number): the next request reads and replaces it
			log.warn("Refund of {} points to rate bucket {} not written: {}", points, bucket.key(), ex.getMessage());
			this.written.invalidate(bucket.key());
			return bucket;
		}
		Stored before = bucket.stored();
		Stored after = (before != null && before.level() instanceof Double level)
				? new Stored(level - points, before.at()) : null;
		if (after != null) {
			this.written.asMap().replace(bucket.key(), before, after);
		}
		return bucket.refunded(points, after);
	}

	/** Deletes the buckets that have drained completely: they limit nothing until written again. */
	@Scheduled(initialDelayString = "${marquee.rate-limit.sweep-interval:PT10M}",
			fixedDelayString = "${marquee.rate-limit.sweep-interval:PT10M}")
	void sweep() {
		// a level is at most the capacity plus what drained in REBASE_MS beyond its `at` (see advance)
		long drained = this.clock.millis() - (long) Math.ceil(this.capacity * 1000.0 / this.restoreRate) - REBASE_MS;
		collection().deleteMany(Filters.lt("at", new Date(drained)));
	}

	/** The level of a stored bucket now: drained since {@code at}, every unreadable value made safe. */
	double level(Stored stored, long now) {
		if (!(stored.level() instanceof Number number) || !(stored.at() instanceof Date at)) {
			return 0;
		}
		double level = number.doubleValue();
		if (Double.isNaN(level)) {
			return 0;
		}
		double drained = drained(at, now);
		// no write of ours leaves more than the capacity once drained: a bucket full at `at`, draining since
		double left = (level - drained > this.capacity) ? this.capacity - drained : level - drained;
		return Math.min(this.capacity, Math.max(0, left));
	}

	/** The points drained from a bucket between {@code at} and now (none for an {@code at} in the future). */
	private double drained(Date at, long now) {
		return Math.max(0, now - at.getTime()) * (double) this.restoreRate / 1000.0;
	}

	private Bucket taken(String key, long cost, long now) {
		return taken(key, new Stored((double) cost, new Date(now)), now, cost);
	}

	private Bucket taken(String key, Stored stored, long now, long cost) {
		this.written.put(key, stored);
		return new Bucket(key, level(stored, now), cost, true, stored, this.capacity, this.restoreRate);
	}

	private boolean insert(String key, long cost, long now) {
		try {
			collection().insertOne(new Document("_id", key).append("level", (double) cost).append("at", new Date(now)));
			return true;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Whether a bucket is as this class writes it: a number that, drained to now, is within the capacity (a
	 * refund may have taken it below 0), at an instant not more than {@link #REBASE_MS} ahead of now (another
	 * node's clock, or its write landing after this request read the time). Such a bucket is added to
	 * ({@link #advance}) or, when drained completely, started again ({@link #restart}); any other is replaced by
	 * a compare-and-set on both values. An {@code at} written later than {@code now}, and a bucket drained
	 * completely (the usual one of a caller spending less than the restore rate), went to the compare-and-set
	 * on the level, which the other node's reservations and this caller's refunds failed eight times over.
	 */
	private boolean written(Stored stored, long now) {
		return stored.level() instanceof Number level && !Double.isNaN(level.doubleValue())
				&& stored.at() instanceof Date at && at.getTime() <= now + REBASE_MS
				&& level.doubleValue() - drained(at, now) <= this.capacity;
	}

	/**
	 * Starts a bucket that has drained completely again with {@code cost}, on the condition that {@code at} is
	 * still the one read and it is still drained (a refund meanwhile only lowers the level, so it does not fail
	 * it). The bucket as stored after, or null when another request wrote it meanwhile.
	 */
	private Stored restart(String key, Stored seen, long cost, long now) {
		Date at = (Date) seen.at();
		Bson unchanged = Filters.and(Filters.eq("_id", key), Filters.eq("at", at),
				Filters.lte("level", drained(at, now)));
		Bson update = Updates.combine(Updates.set("level", (double) cost), Updates.set("at", new Date(now)));
		return updated(unchanged, update);
	}

	/**
	 * Adds {@code cost} to a bucket that has not drained completely, in one update on the condition that
	 * {@code at} is still the one read and the level, whatever refunds changed it meanwhile, still fits. Within
	 * {@link #REBASE_MS} of {@code at} it is one {@code $inc} of the level and {@code at} stays, so concurrent
	 * reservations on other nodes do not fail each other (they all keep {@code at}; a compare-and-set on the
	 * level lost to each other's reservations and refunds, and one moving {@code at} lost to the other node's
	 * reservations, 3 of 2,000 check-ins refused through the cluster). Later, it moves {@code at} to now with
	 * the drained level ({@code $inc} of the cost less what drained): the stored level stays near what it means.
	 * The bucket as stored after, or null when {@code at} moved or the cost no longer fits.
	 */
	private Stored advance(String key, Stored seen, long cost, long now) {
		Date at = (Date) seen.at();
		double drained = drained(at, now);
		Bson unchanged = Filters.and(Filters.eq("_id", key), Filters.eq("at", at), Filters.gte("level", drained),
				Filters.lte("level", this.capacity - cost + drained));
		Bson update = (now - at.getTime() < REBASE_MS) ? Updates.inc("level", (double) cost)
				: Updates.combine(Updates.inc("level", cost - drained), Updates.set("at", new Date(now)));
		return updated(unchanged, update);
	}

	/** The bucket as the update leaves it, or null when the condition matched nothing. */
	private Stored updated(Bson condition, Bson update) {
		Document after = collection().findOneAndUpdate(condition, update,
				new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
		return (after != null) ? new Stored(after.get("level"), after.get("at")) : null;
	}

	/** Replaces the bucket if it still holds the values read; the bucket as stored after, or null. */
	private Stored compareAndSet(String key, Stored seen, double level, long now) {
		Bson unchanged = Filters.and(Filters.eq("_id", key), Filters.eq("level", seen.level()),
				Filters.eq("at", seen.at()));
		Bson update = Updates.combine(Updates.set("level", level), Updates.set("at", new Date(now)));
		return (collection().updateOne(unchanged, update).getMatchedCount() == 1) ? new Stored(level, new Date(now))
				: null;
	}

	private Stored read(String key) {
		Document document = collection().find(Filters.eq("_id", key)).first();
		if (document == null) {
			this.written.invalidate(key);
			return null;
		}
		return new Stored(document.get("level"), document.get("at"));
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(COLLECTION);
	}

}
