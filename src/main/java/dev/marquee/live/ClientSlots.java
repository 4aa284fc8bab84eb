package dev.marquee.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** How many of something each client holds on this node, at most {@code max} each. */
final class ClientSlots {

	private final Map<String, Integer> held = new ConcurrentHashMap<>();

	private final int max;

	ClientSlots(int max) {
		this.max = max;
	}

	/** One more for {@code client}, released by closing the handle (once); null when it holds the most already. */
	AutoCloseable acquire(String client) {
		boolean[] taken = { false };
		this.held.compute(client, (key, count) -> {
			int n = (count != null) ? count : 0;
			if (n >= this.max) {
				return count;
			}
			taken[0] = true;
			return n + 1;
		});
		if (!taken[0]) {
			return null;
		}
		AtomicBoolean released = new AtomicBoolean();
		return () -> {
			if (released.compareAndSet(false, true)) {
				this.held.computeIfPresent(client, (key, count) -> (count <= 1) ? null : count - 1);
			}
		};
	}

	int max() {
		return this.max;
	}

	/** What every client holds together. */
	int total() {
		return this.held.values().stream().mapToInt(Integer::intValue).sum();
	}

}
