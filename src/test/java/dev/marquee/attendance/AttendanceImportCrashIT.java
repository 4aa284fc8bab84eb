package dev.marquee.attendance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import dev.marquee.account.Account;
import dev.marquee.event.AudienceSegment;
import dev.marquee.series.EventSeries;
import dev.marquee.support.ChildApplication;
import dev.marquee.support.Fixtures;
import dev.marquee.support.IntegrationTest;
import dev.marquee.support.StandaloneApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CSV import is all or nothing also across a crash: the service runs as a child JVM on the embedded
 * default, is killed ({@code destroyForcibly}) at several points of a large import, and started again
 * on the same data directory; the edition then holds none of the file or all of it, and its counters
 * equal a recount. The file updates the segment and check-in of registrations already there and adds
 * new ones, so every kind of write the import does is under test.
 */
class AttendanceImportCrashIT {

	static final int EXISTING = 1000;

	static final int ROWS = 5000;

	static final AudienceSegment[] SEGMENTS = AudienceSegment.values();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path work;

	/** What the test waits for before it kills the service. */
	enum KillPoint {

		/**
		 * half of the new registrations visible through a second connection: the import is applying, and
		 * its first batches are seconds old (so also in a file that commits in the background)
		 */
		MID_APPLY,

		/** a random moment in the first half of the time the earlier round took to get there (reading, staging) */
		RANDOM_EARLY,

		/** a random moment up to twice that long (anywhere in the import, or after it) */
		RANDOM

	}

	@Test
	void anImportKilledAtAnyPointLeavesNoneOrAllOfTheFileAndCountersEqualToARecount() throws Exception {
		Path dataDir = this.work.resolve("data");
		long seed = Long.getLong("marquee.it.crash-seed", System.nanoTime());
		Random random = new Random(seed);
		System.out.println("[crash] seed " + seed + " (-Dmarquee.it.crash-seed to repeat)");
		KillPoint[] points = KillPoint.values();
		String token;
		try (StandaloneApplication app = StandaloneApplication.start(dataDir, "never")) {
			Fixtures fixtures = app.fixtures();
			for (int c = 0; c < 5; c++) {
				fixtures.company("company-" + c, "Company " + c);
			}
			EventSeries series = fixtures.series("crash", "Crash");
			for (KillPoint point : points) {
				fixtures.event(series, slug(point)).create();
			}
			Account organizer = fixtures.organizer("crash-organizer", series);
			token = fixtures.token(organizer);
			for (KillPoint point : points) {
				HttpResponse<String> base = post(app.port(), token, slug(point), baseFile()).get(5, TimeUnit.MINUTES);
				assertThat(base.statusCode()).as(base.body()).isEqualTo(200);
			}
		}
		Set<String> before = rows(baseFile());
		Set<String> after = merged(baseFile(), crashFile());
		long midApplyMillis = 0;
		ChildApplication child = ChildApplication.start(dataDir);
		try {
			for (KillPoint point : points) {
				GraphQlTester graphQl = signedIn(child, token);
				long started = System.nanoTime();
				CompletableFuture<HttpResponse<String>> answer = post(child.port(), token, slug(point), crashFile());
				switch (point) {
					case MID_APPLY -> {
						while (!answer.isDone() && registered(graphQl, slug(point)) < EXISTING + (ROWS - EXISTING) / 2) {
							Thread.onSpinWait();
						}
						midApplyMillis = Math.max(2, (System.nanoTime() - started) / 1_000_000);
					}
					case RANDOM_EARLY -> awaitAtMost(answer, random.nextLong(midApplyMillis / 2) + 1);
					case RANDOM -> awaitAtMost(answer, random.nextLong(2 * midApplyMillis) + 1);
				}
				System.out.printf("[crash] %s: killed after %d ms, answered before: %s%n", point,
						(System.nanoTime() - started) / 1_000_000, answer.isDone());
				child.kill();

				// the restart repairs before it serves; what it serves is checked over HTTP
				child = ChildApplication.start(dataDir);
				Set<String> held = rows(export(child.port(), token, slug(point)));
				assertThat(held.equals(before) || held.equals(after))
					.as("%s: after the restart the edition holds %d rows, %d as before the import and %d as after it;"
							+ " expected exactly the %d before or the %d after", point, held.size(), common(held, before),
							common(held, after), before.size(), after.size())
					.isTrue();
				assertThat(counters(signedIn(child, token), slug(point)))
					.as("%s: counters equal a recount", point)
					.isEqualTo(recount(held));
				System.out.printf("[crash] %s: after the restart the edition holds %s%n", point,
						held.equals(before) ? "none of the file" : "all of the file");
			}
		}
		finally {
			child.close();
		}
	}

