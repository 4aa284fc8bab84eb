package dev.marquee.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock the nodes of a test read (give it to {@link TwoNodes#start(Clock, String...)}), moved by the test
 * instead of waiting: {@link #movable()} runs with the real time plus what the test advanced it by,
 * {@link #frozen()} stands still until the test moves it.
 */
public final class TestClock extends Clock {

	private final Instant frozenAt;

	private volatile Duration offset = Duration.ZERO;

	private TestClock(Instant frozenAt) {
		this.frozenAt = frozenAt;
	}

	/** The real time, plus what {@link #advance} added. */
	public static TestClock movable() {
		return new TestClock(null);
	}

	/** A whole second of now, moved only by {@link #advance}. */
	public static TestClock frozen() {
		return new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}

	public void advance(Duration by) {
		this.offset = this.offset.plus(by);
	}

	/** Back to the time it started from (the real time, for a movable clock). */
	public void reset() {
		this.offset = Duration.ZERO;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return ((this.frozenAt != null) ? this.frozenAt : Instant.now()).plus(this.offset);
	}

}
