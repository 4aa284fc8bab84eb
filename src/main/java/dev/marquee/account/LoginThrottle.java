package dev.marquee.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.marquee.security.SecurityProperties;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@code maxFailures} failed sign-ins for one username within
 * {@code window}, that username waits {@code lockout} (whether or not it exists, so the answer reveals
 * nothing). Kept in memory: one instance's view; behind several instances each throttles on its own.
 */
@Component
class LoginThrottle {

	private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

	private final SecurityProperties.Login limits;

	private final Clock clock;

	LoginThrottle(SecurityProperties properties, Optional<Clock> clock) {
		this.limits = properties.login();
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** How long this username must still wait, if it is throttled. */
	Optional<Duration> retryAfter(String username) {
		Failures f = this.failures.get(key(username));
		Instant now = Instant.now(this.clock);
		if (f == null || f.lockedUntil() == null || !f.lockedUntil().isAfter(now)) {
			return Optional.empty();
		}
		return Optional.of(Duration.between(now, f.lockedUntil()));
	}

	void failed(String username) {
		Instant now = Instant.now(this.clock);
		if (this.failures.size() > 100_000) {
			this.failures.values().removeIf((f) -> f.windowStart().plus(this.limits.window()).isBefore(now));
		}
		this.failures.compute(key(username), (k, f) -> {
			if (f == null || f.windowStart().plus(this.limits.window()).isBefore(now)) {
				f = new Failures(now, 0, null);
			}
			int count = f.count() + 1;
			Instant locked = (count >= this.limits.maxFailures()) ? now.plus(this.limits.lockout()) : f.lockedUntil();
			return new Failures(f.windowStart(), (count >= this.limits.maxFailures()) ? 0 : count, locked);
		});
	}

	void succeeded(String username) {
		this.failures.remove(key(username));
	}

	private static String key(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	private record Failures(Instant windowStart, int count, Instant lockedUntil) {
	}

}
