package dev.marquee.webhooks;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Webhooks (README, "Webhooks"; docs/architecture.md, "Webhooks").
 *
 * @param allowPrivateTargets accept targets on loopback, private, link-local, CGNAT, multicast and
 *     unspecified addresses (tests and development only: otherwise a webhook could reach the hub's own
 *     network)
 * @param allowHttp accept {@code http://} targets as well as {@code https://} (tests and development only)
 * @param timeout one attempt, from connecting to the end of the answer's first bytes; longer is a failure
 * @param retrySchedule the waits before each retry after a failed attempt (each varied by {@code jitter});
 *     after the last one fails the delivery is FAILED, so attempts = 1 + its length
 * @param jitter each wait is multiplied by a random factor in [1 - jitter, 1 + jitter]
 * @param workers attempts sent at once by one node; further due deliveries wait for a free worker
 * @param pollInterval how often a node looks for due deliveries and how long a new one waits at most
 * @param maxResponseBytes how much of a receiver's answer is read (status line, headers and body); the
 *     rest is never read
 * @param maxUrlLength longest target URL accepted
 * @param maxPerSeries active webhooks a series may have
 * @param retention how long a finished (DELIVERED or FAILED) delivery is kept after it finished; then the
 *     sweep deletes it, log and body
 * @param sweepInterval how often each node deletes the finished deliveries older than the retention
 * @param maxLoggedAttempts attempts kept in a delivery's log, the newest ones (its {@code attempts} count
 *     stays exact): redeliveries cannot grow a delivery without bound
 */
@ConfigurationProperties("marquee.webhooks")
public record WebhooksProperties(@DefaultValue("false") boolean allowPrivateTargets,
		@DefaultValue("false") boolean allowHttp, @DefaultValue("10s") Duration timeout,
		@DefaultValue({ "5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h" }) List<Duration> retrySchedule,
		@DefaultValue("0.2") double jitter, @DefaultValue("4") int workers, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("8KB") DataSize maxResponseBytes, @DefaultValue("2000") int maxUrlLength,
		@DefaultValue("20") int maxPerSeries, @DefaultValue("30d") Duration retention,
		@DefaultValue("1h") Duration sweepInterval, @DefaultValue("50") int maxLoggedAttempts) {

	/** Attempts before a delivery is FAILED: the first one and one per wait of the schedule. */
	int maxAttempts() {
		return 1 + this.retrySchedule.size();
	}

}
