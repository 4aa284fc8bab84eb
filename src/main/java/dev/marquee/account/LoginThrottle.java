package dev.marquee.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.marquee.security.SecurityProperties;
import org.bson.types.ObjectId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Throttles password guesses. Every guess is reserved <em>before</em> the password is checked, by a
 * compare-and-set on a counter in MongoDB ({@value #COLLECTION}), so a concurrent burst cannot get more
 * guesses evaluated than the limit, on one app node or on several sharing the database.
 * <p>
 * A sign-in reserves two counters:
 * <ul>
 * <li>per username and client ({@code client:<address>|<username>}): {@code maxFailures} guesses per
 * {@code window}; that client is then answered 429 until its window ends. Other clients are not
 * affected, so an attacker cannot lock the owner out.</li>
 * <li>per username ({@code account:<username>}), all clients together: the first {@code backoffAfter}
 * guesses are free; after that each guess must wait {@code backoffBase}, doubling per further failure up
 * to {@code backoffMax}. Many clients together are slowed down, and the owner is delayed by at most
 * {@code backoffMax}. Forgotten {@code window} after the last guess.</li>
 * </ul>
 * A right password gives its guesses back (the client counter is cleared, the account counter returns
 * the one guess), so the owner's own sign-ins never throttle it. Unknown usernames are counted like
 * existing ones: the answer reveals nothing. {@code changePassword} reserves one counter per account
 * ({@code password:<accountId>}), {@code maxFailures} wrong current passwords per {@code window}.
 * <p>
 * No TTL index (the embedded server does not apply them): each record carries {@code expiresAt} and
 * {@link #purge} deletes the expired ones now and then; an expired record limits nothing meanwhile.
 */
@Component
class LoginThrottle {

	static final String COLLECTION = "login_throttle";

	/** Longest username kept in a key: longer ones cannot exist and are throttled by their prefix. */
	private static final int MAX_KEY_USERNAME = 128;

	/** Compare-and-set attempts before a reservation gives up (only under a burst on one counter). */
	private static final int MAX_ATTEMPTS = 16;

	private final MongoTemplate mongo;

	private final SecurityProperties.Login limits;

	private final Clock clock;

	LoginThrottle(MongoTemplate mongo, SecurityProperties properties, Optional<Clock> clock) {
		this.mongo = mongo;
		this.limits = properties.login();
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * A reserved guess (with the counters to settle if the password is right), or, when none may be
	 * evaluated now, how long to wait.
	 */
	record Guess(List<String> keys, Duration retryAfter) {

		boolean allowed() {
			return this.retryAfter == null;
		}

		/** Whole seconds for a {@code Retry-After} header: rounded up, at least 1. */
		long retryAfterSeconds() {
			long seconds = this.retryAfter.toSeconds() + ((this.retryAfter.toNanosPart() > 0) ? 1 : 0);
			return Math.max(1, seconds);
		}

	}

	/** Reserves a sign-in guess for {@code username} from {@code client} (its remote address). */
	Guess reserveSignIn(String username, String client) {
		String user = username.toLowerCase(Locale.ROOT);
		if (user.length() > MAX_KEY_USERNAME) {
			user = user.substring(0, MAX_KEY_USERNAME);
		}
		// an address holds no '|', so the first one ends it
		String clientKey = "client:" + client + "|" + user;
		String accountKey = "account:" + user;
		Optional<Duration> wait = reserve(clientKey, false);
		if (wait.isPresent()) {
			return new Guess(List.of(), wait.get());
		}
		wait = reserve(accountKey, true);
		if (wait.isPresent()) {
			giveBack(clientKey);
			return new Guess(List.of(), wait.get());
		}
		return new Guess(List.of(clientKey, accountKey), null);
	}

	/** The password of a reserved sign-in guess was right: the owner's own guesses do not count. */
	void signedIn(Guess guess) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(guess.keys().get(0))), COLLECTION);
		giveBack(guess.keys().get(1));
	}

	/** Reserves a guess of the current password in {@code changePassword}. */
	Guess reservePasswordChange(ObjectId accountId) {
		String key = "password:" + accountId.toHexString();
		Optional<Duration> wait = reserve(key, false);
		return wait.map((w) -> new Guess(List.<String>of(), w)).orElseGet(() -> new Guess(List.of(key), null));
	}

	/** The current password was right. */
	void passwordChanged(Guess guess) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(guess.keys().get(0))), COLLECTION);
	}

	/** Deletes the records that no longer limit anything. */
	@Scheduled(initialDelayString = "${marquee.security.login.purge-interval:PT10M}",
			fixedDelayString = "${marquee.security.login.purge-interval:PT10M}")
	void purge() {
		this.mongo.remove(Query.query(Criteria.where("expiresAt").lte(Instant.now(this.clock))), COLLECTION);
	}

	/**
	 * Takes one guess from the counter under {@code key}, or answers the wait. {@code backoff}: the
	 * per-account rule (free guesses, then growing waits, window sliding with every guess); otherwise a
	 * cap of {@code maxFailures} per fixed window.
	 */
	private Optional<Duration> reserve(String key, boolean backoff) {
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			Instant now = Instant.now(this.clock);
			LoginAttempts current = this.mongo.findById(key, LoginAttempts.class);
			boolean live = current != null && current.windowEnds().isAfter(now);
			int guesses = live ? current.guesses() : 0;
			Instant windowEnds = live ? current.windowEnds() : now.plus(this.limits.window());
			if (!backoff && guesses >= this.limits.maxFailures()) {
				return Optional.of(Duration.between(now, windowEnds));
			}
			if (backoff && live && guesses >= this.limits.backoffAfter() && current.nextAt().isAfter(now)) {
				return Optional.of(Duration.between(now, current.nextAt()));
			}
			int taken = guesses + 1;
			Instant nextAt = now;
			if (backoff) {
				windowEnds = now.plus(this.limits.window());
				if (taken >= this.limits.backoffAfter()) {
					nextAt = now.plus(delay(taken - this.limits.backoffAfter()));
				}
			}
			Instant expiresAt = nextAt.isAfter(windowEnds) ? nextAt : windowEnds;
			if (write(key, current, taken, windowEnds, nextAt, expiresAt)) {
				return Optional.empty();
			}
		}
		// every attempt lost to a concurrent reservation of the same counter: a burst is under way
		return Optional.of(this.limits.backoffBase());
	}

	private boolean write(String key, LoginAttempts current, int guesses, Instant windowEnds, Instant nextAt,
			Instant expiresAt) {
		if (current == null) {
			try {
				this.mongo.insert(new LoginAttempts(key, guesses, windowEnds, nextAt, expiresAt, 1));
				return true;
			}
			catch (DuplicateKeyException ex) {
				return false;
			}
		}
		Query unchanged = Query.query(Criteria.where("_id").is(key).and("version").is(current.version()));
		Update update = new Update().set("guesses", guesses)
			.set("windowEnds", windowEnds)
			.set("nextAt", nextAt)
			.set("expiresAt", expiresAt)
			.inc("version", 1);
		return this.mongo.findAndModify(unchanged, update, LoginAttempts.class) != null;
	}

	/** Returns a guess that was reserved but not evaluated, or whose password was right. */
	private void giveBack(String key) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("guesses").gt(0)),
				new Update().inc("guesses", -1).inc("version", 1), LoginAttempts.class);
	}

	/** The back-off after {@code beyond} failures past the free ones: base × 2^beyond, at most max. */
	private Duration delay(int beyond) {
		if (beyond >= 30) {
			return this.limits.backoffMax();
		}
		Duration delay = this.limits.backoffBase().multipliedBy(1L << beyond);
		return (delay.compareTo(this.limits.backoffMax()) > 0) ? this.limits.backoffMax() : delay;
	}

}
