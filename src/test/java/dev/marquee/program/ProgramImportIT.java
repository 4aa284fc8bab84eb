package dev.marquee.program;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.marquee.account.Account;
import dev.marquee.event.Event;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code POST /api/events/{slug}/program}: both formats, re-imports, changes, bad files, limits and access. */
class ProgramImportIT extends IntegrationTest {

	private static final Path SESSIONIZE = Path.of("docs/examples/program-sessionize.json");

	private static final Path PRETALX = Path.of("docs/examples/program-pretalx.json");

	@LocalServerPort
	private int port;

	private EventSeries series;

	private Event edition;

	private String organizer;

	private String stranger;

	private String admin;

	@BeforeEach
	void theWalkthroughsEditionItsOrganizerAnOrganizerOfAnotherSeriesAndAnAdmin() {
		this.series = this.fixtures.series("ai-on-the-lot", "AI on the Lot");
		EventSeries other = this.fixtures.series("other", "Other");
		this.edition = this.fixtures.event(this.series, "ai-on-the-lot-2027")
			.startsAt("2027-05-11T09:00:00-07:00")
			.lasting(Duration.ofHours(33))
			.timeZone("America/Los_Angeles")
			.tracks("Pre-production", "Visual effects")
			.create();
		Account organizer = this.fixtures.organizer("dana", this.series);
		this.organizer = this.fixtures.token(organizer);
		this.stranger = this.fixtures.token(this.fixtures.organizer("olga", other));
		this.admin = this.fixtures.token(this.fixtures.admin("root"));
	}

	@Test
	void aSessionizeExportImportsWithLocalTimesSpeakersRoomsAndANewTrack() throws IOException {
		Map<String, Object> answer = importOk(this.organizer, read(SESSIONIZE));

		assertThat(answer).containsEntry("format", "sessionize")
			.containsEntry("sessions", counts(5, 0, 0, 0))
			.containsEntry("speakers", counts(3, 0, 0, 0))
			.containsEntry("tracks", counts(1, 0, 2, 0));
		Map<String, Object> event = program();
		assertThat(names(event.get("tracks"))).containsExactly("Pre-production", "Visual effects", "Virtual production");
		List<Map<String, Object>> sessions = nodes(event);
		assertThat(sessions).extracting((s) -> s.get("title"), (s) -> s.get("kind"), (s) -> s.get("startsAt"),
				(s) -> s.get("endsAt"), (s) -> s.get("room"))
			.containsExactly(
					tuple("Opening keynote: the backlot in ten years (an invented talk)", "KEYNOTE",
							"2027-05-11T16:00:00.000Z", "2027-05-11T16:45:00.000Z", "Stage 1"),
					tuple("Previs on a laptop", "TALK", "2027-05-11T17:00:00.000Z", "2027-05-11T17:40:00.000Z", "Stage 2"),
					tuple("Hands-on: LED volume colour", "WORKSHOP", "2027-05-11T18:00:00.000Z", "2027-05-11T19:30:00.000Z",
							"Workshop room"),
					tuple("Lunch", "NETWORKING", "2027-05-11T19:30:00.000Z", "2027-05-11T20:30:00.000Z", "Stage 1"),
					tuple("Who owns the render farm?", "PANEL", "2027-05-12T21:00:00.000Z", "2027-05-12T22:00:00.000Z",
							"Stage 1"));
		Map<String, Object> workshop = sessions.get(2);
		assertThat(workshop.get("track")).isEqualTo(Map.of("name", "Virtual production"));
		assertThat(workshop.get("description")).isEqualTo("A workshop that only exists in this file.");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> speakers = (List<Map<String, Object>>) sessions.get(0).get("speakers");
		assertThat(speakers).singleElement().satisfies((robin) -> {
			assertThat(robin).containsEntry("name", "Robin Example")
				.containsEntry("headline", "Previs lead (fictional)")
				.containsEntry("photoUrl", "https://example.com/photos/robin.jpg");
			assertThat((String) robin.get("bio")).startsWith("Robin is a made-up speaker").contains("\nShe stands");
		});
		assertThat(this.mongo.count(new Query(), Person.class)).isEqualTo(3);
	}