	private static GraphQlTester signedIn(ChildApplication child, String token) {
		return IntegrationTest.graphQlAt(child.port()).mutate().header("Authorization", "Bearer " + token).build();
	}

	private static String slug(KillPoint point) {
		return "crash-" + point.name().toLowerCase().replace('_', '-');
	}

	/** The rows already there before the crashing import. */
	private static String baseFile() {
		StringBuilder csv = new StringBuilder(AttendanceCsvIT.HEADER);
		for (int i = 0; i < EXISTING; i++) {
			csv.append(row(i, SEGMENTS[i % SEGMENTS.length], (i % 4 == 0) ? "2026-06-01T09:30:00Z" : "false"));
		}
		return csv.toString();
	}

	/** Moves every existing row to another segment, checks a third of the rows in, adds the rest. */
	private static String crashFile() {
		StringBuilder csv = new StringBuilder(AttendanceCsvIT.HEADER);
		for (int i = 0; i < ROWS; i++) {
			csv.append(row(i, SEGMENTS[(i + 1) % SEGMENTS.length], (i % 3 == 0) ? "2026-06-01T10:00:00Z" : "false"));
		}
		return csv.toString();
	}

	private static String row(int i, AudienceSegment segment, String checkedIn) {
		return "Person " + i + ",person" + i + "@example.com,company-" + (i % 5) + "," + segment + "," + checkedIn + "\n";
	}

	/** A file's or an export's rows as {@code email,company,segment,checked}, the check-in reduced to yes or no. */
	private static Set<String> rows(String csv) {
		return Arrays.stream(csv.split("\r?\n")).skip(1).filter((l) -> !l.isBlank()).map((l) -> {
			String[] f = l.split(",");
			return f[1] + "," + f[2] + "," + f[3] + "," + !f[4].equals("false");
		}).collect(Collectors.toSet());
	}

	/** The rows after the second file: its segments, check-ins never taken back, companies kept. */
	private static Set<String> merged(String first, String second) {
		Map<String, String[]> byEmail = new HashMap<>();
		for (String row : rows(first)) {
			byEmail.put(row.split(",")[0], row.split(","));
		}
		for (String row : rows(second)) {
			String[] f = row.split(",");
			String[] was = byEmail.get(f[0]);
			if (was != null) {
				f[1] = was[1];
				f[3] = String.valueOf(Boolean.parseBoolean(was[3]) || Boolean.parseBoolean(f[3]));
			}
			byEmail.put(f[0], f);
		}
		Set<String> rows = new HashSet<>();
		byEmail.values().forEach((f) -> rows.add(String.join(",", f)));
		return rows;
	}

	private static long common(Set<String> held, Set<String> expected) {
		return held.stream().filter(expected::contains).count();
	}

	private static Map<String, Object> recount(Set<String> rows) {
		Map<String, Integer> bySegment = new HashMap<>();
		int checkedIn = 0;
		for (String row : rows) {
			String[] f = row.split(",");
			bySegment.merge(f[2], 1, Integer::sum);
			checkedIn += Boolean.parseBoolean(f[3]) ? 1 : 0;
		}
		return Map.of("registered", rows.size(), "checkedIn", checkedIn, "bySegment", bySegment);
	}

	private static Map<String, Object> counters(GraphQlTester graphQl, String slug) {
		Map<String, Object> attendance = graphQl.documentName("eventAttendance")
			.variable("slug", slug)
			.execute()
			.path("event.attendance")
			.entity(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		Map<String, Integer> bySegment = new HashMap<>();
		for (Object s : (List<?>) attendance.get("segments")) {
			Map<?, ?> segment = (Map<?, ?>) s;
			bySegment.put((String) segment.get("segment"), ((Number) segment.get("count")).intValue());
		}
		return Map.of("registered", attendance.get("registered"), "checkedIn", attendance.get("checkedIn"),
				"bySegment", bySegment);
	}

	/** The edition's registrations as a second connection counts them (not its counters). */
	private static int registered(GraphQlTester graphQl, String slug) {
		return graphQl.document("query($slug: String!) { event(slug: $slug) { registrations(first: 1) { totalCount } } }")
			.variable("slug", slug)
			.execute()
			.path("event.registrations.totalCount")
			.entity(Integer.class)
			.get();
	}

	private static void awaitAtMost(CompletableFuture<?> answer, long millis) throws InterruptedException {
		try {
			answer.get(millis, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// still importing (or the connection broke): time to kill
		}
	}

	private static CompletableFuture<HttpResponse<String>> post(int port, String token, String slug, String csv) {
		return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events/" + slug
				+ "/registrations"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String export(int port, String token, String slug) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/api/events/" + slug + "/registrations"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/csv")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

}
