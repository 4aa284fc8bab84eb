package dev.marquee.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/**
 * Counts the MongoDB commands the application sends, by command name; handshake, monitoring and
 * session housekeeping commands are left out. Registered on the application's own client by
 * {@link IntegrationTestConfiguration}.
 */
public final class MongoCommandCounter implements CommandListener {

	static final Set<String> IGNORED = Set.of("hello", "ismaster", "ping", "buildinfo", "endsessions", "saslstart",
			"saslcontinue", "getlasterror", "killcursors");

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	/**
	 * Threads of the application's background work (the change log's follower, the webhook senders): their
	 * polling is no request's commands. The synchronous driver calls listeners on the sending thread.
	 */
	static final List<String> BACKGROUND_THREADS = List.of("changes-", "webhook-");

	@Override
	public void commandStarted(CommandStartedEvent event) {
		String name = event.getCommandName();
		String thread = Thread.currentThread().getName();
		if (BACKGROUND_THREADS.stream().anyMatch(thread::startsWith)) {
			return;
		}
		if (!IGNORED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
			this.counts.computeIfAbsent(name, (n) -> new AtomicInteger()).incrementAndGet();
		}
	}

	public void reset() {
		this.counts.clear();
	}

	/** Commands counted since the last reset, by name (sorted, for readable failures). */
	public Map<String, Integer> byName() {
		Map<String, Integer> snapshot = new TreeMap<>();
		this.counts.forEach((name, count) -> snapshot.put(name, count.get()));
		return snapshot;
	}

	public int total() {
		return byName().values().stream().mapToInt(Integer::intValue).sum();
	}

}
