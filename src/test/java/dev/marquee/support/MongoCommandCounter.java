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
	 * Threads of the application's background work (the change log's follower, the webhook senders, and
	 * Spring's scheduler, which runs the sweeps and moves the webhook checkpoint once a second): their
	 * commands are no request's. The synchronous driver calls listeners on the sending thread.
	 */
	static final List<String> BACKGROUND_THREADS = List.of("changes-", "webhook-", "scheduling-");

	/** Whether this thread is one of the application's background workers, whose commands are no request's. */
	public static boolean onBackgroundThread() {
		String thread = Thread.currentThread().getName();
		return BACKGROUND_THREADS.stream().anyMatch(thread::startsWith);
	}

	private final Map<String, AtomicInteger> targets = new ConcurrentHashMap<>();

	@Override
	public void commandStarted(CommandStartedEvent event) {
		String name = event.getCommandName();
		if (onBackgroundThread()) {
			return;
		}
		if (!IGNORED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
			this.counts.computeIfAbsent(name, (n) -> new AtomicInteger()).incrementAndGet();
			org.bson.BsonValue collection = event.getCommand().get(name);
			String target = name + " " + ((collection != null && collection.isString()) ? collection.asString().getValue() : "");
			this.targets.computeIfAbsent(target, (n) -> new AtomicInteger()).incrementAndGet();
		}
	}

	public void reset() {
		this.counts.clear();
		this.targets.clear();
	}

	/**
	 * Commands counted since the last reset, by name and the collection they name ({@code "find events"}), for
	 * tests that must tell their own reads from background ones (the change feed's polling).
	 */
	public Map<String, Integer> byTarget() {
		Map<String, Integer> snapshot = new TreeMap<>();
		this.targets.forEach((target, count) -> snapshot.put(target, count.get()));
		return snapshot;
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