	@Test
	void aPretalxScheduleImportsTheSameProgram() throws IOException {
		Map<String, Object> answer = importOk(this.organizer, read(PRETALX));

		assertThat(answer).containsEntry("format", "frab")
			.containsEntry("sessions", counts(5, 0, 0, 0))
			.containsEntry("speakers", counts(3, 0, 0, 0));
		List<Map<String, Object>> sessions = nodes(program());
		assertThat(sessions).extracting((s) -> s.get("title"), (s) -> s.get("startsAt"), (s) -> s.get("endsAt"))
			.contains(tuple("Previs on a laptop", "2027-05-11T17:00:00.000Z", "2027-05-11T17:40:00.000Z"));
		assertThat(sessions.get(1).get("description")).isEqualTo(
				"Planning shots with a game engine, as an example description.\n\nTwo paragraphs, to show that HTML is stored as text.");
	}

	@Test
	void theSameFileAgainIsAllUnchangedAndWritesNothing() throws IOException {
		byte[] file = read(SESSIONIZE);
		importOk(this.organizer, file);
		Map<String, List<Document>> before = everyCollection();
		this.mongoCommands.reset();

		Map<String, Object> again = importOk(this.organizer, file);

		assertThat(again).containsEntry("sessions", counts(0, 0, 5, 0))
			.containsEntry("speakers", counts(0, 0, 3, 0))
			.containsEntry("tracks", counts(0, 0, 3, 0));
		assertThat(this.mongoCommands.byName()).doesNotContainKeys("insert", "update", "delete", "findAndModify");
		assertThat(everyCollection()).isEqualTo(before);
	}

	@Test
	void aChangedFileUpdatesOnlyWhatChangedAndRemovesWhatIsGone() throws IOException {
		importOk(this.organizer, read(SESSIONIZE));
		Session handMade = this.fixtures.session(this.edition, "Hand-made session").at(60).create();
		Session untouched = sessionTitled("Lunch");
		String changed = new String(read(SESSIONIZE), StandardCharsets.UTF_8)
			.replace("\"Previs on a laptop\"", "\"Previs on a tablet\"")
			.replace("Kim is invented for this file.", "Kim is still invented for this file.");
		// the panel is gone from the source
		changed = changed.replace("\"id\": \"900005\"", "\"id\": \"900006\"");

		Map<String, Object> answer = importOk(this.organizer, changed.getBytes(StandardCharsets.UTF_8));

		assertThat(answer).containsEntry("sessions", counts(1, 1, 3, 1))
			.containsEntry("speakers", counts(0, 1, 2, 0))
			.containsEntry("tracks", counts(0, 0, 3, 0));
		Session tablet = sessionTitled("Previs on a tablet");
		assertThat(tablet.version()).isEqualTo(1);
		assertThat(tablet.updatedAt()).isAfter(untouched.updatedAt());
		assertThat(sessionTitled("Lunch")).isEqualTo(untouched);
		assertThat(this.mongo.count(Query.query(Criteria.where("source.id").is("900005")), Session.class)).isZero();
		assertThat(this.mongo.findById(handMade.id(), Session.class)).isNotNull();
		assertThat(this.mongo.findOne(Query.query(Criteria.where("name").is("Kim Placeholder")), Person.class).bio())
			.isEqualTo("Kim is still invented for this file.");
	}

	@Test
	void aBadFileIs422WithEveryProblemsPathAndWritesNothing() throws IOException {
		String bad = new String(read(SESSIONIZE), StandardCharsets.UTF_8)
			.replace("\"2027-05-12T14:00:00\"", "\"2027-05-13T14:00:00\"")
			.replace("\"2027-05-12T15:00:00\"", "\"2027-05-13T15:00:00\"")
			.replace("\"Lunch\"", "\"" + "L".repeat(10_000) + "\"")
			.replace("\"2027-05-11T10:40:00\"", "\"2027-05-11T09:40:00\"")
			.replace("\"id\": \"900003\"", "\"id\": \"900002\"")
			.replace("A made-up keynote so the example has one.", "<b>Bold</b>\\u0007 keynote")
			.replaceFirst("\"5f1c2d7e-0000-4000-8000-000000000002\"\\s*\\]", "\"no-such-speaker\"]");
		Map<String, List<Document>> before = everyCollection();

		List<Map<String, Object>> errors = errors(post(this.organizer, bad.getBytes(StandardCharsets.UTF_8))
			.expectStatus()
			.isEqualTo(422));

		assertThat(errors).extracting((e) -> e.get("path"))
			.containsExactlyInAnyOrder("sessions[1].endsAt", "sessions[1].speakers[0]", "sessions[2].id",
					"sessions[3].title", "sessions[4].startsAt");
		assertThat(everyCollection()).isEqualTo(before);
	}

