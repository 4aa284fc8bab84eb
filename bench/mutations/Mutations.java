import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The organizer mutation mix of the benchmark kit (see docs/benchmarks.md), a closed-loop load driver on
 * java.net.http: for updateEvent, registerAttendee and checkIn, a warm-up and then a measured run at each
 * concurrency, every worker sending its next request as soon as the previous one answered.
 *
 * <ul>
 * <li>updateEvent: each cycle reads the edition's version fresh ({@code event(slug:)}), then updates its
 * name with that {@code expectedVersion}; latency is the update's alone. Under concurrency another worker
 * may win in between: VERSION_MISMATCH is an expected outcome, counted apart from successes.</li>
 * <li>registerAttendee: a different existing person per request (read from MongoDB: people not yet
 * registered for the edition), Relay ids {@code base64url("Person:" + hex)}, segments in rotation.</li>
 * <li>checkIn: the registrations the registerAttendee runs created, in order; should they run out, the
 * edition's generated registrations not yet checked in (the report says how many of each).</li>
 * </ul>
 *
 * Commands per request: one request on the otherwise idle app, the delta of
 * {@code mongodb_driver_commands_seconds_count} from /actuator/prometheus, as run.sh counts the queries.
 *
 * Usage: java -cp <driver jars>:. Mutations app-url mongo-uri user password duration-s warmup-s "1 32"
 * update-slug register-slug queries-dir scale out.jsonl
 */
public class Mutations {

	static final String[] SEGMENTS = { "EXECUTIVE", "PRODUCER", "POST_SUPERVISOR", "COORDINATOR", "CREATIVE",
			"TECHNOLOGIST", "VENDOR", "PRESS", "STUDENT", "OTHER" };

