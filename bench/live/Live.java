import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live-updates benchmark (docs/benchmarks.md): N WebSocket subscribers to {@code attendanceChanged} of one
 * new edition while check-ins arrive at R per second ({@code registerAttendee} then {@code checkIn} over
 * GraphQL, signed in as the first admin; with {@code -Dregister=before} every attendee is registered while the
 * edition is prepared and a check-in is the {@code checkIn} alone, as at an event's door).
 *
 * <ul>
 * <li>Latency: for a message saying {@code checkedIn = c}, its arrival minus the time the c-th check-in's
 * {@code checkIn} was acknowledged (acknowledgements sorted by time; coalesced messages skip values, each
 * message counts once).</li>
 * <li>Sequence check, per subscriber: no two messages in a row say the same (registered, checkedIn) (a
 * duplicate), neither counter ever shrinks (a reordering), and the last message says the edition's final
 * {@code checkedIn}, read by query at the end (a missing last value is a loss). Coalescing may skip values in between: the
 * subscription promises the latest value, not every step.</li>
 * <li>Heap per idle subscriber: the app's heap after a full GC ({@code jcmd <pid> GC.run}, then
 * {@code jvm_memory_used_bytes{area="heap"}}) with the N subscribers connected and idle, minus before they
 * connected, divided by N; and the heap freed per subscriber: with them minus after they all closed their sockets
 * (the node's {@code marquee.live.connections} back at 0), divided by N. The first counts what grew meanwhile
 * for other reasons too (the embedded database's page cache), the second misses what a subscriber would leave
 * behind; the heap-histogram runs report both. Needs the app's pid and the scrape token
 * (MARQUEE_METRICS_SCRAPE_TOKEN).</li>
 * </ul>
 *
 * The app must allow N sockets and subscriptions from one address:
 * {@code --marquee.live.max-connections-per-client=N --marquee.live.max-subscriptions-per-client=N}.
 *
 * {@code -Dhold=S} keeps the subscribers connected and idle S seconds before the check-ins (take a heap histogram
 * of the app meanwhile: {@code jmap -histo:live <pid>}).
 *
 * Usage: java [-Dhold=S] bench/live/Live.java app-url admin-user admin-password subscribers checkins-per-s duration-s [app-pid]
 */
public class Live {

	static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).build();

	static String app;

	static String token;

	public static void main(String[] args) throws Exception {
		app = args[0];
		token = signIn(args[1], args[2]);
		int subscribers = Integer.parseInt(args[3]);
		int rate = Integer.parseInt(args[4]);
		int seconds = Integer.parseInt(args[5]);
		String pid = (args.length > 6) ? args[6] : null;
		int checkIns = rate * seconds;

		String suffix = Long.toString(System.currentTimeMillis(), 36);
		String seriesId = field(graphql("mutation($i: CreateSeriesInput!) { createSeries(input: $i) { series { id } errors { message } } }",
				"{\"i\": {\"slug\": \"live-bench-" + suffix + "\", \"name\": \"Live bench\"}}"), "id");
		String slug = "live-bench-" + suffix + "-2027";
		String eventId = field(graphql("mutation($i: CreateEventInput!) { createEvent(input: $i) { event { id } errors { message } } }",
				"{\"i\": {\"seriesId\": \"" + seriesId + "\", \"slug\": \"" + slug + "\", \"name\": \"Live bench 2027\", "
						+ "\"startsAt\": \"2027-06-01T09:00:00Z\", \"endsAt\": \"2027-06-01T17:00:00Z\", \"timeZone\": \"UTC\"}}"), "id");
		graphql("mutation($id: ID!) { publishEvent(id: $id) { errors { message } } }", "{\"id\": \"" + eventId + "\"}");
		List<String> people = new ArrayList<>();
		for (int i = 0; i < checkIns; i++) {
			people.add(field(graphql("mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } errors { message } } }",
					"{\"i\": {\"name\": \"Bench attendee " + i + "\"}}"), "id"));
		}
		// -Dregister=before: every attendee is registered now, and a check-in is the checkIn alone (as at the door
		// of an event whose registrations came in the weeks before); default (with): registerAttendee then checkIn
		boolean registerBefore = "before".equals(System.getProperty("register", "with"));
		String[] registrations = new String[checkIns];
		if (registerBefore) {
			ExecutorService registering = Executors.newFixedThreadPool(8);
			List<java.util.concurrent.Future<?>> registered = new ArrayList<>();
			for (int i = 0; i < checkIns; i++) {
				int n = i;
				registered.add(registering.submit(() -> {
					registrations[n] = register(eventId, people.get(n));
					return null;
				}));
			}
			for (java.util.concurrent.Future<?> f : registered) {
				f.get();
			}
			registering.shutdown();
		}
		System.err.printf("prepared %s with %d people%s%n", slug, people.size(), registerBefore ? ", registered" : "");

		Long heapBefore = (pid != null) ? heapAfterGc(pid) : null;
		List<Subscriber> all = new ArrayList<>();
		CountDownLatch first = new CountDownLatch(subscribers);
		for (int i = 0; i < subscribers; i++) {
			Subscriber s = new Subscriber(first);
			all.add(s);
			s.socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
				.buildAsync(URI.create(app.replaceFirst("^http", "ws") + "/graphql"), s).get(30, TimeUnit.SECONDS);
			s.socket.sendText("{\"type\":\"connection_init\"}", true).get();
			s.socket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { attendanceChanged(eventSlug: \\\""
					+ slug + "\\\") { registered checkedIn } }\"}}", true).get();
		}
		if (!first.await(120, TimeUnit.SECONDS)) {
			throw new IllegalStateException(first.getCount() + " subscribers got no first message");
		}
		Long heapWith = (pid != null) ? heapAfterGc(pid) : null;
		System.err.printf("%d subscribers connected%n", subscribers);
		// -Dhold=S: keep them connected and idle S seconds more (a heap histogram or dump of the app meanwhile)
		long hold = Long.getLong("hold", 0L);
		if (hold > 0) {
			System.err.printf("holding %d s%n", hold);
			Thread.sleep(hold * 1000);
		}

		List<Long> acks = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger failures = new AtomicInteger();
		ExecutorService writers = Executors.newFixedThreadPool(Integer.getInteger("writers", 16));
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		AtomicInteger next = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(checkIns);
		long start = System.nanoTime();
		ticker.scheduleAtFixedRate(() -> {
			int n = next.getAndIncrement();
			if (n >= checkIns) {
				return;
			}
			writers.execute(() -> {
				try {
					String registration = registerBefore ? registrations[n] : register(eventId, people.get(n));
					String answer = graphql("mutation($id: ID!) { checkIn(registrationId: $id) { registration { id } errors { message } } }",
							"{\"id\": \"" + registration + "\"}");
					if (answer.contains("\"errors\":[]")) {
						acks.add(System.nanoTime());
					}
					else if (failures.incrementAndGet() <= 3) {
						System.err.println("check-in " + n + " failed: " + answer);
					}
				}
				catch (Exception ex) {
					if (failures.incrementAndGet() <= 3) {
						System.err.println("check-in " + n + " failed: " + ex);
					}
				}
				finally {
					done.countDown();
				}
			});
		}, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
		done.await(seconds * 10L + 60, TimeUnit.SECONDS);
		long writesEnd = System.nanoTime();
		ticker.shutdownNow();
		writers.shutdown();
		// what the edition says at the end (a write whose answer was lost may still have counted)
		int total = Integer.parseInt(Live.match(graphql("query($s: String!) { event(slug: $s) { attendance { checkedIn } } }",
				"{\"s\": \"" + slug + "\"}")	, CHECKED_IN));
		// the last messages: wait until every subscriber says the total, or 30 s
		long waitUntil = System.nanoTime() + 30_000_000_000L;
		while (System.nanoTime() < waitUntil && all.stream().anyMatch((s) -> s.lastCheckedIn.get() < total)) {
			Thread.sleep(50);
		}
		long end = System.nanoTime();

		List<Long> sortedAcks = new ArrayList<>(acks);
		Collections.sort(sortedAcks);
		List<Long> latencies = new ArrayList<>();
		long messages = 0;
		int duplicates = 0;
		int reordered = 0;
		int lost = 0;
		for (Subscriber s : all) {
			int previous = -1;
			int previousRegistered = -1;
			for (long[] m : s.messages) {
				int checkedIn = (int) m[1];
				if (checkedIn == previous && m[2] == previousRegistered) {
					duplicates++;
				}
				else if (checkedIn < previous || m[2] < previousRegistered) {
					reordered++;
				}
				if (checkedIn > 0 && checkedIn <= sortedAcks.size() && previous >= 0) {
					latencies.add(m[0] - sortedAcks.get(checkedIn - 1));
				}
				if (previous >= 0) {
					messages++;
				}
				previous = checkedIn;
				previousRegistered = (int) m[2];
			}
			if (previous != total) {
				lost++;
			}
		}
		Collections.sort(latencies);
		double seconds_ = (end - start) / 1e9;
		// the subscribers leave (close 1000), then the heap once the node holds none of their sockets
		Long heapAfter = null;
		if (pid != null) {
			for (Subscriber s : all) {
				s.socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
			}
			long closedBy = System.nanoTime() + 30_000_000_000L;
			while (openSockets() > 0 && System.nanoTime() < closedBy) {
				Thread.sleep(100);
			}
			heapAfter = heapAfterGc(pid);
		}
		System.out.printf(Locale.ROOT,
				"{\"subscribers\": %d, \"checkInsPerSecond\": %d, \"checkIns\": %d, \"writeFailures\": %d, \"writeSeconds\": %.1f, "
						+ "\"messages\": %d, \"messagesPerSecond\": %.0f, \"latencyP50Ms\": %.1f, \"latencyP99Ms\": %.1f, "
						+ "\"latencyMaxMs\": %.1f, \"duplicates\": %d, \"reordered\": %d, \"subscribersMissingTheLastValue\": %d, "
						+ "\"heapBeforeBytes\": %s, \"heapWithSubscribersBytes\": %s, \"heapAfterTheyLeftBytes\": %s, "
						+ "\"heapPerIdleSubscriberBytes\": %s, \"heapFreedPerSubscriberBytes\": %s}%n",
				subscribers, rate, total, failures.get(), (writesEnd - start) / 1e9, messages, messages / seconds_,
				percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0), duplicates, reordered,
				lost, heapBefore, heapWith, heapAfter,
				(heapBefore != null) ? String.valueOf((heapWith - heapBefore) / subscribers) : "null",
				(heapAfter != null) ? String.valueOf((heapWith - heapAfter) / subscribers) : "null");
		for (Subscriber s : all) {
			s.socket.abort();
		}
		System.exit(0);
	}

	static String register(String eventId, String personId) throws Exception {
		return field(graphql("mutation($i: RegisterAttendeeInput!) { registerAttendee(input: $i) { registration { id } errors { message } } }",
				"{\"i\": {\"eventId\": \"" + eventId + "\", \"personId\": \"" + personId + "\", \"segment\": \"PRODUCER\"}}"), "id");
	}

	static double percentile(List<Long> sorted, double p) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(p * sorted.size()) - 1));
		return sorted.get(index) / 1e6;
	}

	static String match(String text, Pattern pattern) {
		Matcher m = pattern.matcher(text);
		if (!m.find()) {
			throw new IllegalStateException("No " + pattern + " in " + text);
		}
		return m.group(1);
	}

	static final Pattern CHECKED_IN = Pattern.compile("\"checkedIn\":(\\d+)");

	static final Pattern REGISTERED = Pattern.compile("\"registered\":(\\d+)");

	/** One subscriber: every {@code next} as (arrival nanos, checkedIn, registered). */
	static final class Subscriber implements WebSocket.Listener {

		final ConcurrentLinkedQueue<long[]> messages = new ConcurrentLinkedQueue<>();

		final AtomicLong lastCheckedIn = new AtomicLong(-1);

		final CountDownLatch first;

		WebSocket socket;

		private final StringBuilder partial = new StringBuilder();

		Subscriber(CountDownLatch first) {
			this.first = first;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			long at = System.nanoTime();
			this.partial.append(data);
			if (last) {
				String text = this.partial.toString();
				this.partial.setLength(0);
				if (text.contains("\"type\":\"ping\"")) {
					webSocket.sendText("{\"type\":\"pong\"}", true);
				}
				else if (text.contains("\"type\":\"next\"")) {
					Matcher c = CHECKED_IN.matcher(text);
					Matcher r = REGISTERED.matcher(text);
					if (c.find() && r.find()) {
						long checkedIn = Long.parseLong(c.group(1));
						this.messages.add(new long[] { at, checkedIn, Long.parseLong(r.group(1)) });
						if (this.lastCheckedIn.getAndSet(checkedIn) < 0) {
							this.first.countDown();
						}
					}
				}
				else if (!text.contains("connection_ack")) {
					System.err.println("unexpected: " + text);
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			System.err.println("closed " + statusCode + " " + reason);
			return null;
		}

	}

	static String signIn(String user, String password) throws Exception {
		String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app + "/auth/token"))
			.header("Authorization", "Basic " + basic)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("POST /auth/token answered " + response.statusCode() + ": " + response.body());
		}
		return field(response.body(), "access_token");
	}

	static String graphql(String query, String variables) throws Exception {
		String body = "{\"query\": \"" + query.replace("\"", "\\\"") + "\", \"variables\": " + variables + "}";
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app + "/graphql"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200 || (query.startsWith("mutation") && !response.body().contains("\"errors\":[]"))) {
			throw new IllegalStateException("GraphQL answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException("No " + name + " in " + json);
		}
		return m.group(1);
	}

	/** The node's {@code marquee.live.connections} gauge. */
	static long openSockets() throws Exception {
		for (String line : metrics().split("\n")) {
			if (line.startsWith("marquee_live_connections")) {
				return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		throw new IllegalStateException("No marquee_live_connections in /actuator/prometheus");
	}

	static String metrics() throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(app + "/actuator/prometheus"))
			.header("Authorization", "Bearer " + System.getenv().getOrDefault("MARQUEE_METRICS_SCRAPE_TOKEN", token))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	static long heapAfterGc(String pid) throws Exception {
		Process gc = new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start();
		gc.getInputStream().readAllBytes();
		gc.waitFor();
		String text = metrics();
		long sum = 0;
		for (String line : text.split("\n")) {
			if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
				sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

}
