package dev.marquee.program;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ProgramFileTest {

	private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final JsonMapper json = new JsonMapper();

	@TempDir
	Path dir;

	@Test
	void theSessionizeExampleReadsWithLocalTimesInTheEditionsZone() throws IOException {
		ProgramFile file = ProgramFile.read(this.json, Path.of("docs/examples/program-sessionize.json"), LOS_ANGELES);

		assertThat(file.problems()).isEmpty();
		assertThat(file.system()).isEqualTo(ProgramSource.SESSIONIZE);
		assertThat(file.sessions()).extracting(ProgramFile.Item::id, ProgramFile.Item::kind, ProgramFile.Item::track,
				ProgramFile.Item::room, ProgramFile.Item::startsAt, ProgramFile.Item::endsAt)
			.containsExactly(
					tuple("900001", SessionKind.KEYNOTE, null, "Stage 1", Instant.parse("2027-05-11T16:00:00Z"),
							Instant.parse("2027-05-11T16:45:00Z")),
					tuple("900002", SessionKind.TALK, "Pre-production", "Stage 2", Instant.parse("2027-05-11T17:00:00Z"),
							Instant.parse("2027-05-11T17:40:00Z")),
					tuple("900003", SessionKind.WORKSHOP, "Virtual production", "Workshop room",
							Instant.parse("2027-05-11T18:00:00Z"), Instant.parse("2027-05-11T19:30:00Z")),
					tuple("900004", SessionKind.NETWORKING, null, "Stage 1", Instant.parse("2027-05-11T19:30:00Z"),
							Instant.parse("2027-05-11T20:30:00Z")),
					tuple("900005", SessionKind.PANEL, "Visual effects", "Stage 1", Instant.parse("2027-05-12T21:00:00Z"),
							Instant.parse("2027-05-12T22:00:00Z")));
		assertThat(file.sessions().get(2).speakerIds()).containsExactly("5f1c2d7e-0000-4000-8000-000000000002",
				"5f1c2d7e-0000-4000-8000-000000000003");
		ProgramFile.Speaker robin = file.speakers().get("5f1c2d7e-0000-4000-8000-000000000001");
		assertThat(robin.name()).isEqualTo("Robin Example");
		assertThat(robin.headline()).isEqualTo("Previs lead (fictional)");
		assertThat(robin.bio()).isEqualTo("Robin is a made-up speaker for this example file.\n"
				+ "She stands for anyone who plans shots before they are shot.");
		assertThat(robin.photoUrl()).isEqualTo("https://example.com/photos/robin.jpg");
	}

	@Test
	void thePretalxExampleReadsTheSameProgram() throws IOException {
		ProgramFile sessionize = ProgramFile.read(this.json, Path.of("docs/examples/program-sessionize.json"),
				LOS_ANGELES);
		ProgramFile pretalx = ProgramFile.read(this.json, Path.of("docs/examples/program-pretalx.json"), LOS_ANGELES);

		assertThat(pretalx.problems()).isEmpty();
		assertThat(pretalx.system()).isEqualTo(ProgramSource.FRAB);
		assertThat(pretalx.sessions()).extracting(ProgramFile.Item::title, ProgramFile.Item::kind,
				ProgramFile.Item::track, ProgramFile.Item::room, ProgramFile.Item::startsAt, ProgramFile.Item::endsAt)
			.containsExactlyInAnyOrderElementsOf(sessionize.sessions()
				.stream()
				.map((s) -> tuple(s.title(), s.kind(), s.track(), s.room(), s.startsAt(), s.endsAt()))
				.toList());
		ProgramFile.Item previs = pretalx.sessions().stream().filter((s) -> s.title().equals("Previs on a laptop")).findFirst().orElseThrow();
		assertThat(previs.description()).isEqualTo("Planning shots with a game engine, as an example description.\n\n"
				+ "Two paragraphs, to show that HTML is stored as text.");
		assertThat(previs.speakerIds()).containsExactly("000002");
		assertThat(pretalx.speakers().get("000002").name()).isEqualTo("Sam Sample");
	}

	@Test
	void frabsOwnVariantWithoutOffsetsOrCodesReadsLocalTimesAndIntegerIds() throws IOException {
		ProgramFile file = read(BERLIN, """
				{"schedule": {"version": "1", "conference": {"title": "X", "days": [{"index": 1, "date": "2026-10-25",
				  "rooms": {"Saal 1": [{"id": 17, "guid": null, "date": "2026-10-25T01:30:00", "start": "01:30",
				    "duration": "02:00", "title": "Across the night the clocks go back", "type": "lecture", "track": null,
				    "abstract": null, "description": "d", "persons": [{"id": 4, "public_name": "Ada"}]},
				    {"id": 18, "start": "10:00", "duration": "0:45", "title": "No date, only start", "persons": []}]}}]}}}
				""");

		assertThat(file.problems()).isEmpty();
		assertThat(file.sessions()).extracting(ProgramFile.Item::id, ProgramFile.Item::startsAt, ProgramFile.Item::endsAt,
				ProgramFile.Item::room)
			.containsExactly(
					// 01:30 CEST (+02:00); two hours later it is 02:30 CET: the clocks went back at 03:00
					tuple("17", Instant.parse("2026-10-24T23:30:00Z"), Instant.parse("2026-10-25T01:30:00Z"), "Saal 1"),
					tuple("18", Instant.parse("2026-10-25T09:00:00Z"), Instant.parse("2026-10-25T09:45:00Z"), "Saal 1"));
		assertThat(file.speakers().get("4").name()).isEqualTo("Ada");
	}

	@Test
	void aSessionizeSessionAcrossTheSpringChangeLastsWhatTheClocksSay() throws IOException {
		ProgramFile file = read(BERLIN, sessionize("""
				{"id": "1", "title": "Night", "startsAt": "2026-03-29T01:30:00", "endsAt": "2026-03-29T03:30:00", "speakers": []}
				""", ""));

		assertThat(file.problems()).isEmpty();
		assertThat(file.sessions().get(0).startsAt()).isEqualTo(Instant.parse("2026-03-29T00:30:00Z"));
		assertThat(file.sessions().get(0).endsAt()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
	}

	@Test
	void everyProblemIsListedWithItsPath() throws IOException {
		String title = "T".repeat(10_000);
		ProgramFile file = read(BERLIN, sessionize("""
				{"id": "1", "title": "%s", "startsAt": "2026-05-14T10:00:00", "endsAt": "2026-05-14T09:00:00", "speakers": ["nobody"]},
				{"id": "1", "title": "Duplicate id", "startsAt": "2026-03-29T02:30:00", "endsAt": "2026-03-29T04:00:00", "speakers": []},
				{"id": "3", "title": " ", "startsAt": "yesterday", "endsAt": null, "speakers": [], "roomId": 99,
				 "description": "%s"}
				""".formatted(title, "x".repeat(10_001)), """
				{"id": "s1", "fullName": "", "profilePicture": "javascript:alert(1)"},
				{"id": "s1", "fullName": "Twice"}
				"""));

		assertThat(file.problems()).extracting(ProgramFile.Problem::path)
			.containsExactlyInAnyOrder("speakers[0].fullName", "speakers[0].profilePicture", "speakers[1].id",
					"sessions[0].title", "sessions[0].endsAt", "sessions[0].speakers[0]", "sessions[1].startsAt",
					"sessions[1].id", "sessions[2].title", "sessions[2].startsAt", "sessions[2].description",
					"sessions[2].roomId");
		assertThat(file.problems()).filteredOn((p) -> p.path().equals("sessions[1].startsAt"))
			.extracting(ProgramFile.Problem::message)
			.containsExactly("`2026-03-29T02:30` does not exist in Europe/Berlin: the clocks skip it (daylight saving time).");
	}

	@Test
	void aFileOfNeitherShapeIsOneProblem() throws IOException {
		for (String body : List.of("{\"talks\": []}", "[1, 2]", "{\"sessions\": [], \"schedule\": {}}", "\"x\"")) {
			ProgramFile file = read(BERLIN, body);
			assertThat(file.system()).as(body).isNull();
			assertThat(file.problems()).as(body).singleElement().satisfies((p) -> {
				assertThat(p.path()).isEmpty();
				assertThat(p.message()).startsWith("Neither a Sessionize export");
			});
		}
	}

	@Test
	void brokenJsonIsAProblemWithItsLine() throws IOException {
		ProgramFile file = read(BERLIN, "{\"sessions\": [\n{\"id\": 1,,}]}");

		assertThat(file.problems()).singleElement()
			.satisfies((p) -> assertThat(p.message()).startsWith("Not valid JSON at line 2"));
	}

	@Test
	void problemsStopBeingListedAfterTheBoundAndSayHowManyMore() throws IOException {
		StringBuilder sessions = new StringBuilder();
		for (int i = 0; i < 300; i++) {
			sessions.append((i > 0) ? "," : "").append("{\"id\": \"").append(i).append("\", \"title\": \"\"}");
		}
		ProgramFile file = read(BERLIN, sessionize(sessions.toString(), ""));

		assertThat(file.problems()).hasSize(ProgramFile.MAX_PROBLEMS + 1);
		assertThat(file.problems().get(ProgramFile.MAX_PROBLEMS).message()).isEqualTo("… and 100 more problems.");
	}

	private ProgramFile read(ZoneId zone, String body) throws IOException {
		Path file = Files.writeString(this.dir.resolve("program.json"), body, StandardCharsets.UTF_8);
		return ProgramFile.read(this.json, file, zone);
	}

	private static String sessionize(String sessions, String speakers) {
		return "{\"sessions\": [" + sessions + "], \"speakers\": [" + speakers
				+ "], \"categories\": [], \"rooms\": [], \"questions\": []}";
	}

}
