package dev.marquee.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.marquee.support.ChildApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged write is in the embedded default's file before its answer leaves: writers on several
 * threads, {@code kill -9} of the service while they write, a restart on the same file, and every
 * write that was answered is there (the journaled write concern of a real MongoDB).
 */
class DurableWritesIT {

	private static final int COMPANY_WRITERS = 6;

	private static final int EVENT_WRITERS = 2;

	/** Company creations acknowledged before the kill (more are in flight when it comes). */
	private static final int ACKNOWLEDGED_BEFORE_KILL = 200;

	@TempDir
	Path dataDir;

	@Test
	void everyAcknowledgedWriteSurvivesAKillDashNine() throws Exception {
		Set<String> acknowledgedCompanies = ConcurrentHashMap.newKeySet();
		Map<String, Integer> acknowledgedVersions = new ConcurrentHashMap<>();
		List<String> eventSlugs = new ArrayList<>();
		ChildApplication first = ChildApplication.start(this.dataDir);
		try {
			HttpGraphQlTester admin = first.graphQlAsAdmin();
			String seriesId = admin.documentName("createSeries")
				.variable("input", Map.of("slug", "crash-days", "name", "Crash Days"))
				.execute()
				.path("createSeries.series.id")
				.entity(String.class)
				.get();
			Map<String, String> eventIds = new ConcurrentHashMap<>();
			for (int e = 0; e < EVENT_WRITERS; e++) {
				String slug = "crash-days-" + (2030 + e);
				GraphQlTester.Response created = admin.documentName("createEvent")
					.variable("input", Map.of("seriesId", seriesId, "slug", slug, "name", "Crash Days " + e, "startsAt",
							"2030-03-0" + (e + 1) + "T09:00:00Z", "endsAt", "2030-03-0" + (e + 1) + "T17:00:00Z",
							"timeZone", "Europe/Berlin"))
					.execute();
				eventIds.put(slug, created.path("createEvent.event.id").entity(String.class).get());
				acknowledgedVersions.put(slug, created.path("createEvent.event.version").entity(Integer.class).get());
				eventSlugs.add(slug);
			}

			AtomicBoolean killed = new AtomicBoolean();
			CountDownLatch enoughAcknowledged = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
			ExecutorService writers = Executors.newFixedThreadPool(COMPANY_WRITERS + EVENT_WRITERS);
			List<Future<?>> running = new ArrayList<>();
			for (int w = 0; w < COMPANY_WRITERS; w++) {
				int writer = w;
				running.add(writers.submit(() -> untilKilled(killed, (i) -> {
					String slug = "crash-" + writer + "-" + i;
					String created = admin.documentName("createCompany")
						.variable("input", Map.of("slug", slug, "name", "Crash " + writer + " " + i, "kind", "STUDIO"))
						.execute()
						.path("createCompany.company.slug")
						.entity(String.class)
						.get();
					acknowledgedCompanies.add(created);
					enoughAcknowledged.countDown();
				})));
			}
			for (String slug : eventSlugs) {
				running.add(writers.submit(() -> untilKilled(killed, (i) -> {
					Integer version = admin.documentName("updateEvent")
						.variable("input", Map.of("id", eventIds.get(slug), "expectedVersion",
								acknowledgedVersions.get(slug), "name", "Crash Days v" + i))
						.execute()
						.path("updateEvent.event.version")
						.entity(Integer.class)
						.get();
					acknowledgedVersions.put(slug, version);
				})));
			}
			assertThat(enoughAcknowledged.await(60, TimeUnit.SECONDS)).as("writes acknowledged in time").isTrue();
			killed.set(true);
			first.kill();
			writers.shutdown();
			for (Future<?> writer : running) {
				writer.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			first.kill();
		}
		assertThat(acknowledgedCompanies).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

		try (ChildApplication second = ChildApplication.start(this.dataDir)) {
			HttpGraphQlTester admin = second.graphQlAsAdmin();
			List<String> missing = acknowledgedCompanies.stream()
				.filter((slug) -> isMissing(admin, slug))
				.sorted()
				.toList();
			assertThat(missing).as("acknowledged companies missing after kill -9 and restart (of %d)",
					acknowledgedCompanies.size()).isEmpty();
			for (String slug : eventSlugs) {
				Integer version = admin.document("query($slug: String!) { event(slug: $slug) { version } }")
					.variable("slug", slug)
					.execute()
					.path("event.version")
					.entity(Integer.class)
					.get();
				// the write in flight at the kill may have landed too, unacknowledged
				assertThat(version).as("version of %s after restart", slug)
					.isBetween(acknowledgedVersions.get(slug), acknowledgedVersions.get(slug) + 1);
			}
		}
	}

	private static boolean isMissing(HttpGraphQlTester admin, String slug) {
		GraphQlTester.Response response = admin.document("query($slug: String!) { company(slug: $slug) { slug } }")
			.variable("slug", slug)
			.execute();
		response.errors().verify();
		return response.returnResponse().field("company").getValue() == null;
	}

	/** Runs {@code write(0)}, {@code write(1)}, … until the service is killed (then a failing write ends it). */
	private static void untilKilled(AtomicBoolean killed, Write write) {
		AtomicInteger i = new AtomicInteger();
		while (true) {
			try {
				write.run(i.getAndIncrement());
			}
			catch (RuntimeException | AssertionError ex) {
				if (killed.get()) {
					return;
				}
				throw ex;
			}
		}
	}

	@FunctionalInterface
	private interface Write {

		void run(int i);

	}

}