	@Test
	void sessionsOutsideTheEditionAre422() throws IOException {
		String outside = new String(read(SESSIONIZE), StandardCharsets.UTF_8)
			.replace("\"2027-05-12T14:00:00\"", "\"2027-05-13T14:00:00\"")
			.replace("\"2027-05-12T15:00:00\"", "\"2027-05-13T15:00:00\"");

		List<Map<String, Object>> errors = errors(post(this.organizer, outside.getBytes(StandardCharsets.UTF_8))
			.expectStatus()
			.isEqualTo(422));

		assertThat(errors).singleElement().satisfies((e) -> {
			assertThat(e).containsEntry("path", "sessions[4].startsAt");
			assertThat((String) e.get("message")).contains("must lie within the edition");
		});
		assertThat(this.mongo.count(new Query(), Session.class)).isZero();
	}

	@Test
	void aFileOfNeitherShapeIs422() {
		List<Map<String, Object>> errors = errors(post(this.organizer, "{\"talks\": []}".getBytes(StandardCharsets.UTF_8))
			.expectStatus()
			.isEqualTo(422));

		assertThat(errors).singleElement()
			.satisfies((e) -> assertThat((String) e.get("message")).startsWith("Neither a Sessionize export"));
	}

	@Test
	void htmlAndControlCharactersInDescriptionsAreStoredAsPlainText() throws IOException {
		String html = new String(read(SESSIONIZE), StandardCharsets.UTF_8).replace(
				"\"A made-up keynote so the example has one.\"",
				"\"<p>A <b>made-up</b> keynote &amp; more\\u0007\\u001b.</p><script>alert(1)</script>\"");

		importOk(this.organizer, html.getBytes(StandardCharsets.UTF_8));

		assertThat(sessionTitled("Opening keynote: the backlot in ten years (an invented talk)").description())
			.isEqualTo("A made-up keynote & more.");
	}

	@Test
	void searchFindsImportedSessionsByTheirDescriptionAndSpeakersByTheirBio() throws IOException {
		importOk(this.organizer, read(SESSIONIZE));

		assertThat(search("game engine")).containsExactly(Map.of("__typename", "Session", "label", "Previs on a laptop"));
		assertThat(search("virtual production supervisor"))
			.containsExactly(Map.of("__typename", "Person", "label", "Sam Sample"));
	}

	@Test
	void aSpeakerImportedIntoTwoEditionsOfTheSeriesIsOnePersonWithTheSessionsOfBoth() throws IOException {
		this.fixtures.event(this.series, "ai-on-the-lot-2028")
			.startsAt("2028-05-16T09:00:00-07:00")
			.lasting(Duration.ofHours(33))
			.timeZone("America/Los_Angeles")
			.create();
		importOk(this.organizer, read(SESSIONIZE));
		String nextYear = new String(read(SESSIONIZE), StandardCharsets.UTF_8).replace("2027-05-11", "2028-05-16")
			.replace("2027-05-12", "2028-05-17");
		post(this.organizer, "ai-on-the-lot-2028", nextYear.getBytes(StandardCharsets.UTF_8)).expectStatus().isOk();

		assertThat(this.mongo.count(new Query(), Person.class)).isEqualTo(3);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> robin = (List<Map<String, Object>>) ((List<Map<String, Object>>) nodes(program())
			.get(0)
			.get("speakers")).get(0).get("sessions");
		assertThat(robin).extracting((s) -> (Object) ((Map<?, ?>) s.get("event")).get("slug"))
			.containsExactly("ai-on-the-lot-2027", "ai-on-the-lot-2027", "ai-on-the-lot-2028", "ai-on-the-lot-2028");
	}

	@Test
	void anImportIsAuditedAndAppendsOneProgramImportedChange() throws IOException {
		importOk(this.organizer, read(SESSIONIZE));
		importOk(this.organizer, read(SESSIONIZE));

		assertThat(this.mongo.getCollection("audit").countDocuments(new Document("action", "importProgram")))
			.isEqualTo(1);
		assertThat(this.mongo.getCollection("changes").find(new Document("kind", "PROGRAM_IMPORTED")).into(new java.util.ArrayList<>()))
			.singleElement()
			.satisfies((c) -> assertThat(c.getObjectId("eventId")).isEqualTo(this.edition.id()));
	}

