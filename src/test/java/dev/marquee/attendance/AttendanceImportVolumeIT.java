package dev.marquee.attendance;

import java.time.Duration;
import java.util.Map;

import dev.marquee.account.Account;
import dev.marquee.account.AccountCommands;
import dev.marquee.event.AudienceSegment;
import dev.marquee.security.Role;
import dev.marquee.event.Event;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large file goes through the batched, streamed import and comes back out of the streamed export:
 * every row once, with counters equal to a recount.
 */
class AttendanceImportVolumeIT extends IntegrationTest {

	static final int ROWS = Integer.getInteger("marquee.it.import-rows", 20_000);

	record Counts(int created, int updated, int unchanged) {
	}

	@Autowired
	AccountCommands accounts;

	@Test
	void largeFileIsImportedCompletelyAndExportedBack() {
		EventSeries series = this.fixtures.series("expo", "Expo");
		Event expo = this.fixtures.event(series, "expo-2026").create();
		for (int c = 0; c < 5; c++) {
			this.fixtures.company("company-" + c, "Company " + c);
		}
		Account organizer = this.fixtures.organizer("expo-organizer");
		this.accounts.grant(organizer.id(), series.id());
		String token = this.fixtures.token(organizer);
		StringBuilder csv = new StringBuilder(AttendanceCsvIT.HEADER);
		AudienceSegment[] segments = AudienceSegment.values();
		int checkedIn = 0;
		for (int i = 0; i < ROWS; i++) {
			boolean in = i % 3 == 0;
			checkedIn += in ? 1 : 0;
			csv.append("Person ").append(i).append(",person").append(i).append("@example.com,")
				.append((i % 6 == 5) ? "" : "company-" + (i % 6)).append(',').append(segments[i % segments.length])
				.append(',').append(in).append('\n');
		}
		WebTestClient patient = this.http.mutate()
			.responseTimeout(Duration.ofMinutes(5))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(-1))
			.build();

		long started = System.nanoTime();
		Counts counts = patient.post()
			.uri("/api/events/expo-2026/registrations")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv.toString())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Counts.class)
			.returnResult()
			.getResponseBody();
		long imported = System.nanoTime();

		assertThat(counts).isEqualTo(new Counts(ROWS, 0, 0));
		assertThat(this.mongo.count(Query.query(Criteria.where("eventId").is(expo.id())), Registration.class))
			.isEqualTo(ROWS);
		Event after = this.mongo.findById(expo.id(), Event.class);
		assertThat(after.attendanceOrNone().registered()).isEqualTo(ROWS);
		assertThat(after.attendanceOrNone().checkedIn()).isEqualTo(checkedIn);
		assertThat(after.attendanceOrNone().bySegment()).isEqualTo(segmentsOf(ROWS));

		String exported = patient.get()
			.uri("/api/events/expo-2026/registrations")
			.headers((h) -> h.setBearerAuth(token))
			.accept(MediaType.parseMediaType("text/csv"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		long exportedAt = System.nanoTime();
		assertThat(exported.split("\r\n")).hasSize(ROWS + 1);
		System.out.printf("[volume] %d rows: import %.1f s, export %.1f s%n", ROWS, (imported - started) / 1e9,
				(exportedAt - imported) / 1e9);
	}

	private static Map<AudienceSegment, Integer> segmentsOf(int rows) {
		Map<AudienceSegment, Integer> expected = new java.util.EnumMap<>(AudienceSegment.class);
		for (int i = 0; i < rows; i++) {
			expected.merge(AudienceSegment.values()[i % AudienceSegment.values().length], 1, Integer::sum);
		}
		return expected;
	}

}