	static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).build();

	static String app;

	static String token;

	static Path queries;

	/** One request's outcome: latency, and the payload's first error code (null when none). */
	record Call(long nanos, int status, String code, Document data) {
	}

	interface Step {
		/** Sends one request and records it; false when there is nothing left to send. */
		boolean run(Stats stats) throws Exception;
	}

	static final class Stats {
		final List<Long> nanos = new ArrayList<>();
		final Map<String, Integer> outcomes = new TreeMap<>();

		synchronized void add(Call call) {
			nanos.add(call.nanos());
			String outcome = call.status() != 200 ? "HTTP_" + call.status() : call.code() == null ? "OK" : call.code();
			outcomes.merge(outcome, 1, Integer::sum);
		}
	}

	public static void main(String[] args) throws Exception {
		app = args[0];
		String mongoUri = args[1];
		String user = args[2], password = args[3];
		int duration = Integer.parseInt(args[4].replaceAll("s$", ""));
		int warmup = Integer.parseInt(args[5].replaceAll("s$", ""));
		int[] concurrencies = java.util.Arrays.stream(args[6].trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
		String updateSlug = args[7], registerSlug = args[8];
		queries = Path.of(args[9]);
		int scale = Integer.parseInt(args[10]);
		Path out = Path.of(args[11]);

		token = token(user, password);

		// ids from MongoDB: the two editions, people not yet registered for the second, its open registrations
		ObjectId updateEvent, registerEvent;
		List<String> people = new ArrayList<>();
		List<String> generatedOpen = new ArrayList<>();
		int poolSize = 20_000;
		try (MongoClient mongo = MongoClients.create(mongoUri)) {
			MongoDatabase db = mongo.getDatabase(mongoUri.replaceAll(".*/([^/?]+).*", "$1"));
			updateEvent = edition(db, updateSlug);
			registerEvent = edition(db, registerSlug);
			Set<ObjectId> registered = new HashSet<>();
			for (Document r : db.getCollection("registrations").find(Filters.eq("eventId", registerEvent))
				.projection(Projections.include("personId", "checkedInAt"))) {
				registered.add(r.getObjectId("personId"));
				if (r.get("checkedInAt") == null) {
					generatedOpen.add(globalId("Registration", r.getObjectId("_id")));
				}
			}
			for (Document p : db.getCollection("people").find().projection(Projections.include("_id")).limit(poolSize
					+ registered.size())) {
				if (!registered.contains(p.getObjectId("_id")) && people.size() < poolSize) {
					people.add(globalId("Person", p.getObjectId("_id")));
				}
			}
		}
		String updateId = globalId("Event", updateEvent), registerId = globalId("Event", registerEvent);
		log("update %s (%s); register for %s (%s): %,d people not yet registered, %,d generated registrations open",
				updateSlug, updateId, registerSlug, registerId, people.size(), generatedOpen.size());

		String versionQuery = read("event-version.graphql"), updateQuery = read("update-event.graphql");
		String registerQuery = read("register-attendee.graphql"), checkInQuery = read("check-in.graphql");
		AtomicInteger renames = new AtomicInteger();
		AtomicInteger nextPerson = new AtomicInteger();
		ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> fallback = new ConcurrentLinkedQueue<>(generatedOpen);
		AtomicInteger checkInsFromFallback = new AtomicInteger();

		Map<String, Step> steps = new LinkedHashMap<>();
		steps.put("updateEvent", (stats) -> {
			Call read = post(versionQuery, Map.of("slug", updateSlug), true);
			int version = ((Document) read.data().get("event")).getInteger("version");
			Call update = post(updateQuery, Map.of("id", updateId, "expectedVersion", version, "name",
					"Synthetic Series 0001 edition renamed " + renames.incrementAndGet()), true);
			stats.add(update);
			return true;
		});
		steps.put("registerAttendee", (stats) -> {
			int i = nextPerson.getAndIncrement();
			if (i >= people.size()) {
				return false;
			}
			Call call = post(registerQuery, Map.of("eventId", registerId, "personId", people.get(i), "segment",
					SEGMENTS[i % SEGMENTS.length]), true);
			stats.add(call);
			Document reg = payload(call, "registerAttendee").get("registration", Document.class);
			if (reg != null) {
				created.add(reg.getString("id"));
			}
			return true;
		});
		steps.put("checkIn", (stats) -> {
			String id = created.poll();
			if (id == null) {
				id = fallback.poll();
				if (id == null) {
					return false;
				}
				checkInsFromFallback.incrementAndGet();
			}
			stats.add(post(checkInQuery, Map.of("registrationId", id), true));
			return true;
		});

		// commands per request, each on the idle app, before any load
		Map<String, Long> commands = new LinkedHashMap<>();
		for (Map.Entry<String, Step> step : steps.entrySet()) {
			long before = commandsTotal();
			if (step.getKey().equals("updateEvent")) {
				// the fresh read and the update counted apart
				Call read = post(versionQuery, Map.of("slug", updateSlug), true);
				long afterRead = commandsTotal();
				commands.put("updateEvent.read", afterRead - before);
				int version = ((Document) read.data().get("event")).getInteger("version");
				post(updateQuery, Map.of("id", updateId, "expectedVersion", version, "name", "Synthetic Series 0001 edition renamed 0"), true);
				commands.put("updateEvent", commandsTotal() - afterRead);
			}
			else {
				step.getValue().run(new Stats());
				commands.put(step.getKey(), commandsTotal() - before);
			}
		}
		log("commands per request: %s", commands);

		for (Map.Entry<String, Step> step : steps.entrySet()) {
			for (int c : concurrencies) {
				String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
				run(step.getValue(), c, warmup);
				int fallbackBefore = checkInsFromFallback.get();
				long c0 = commandsTotal();
				long t0 = System.nanoTime();
				Stats stats = run(step.getValue(), c, duration);
				double seconds = (System.nanoTime() - t0) / 1e9;
				long c1 = commandsTotal();
				List<Long> sorted = new ArrayList<>(stats.nanos);
				Collections.sort(sorted);
				int n = sorted.size();
				int ok = stats.outcomes.getOrDefault("OK", 0);
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("scale", scale);
				row.put("mutation", step.getKey());
				row.put("concurrency", c);
				row.put("load1", Double.parseDouble(load));
				row.put("requests", n);
				row.put("duration_s", round(seconds, 3));
				row.put("rps", round(n / seconds, 2));
				row.put("ok", ok);
				row.put("ok_rps", round(ok / seconds, 2));
				row.put("outcomes", new Document(new LinkedHashMap<>(stats.outcomes)));
				row.put("p50_ms", round(percentile(sorted, 50), 3));
				row.put("p90_ms", round(percentile(sorted, 90), 3));
				row.put("p99_ms", round(percentile(sorted, 99), 3));
				row.put("max_ms", n == 0 ? 0 : round(sorted.get(n - 1) / 1e6, 3));
				row.put("commands_per_request", commands.get(step.getKey()));
				if (step.getKey().equals("updateEvent")) {
					row.put("commands_per_fresh_read", commands.get("updateEvent.read"));
				}
				row.put("commands_per_request_run", n == 0 ? null : round((double) (c1 - c0) / n, 2));
				if (step.getKey().equals("checkIn")) {
					row.put("from_generated_registrations", checkInsFromFallback.get() - fallbackBefore);
				}
				row.put("ran_out", seconds < duration - 0.5);
				String json = new Document(row).toJson();
				Files.writeString(out, json + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
				log("%s", json);
			}
		}
	}

	/** Closed loop: c workers for the given seconds; a worker stops early when its step has nothing left. */
	static Stats run(Step step, int c, int seconds) throws InterruptedException {
		Stats stats = new Stats();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < c; i++) {
			Thread t = new Thread(() -> {
				try {
					while (System.nanoTime() < end && step.run(stats)) {
					}
				}
				catch (Exception ex) {
					throw new RuntimeException(ex);
				}
			});
			t.start();
			workers.add(t);
		}
		for (Thread t : workers) {
			t.join();
		}
		return stats;
	}

	static Call post(String query, Map<String, ?> variables, boolean auth) throws Exception {
		String body = new Document(Map.of("query", query, "variables", new Document(variables))).toJson();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app + "/graphql"))
			.timeout(Duration.ofSeconds(120))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (auth) {
			request.header("Authorization", "Bearer " + token);
		}
		long t0 = System.nanoTime();
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		long nanos = System.nanoTime() - t0;
		Document json = response.statusCode() == 200 ? Document.parse(response.body()) : new Document();
		Document data = json.get("data", Document.class);
		String code = null;
		if (json.containsKey("errors")) {
			code = "GRAPHQL_ERROR";
			log("GraphQL error: %s", response.body().substring(0, Math.min(300, response.body().length())));
		}
		else if (data != null) {
			for (Object v : data.values()) {
				if (v instanceof Document payload && payload.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
					code = ((Document) errors.get(0)).getString("code");
				}
			}
		}
		return new Call(nanos, response.statusCode(), code, data == null ? new Document() : data);
	}

	static Document payload(Call call, String field) {
		Document p = call.data().get(field, Document.class);
		return p == null ? new Document() : p;
	}

	static String token(String user, String password) throws Exception {
		String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app + "/auth/token"))
			.header("Authorization", "Basic " + basic)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("POST /auth/token answered " + response.statusCode() + ": " + response.body());
		}
		return Document.parse(response.body()).getString("access_token");
	}

	static long commandsTotal() throws Exception {
		// run.sh starts the app with MARQUEE_METRICS_SCRAPE_TOKEN: the scrape endpoint needs it
		String text = http.send(HttpRequest.newBuilder(URI.create(app + "/actuator/prometheus"))
			.header("Authorization", "Bearer " + System.getenv().getOrDefault("MARQUEE_METRICS_SCRAPE_TOKEN", ""))
			.build(),
				HttpResponse.BodyHandlers.ofString()).body();
		double sum = 0;
		for (String line : text.split("\n")) {
			if (line.startsWith("mongodb_driver_commands_seconds_count")) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return (long) sum;
	}

	static String globalId(String type, ObjectId id) {
		return Base64.getUrlEncoder().withoutPadding()
			.encodeToString((type + ":" + id.toHexString()).getBytes(StandardCharsets.UTF_8));
	}

	static double percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.size());
		return sorted.get(Math.max(0, rank - 1)) / 1e6;
	}

	static double round(double v, int digits) {
		double f = Math.pow(10, digits);
		return Math.round(v * f) / f;
	}

	static String read(String file) throws Exception {
		return Files.readString(queries.resolve(file));
	}

	static void log(String format, Object... args) {
		System.err.println("[mutations] " + String.format(Locale.ROOT, format, args));
	}


	/**
	 * The edition with this slug or, when the hub has none (each scale draws its own years), the latest
	 * completed edition of the same series ({@code synthetic-series-0002-2024} → {@code synthetic-series-0002-*}).
	 */
	static ObjectId edition(MongoDatabase db, String slug) {
		Document found = db.getCollection("events").find(Filters.eq("slug", slug)).first();
		if (found == null) {
			String series = slug.replaceAll("-\\d{4}$", "");
			found = db.getCollection("events")
				.find(Filters.and(Filters.regex("slug", "^" + java.util.regex.Pattern.quote(series + "-")),
						Filters.eq("status", "COMPLETED")))
				.sort(Sorts.descending("startsAt"))
				.first();
			if (found == null) {
				throw new IllegalStateException("no edition " + slug + " nor a completed edition of " + series);
			}
			System.err.println("[mutations] no edition " + slug + "; using " + found.getString("slug"));
		}
		return found.getObjectId("_id");
	}

}