	@Test
	void onlyOrganizersOfTheSeriesAndAdminsMayImport() throws IOException {
		byte[] file = read(SESSIONIZE);
		post(null, "ai-on-the-lot-2027", file).expectStatus().isUnauthorized();
		post(this.stranger, "ai-on-the-lot-2027", file).expectStatus().isForbidden();
		post(this.organizer, "no-such-event", file).expectStatus().isNotFound();
		assertThat(this.mongo.count(new Query(), Session.class)).isZero();

		post(this.admin, "ai-on-the-lot-2027", file).expectStatus().isOk();
	}

	@Test
	void anythingButJsonIs415() throws IOException {
		this.http.post()
			.uri("/api/events/{slug}/program", "ai-on-the-lot-2027")
			.headers((h) -> h.setBearerAuth(this.organizer))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(read(SESSIONIZE))
			.exchange()
			.expectStatus()
			.isEqualTo(415);
		assertThat(this.mongo.count(new Query(), Session.class)).isZero();
	}

	@Test
	void aBodyAnnouncedLargerThanTheLimitIs413BeforeItIsRead() throws IOException {
		String request = "POST /api/events/ai-on-the-lot-2027/program HTTP/1.1\r\nHost: localhost\r\n"
				+ "Authorization: Bearer " + this.organizer + "\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + (20L * 1024 * 1024 + 1) + "\r\nConnection: close\r\n\r\n{\"sessions\": [";

		assertThat(rawStatus(request)).isEqualTo(413);
		assertThat(this.mongo.count(new Query(), Session.class)).isZero();
	}

	// ---- helpers -----------------------------------------------------------------------------------

	private static byte[] read(Path file) throws IOException {
		return Files.readAllBytes(file);
	}

	private static Map<String, Integer> counts(int created, int updated, int unchanged, int removed) {
		return Map.of("created", created, "updated", updated, "unchanged", unchanged, "removed", removed);
	}

	private WebTestClient.ResponseSpec post(String token, byte[] body) {
		return post(token, "ai-on-the-lot-2027", body);
	}

	private WebTestClient.ResponseSpec post(String token, String slug, byte[] body) {
		return this.http.post()
			.uri("/api/events/{slug}/program", slug)
			.headers((h) -> {
				if (token != null) {
					h.setBearerAuth(token);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private Map<String, Object> importOk(String token, byte[] body) {
		return post(token, body).expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> errors(WebTestClient.ResponseSpec response) {
		Map<String, Object> body = response.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
		}).returnResult().getResponseBody();
		return (List<Map<String, Object>>) body.get("errors");
	}

	private Map<String, Object> program() {
		return this.graphQl.documentName("programOfEvent")
			.variable("slug", "ai-on-the-lot-2027")
			.execute()
			.path("event")
			.entity(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> nodes(Map<String, Object> event) {
		return (List<Map<String, Object>>) ((Map<String, Object>) event.get("sessions")).get("nodes");
	}

	@SuppressWarnings("unchecked")
	private static List<Object> names(Object tracks) {
		return ((List<Map<String, Object>>) tracks).stream().map((t) -> t.get("name")).toList();
	}

	private List<Map<String, Object>> search(String text) {
		GraphQlTester.Response response = this.graphQl.documentName("search")
			.variable("text", text)
			.variable("first", 10)
			.execute();
		response.errors().verify();
		return response.path("search").entity(new ParameterizedTypeReference<List<Map<String, Object>>>() {
		}).get();
	}

	private Session sessionTitled(String title) {
		return this.mongo.findOne(Query.query(Criteria.where("title").is(title)), Session.class);
	}

	/** Every document of every collection but the audit log, by collection, in _id order. */
	private Map<String, List<Document>> everyCollection() {
		Map<String, List<Document>> all = new java.util.TreeMap<>();
		for (String name : this.mongo.getCollectionNames()) {
			if (!name.startsWith("system.")) {
				all.put(name, this.mongo.getCollection(name)
					.find()
					.sort(new Document("_id", 1))
					.into(new java.util.ArrayList<>()));
			}
		}
		return all;
	}

	/** The status of an HTTP/1.1 exchange on a plain socket, announcing a length it never sends. */
	private int rawStatus(String head) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder statusLine = new StringBuilder();
			for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
				statusLine.append((char) c);
			}
			return Integer.parseInt(statusLine.toString().split(" ")[1]);
		}
	}

}
