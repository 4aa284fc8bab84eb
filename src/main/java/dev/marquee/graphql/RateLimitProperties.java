package dev.marquee.graphql;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-caller cost budgets of {@code /graphql} ({@link CostBudget}): a leaky bucket of {@code capacity} points
 * per caller that drains {@code restoreRate} points per second.
 *
 * @param enabled whether budgets are kept and enforced; off, answers still carry their costs (without
 *     {@code throttleStatus}) and no RateLimit headers
 * @param capacity points a caller may spend at once (a full bucket); a query costing more is refused outright
 * @param restoreRate points given back per second
 * @param trustedProxies direct peers (CIDR blocks or single addresses) whose {@code X-Forwarded-For} names the
 *     client; empty: the direct peer is the client
 * @param sweepInterval how often buckets that have drained completely are deleted
 */
@ConfigurationProperties("marquee.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("100000") long capacity,
		@DefaultValue("10000") long restoreRate, @DefaultValue List<String> trustedProxies,
		@DefaultValue("PT10M") Duration sweepInterval) {

	public RateLimitProperties {
		if (capacity < 1) {
			throw new IllegalArgumentException("marquee.rate-limit.capacity is at least 1 point, was " + capacity);
		}
		if (restoreRate < 1) {
			throw new IllegalArgumentException(
					"marquee.rate-limit.restore-rate is at least 1 point per second, was " + restoreRate);
		}
		// a list that does not parse stops the start, naming the entry
		TrustedProxies.parse(trustedProxies);
	}

}
