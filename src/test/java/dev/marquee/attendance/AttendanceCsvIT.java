package dev.marquee.attendance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.marquee.account.Account;
import dev.marquee.account.AccountCommands;
import dev.marquee.event.AudienceSegment;
import dev.marquee.security.Role;
import dev.marquee.company.Company;
import dev.marquee.event.Event;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/events/{slug}/registrations}: CSV import (all or nothing, additive, idempotent) and
 * export, for the organizers of the series and admins only.
 */
class AttendanceCsvIT extends IntegrationTest {

	static final String HEADER = "name,email,company,segment,checked_in\n";

	static final MediaType CSV = MediaType.parseMediaType("text/csv");

	record Counts(int created, int updated, int unchanged) {
	}

	record LineError(int line, int column, String message) {
	}

	record Errors(List<LineError> errors) {
	}

	@Autowired
	AccountCommands accounts;

	@LocalServerPort
	int port;

	Company acme;

	Event expo;

	String organizer;

	String stranger;

	String admin;

	@BeforeEach
	void anEditionItsOrganizerAnOrganizerOfAnotherSeriesAndAnAdmin() {
		this.acme = this.fixtures.company("acme", "Acme, Inc.");
		this.fixtures.company("bolt", "Bolt Studios");
		EventSeries series = this.fixtures.series("expo", "Expo");
		EventSeries other = this.fixtures.series("other", "Other");
		this.expo = this.fixtures.event(series, "expo-2026").create();
		this.fixtures.event(other, "other-2026").create();
		Account organizer = this.fixtures.organizer("expo-organizer");
		this.accounts.grant(organizer.id(), series.id());
		Account stranger = this.fixtures.organizer("other-organizer");
		this.accounts.grant(stranger.id(), other.id());
		this.organizer = this.fixtures.token(organizer);
		this.stranger = this.fixtures.token(stranger);
		this.admin = this.fixtures.token(this.fixtures.admin("root"));
	}

	// ---- who may -----------------------------------------------------------------------------------

	@Test
	void anonymousCallersCannotImportOrExport() {
		post(null, "expo-2026", HEADER + "Ann,ann@example.com,,PRODUCER,false\n").expectStatus().isUnauthorized();
		get(null, "expo-2026").expectStatus().isUnauthorized();
		assertThat(this.mongo.count(new Query(), Registration.class)).isZero();
	}

	@Test
	void organizerOfAnotherSeriesCannotImportOrExport() {
		post(this.stranger, "expo-2026", HEADER + "Ann,ann@example.com,,PRODUCER,false\n").expectStatus()
			.isForbidden();
		get(this.stranger, "expo-2026").expectStatus().isForbidden();
		assertThat(this.mongo.count(new Query(), Registration.class)).isZero();
	}

	@Test
	void adminMayImportIntoAnySeries() {
		assertThat(importOk(this.admin, HEADER + "Ann,ann@example.com,,PRODUCER,false\n"))
			.isEqualTo(new Counts(1, 0, 0));
	}

	// ---- a good file -------------------------------------------------------------------------------

	@Test
	void goodFileCreatesRegistrationsMatchingPeopleByEmailWhateverTheCase() {
		Person known = this.fixtures.attendee(this.expo, "Known Person", null, "Known@Example.com");

		Counts counts = importOk(this.organizer, HEADER
				+ "Known Person,kNOWN@example.COM,acme,EXECUTIVE,true\n"
				+ "Bea,bea@example.com,\"Acme, Inc.\",producer,false\n"
				+ "Cal,cal@example.com,,VENDOR,2026-06-01T10:15:00-07:00\n"
				+ "Dee,dee@example.com,bolt,PRODUCER,\n");

		assertThat(counts).isEqualTo(new Counts(4, 0, 0));
		assertThat(this.mongo.count(new Query(), Person.class)).as("one matched, three created").isEqualTo(4);
		Registration knownRegistration = registrationOf("known@example.com");
		assertThat(knownRegistration.personId()).isEqualTo(known.id());
		assertThat(knownRegistration.companyId()).isEqualTo(this.acme.id());
		assertThat(knownRegistration.checkedInAt()).isNotNull();
		assertThat(registrationOf("bea@example.com").companyId()).as("company by exact name").isEqualTo(this.acme.id());
		assertThat(registrationOf("bea@example.com").segment()).isEqualTo(AudienceSegment.PRODUCER);
		assertThat(registrationOf("bea@example.com").checkedInAt()).isNull();
		assertThat(registrationOf("cal@example.com").companyId()).isNull();
		assertThat(registrationOf("cal@example.com").checkedInAt())
			.isEqualTo(Instant.parse("2026-06-01T17:15:00Z"));
		assertThat(registrationOf("dee@example.com").checkedInAt()).as("empty checked_in is false").isNull();
		assertThat(attendance()).isEqualTo(Map.of("registered", 4, "checkedIn", 2, "segments",
				List.of(Map.of("segment", "EXECUTIVE", "count", 1), Map.of("segment", "PRODUCER", "count", 2),
						Map.of("segment", "VENDOR", "count", 1))));
	}

	@Test
	void quotedFieldsMayHoldCommasDoubledQuotesAndLineBreaks() {
		importOk(this.organizer, HEADER + "\"Doe, Jane \"\"JD\"\"\",jane@example.com,\"Acme, Inc.\",CREATIVE,false\r\n"
				+ "\"Two\nLines\",two@example.com,,CREATIVE,false\r\n");

		assertThat(personNamed("jane@example.com")).isEqualTo("Doe, Jane \"JD\"");
		assertThat(personNamed("two@example.com")).isEqualTo("Two\nLines");
		assertThat(registrationOf("jane@example.com").companyId()).isEqualTo(this.acme.id());
	}

	@Test
	void sameFileAgainChangesNothing() {
		String file = HEADER + "Ann,ann@example.com,acme,PRODUCER,true\n" + "Bob,bob@example.com,,PRESS,false\n"
				+ "Cy,cy@example.com,bolt,STUDENT,2026-06-01T09:30:00Z\n";
		importOk(this.organizer, file);
		Map<String, List<Document>> before = everyCollection();

		assertThat(importOk(this.organizer, file)).isEqualTo(new Counts(0, 0, 3));
		assertThat(withoutAudit(everyCollection())).isEqualTo(withoutAudit(before));
	}

	@Test
	void laterFileAddsToTheRegistrationsAndNeverUnchecks() {
		importOk(this.organizer, HEADER + "Ann,ann@example.com,,PRODUCER,true\n" + "Bob,bob@example.com,,PRESS,false\n"
				+ "Cy,cy@example.com,,STUDENT,false\n");
		Instant annCheckedIn = registrationOf("ann@example.com").checkedInAt();

		Counts counts = importOk(this.organizer, HEADER + "Ann,ann@example.com,,PRODUCER,false\n"
				+ "Bob,BOB@example.com,,EXECUTIVE,false\n" + "Cy,cy@example.com,,STUDENT,true\n"
				+ "Dee,dee@example.com,,PRESS,false\n");

		assertThat(counts).as("Ann unchanged, Bob's segment and Cy's check-in updates, Dee new")
			.isEqualTo(new Counts(1, 2, 1));
		assertThat(registrationOf("ann@example.com").checkedInAt()).as("never un-checked").isEqualTo(annCheckedIn);
		assertThat(registrationOf("bob@example.com").segment()).isEqualTo(AudienceSegment.EXECUTIVE);
		assertThat(registrationOf("cy@example.com").checkedInAt()).isNotNull();
		assertThat(this.mongo.count(new Query(), Registration.class)).isEqualTo(4);

		assertThat(importOk(this.organizer, HEADER + "Eve,eve@example.com,,PRESS,false\n"))
			.isEqualTo(new Counts(1, 0, 0));
		assertThat(this.mongo.count(new Query(), Registration.class)).as("registrations not in the file stay")
			.isEqualTo(5);
		assertThat(attendance()).isEqualTo(Map.of("registered", 5, "checkedIn", 2, "segments",
				List.of(Map.of("segment", "EXECUTIVE", "count", 1), Map.of("segment", "PRODUCER", "count", 1),
						Map.of("segment", "PRESS", "count", 2), Map.of("segment", "STUDENT", "count", 1))));
	}

	// ---- a bad file --------------------------------------------------------------------------------

	@Test
	void fileWithBadLinesAnswersEveryErrorAndWritesNothing() {
		importOk(this.organizer, HEADER + "Ann,ann@example.com,,PRODUCER,false\n");
		Map<String, List<Document>> before = everyCollection();

		Errors errors = post(this.organizer, "expo-2026", HEADER
				+ "Good,good@example.com,acme,PRODUCER,true\n"
				+ "Bad Email,not-an-email,,PRODUCER,false\n"
				+ "Bad Segment,seg@example.com,,JUGGLER,false\n"
				+ "Bad Time,time@example.com,,PRODUCER,yesterday\n"
				+ "Bad Company,company@example.com,no-such-company,PRODUCER,false\n"
				+ "Too Few,few@example.com,,PRODUCER\n"
				+ "Twice,good@example.com,,PRODUCER,false\n"
				+ ",noname@example.com,,PRODUCER,false\n"
				+ "Ann Again,ann@example.com,,EXECUTIVE,true\n")
			.expectStatus()
			.isEqualTo(422)
			.expectBody(Errors.class)
			.returnResult()
			.getResponseBody();

		assertThat(errors.errors()).extracting((e) -> List.of(e.line(), e.column()))
			.containsExactly(List.of(3, 2), List.of(4, 4), List.of(5, 5), List.of(6, 3), List.of(7, 5),
					List.of(8, 2), List.of(9, 1));
		assertThat(errors.errors()).allSatisfy((e) -> assertThat(e.message()).isNotBlank());
		assertThat(errors.errors().get(3).message()).contains("no-such-company");
		assertThat(everyCollection()).isEqualTo(before);
	}

	@Test
	void fileSavedWithAByteOrderMarkIsAccepted() {
		assertThat(importOk(this.organizer, "\uFEFF" + HEADER + "Ann,ann@example.com,,PRESS,false\n"))
			.isEqualTo(new Counts(1, 0, 0));
	}

	@Test
	void wrongHeaderIsAnErrorOnLineOne() {
		Errors errors = post(this.organizer, "expo-2026", "email,name,company,segment,checked_in\nx,a@b.co,,PRESS,false\n")
			.expectStatus()
			.isEqualTo(422)
			.expectBody(Errors.class)
			.returnResult()
			.getResponseBody();

		assertThat(errors.errors()).singleElement().satisfies((e) -> assertThat(List.of(e.line(), e.column()))
			.containsExactly(1, 1));
		assertThat(this.mongo.count(new Query(), Registration.class)).isZero();
	}

	@Test
	void unclosedQuoteIsAnErrorAtTheLineItStarts() {
		Errors errors = post(this.organizer, "expo-2026",
				HEADER + "Ann,ann@example.com,,PRESS,false\n\"Bob,bob@example.com,,PRESS,false\n")
			.expectStatus()
			.isEqualTo(422)
			.expectBody(Errors.class)
			.returnResult()
			.getResponseBody();

		assertThat(errors.errors()).singleElement().satisfies((e) -> assertThat(e.line()).isEqualTo(3));
		assertThat(this.mongo.count(new Query(), Registration.class)).isZero();
	}

	@Test
	void bodyAnnouncedLargerThanTheLimitIs413() throws IOException {
		long tooLarge = 20L * 1024 * 1024 + 1;
		String request = "POST /api/events/expo-2026/registrations HTTP/1.1\r\nHost: localhost\r\n"
				+ "Authorization: Bearer " + this.organizer + "\r\nContent-Type: text/csv\r\n" + "Content-Length: "
				+ tooLarge + "\r\nConnection: close\r\n\r\n" + HEADER;

		assertThat(rawStatus(request, null)).isEqualTo(413);
		assertThat(this.mongo.count(new Query(), Registration.class)).isZero();
	}

	@Test
	void chunkedBodyGrowingPastTheLimitIs413() throws IOException {
		String request = "POST /api/events/expo-2026/registrations HTTP/1.1\r\nHost: localhost\r\n"
				+ "Authorization: Bearer " + this.organizer + "\r\nContent-Type: text/csv\r\n"
				+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
		byte[] row = "Ann,ann@example.com,,PRESS,false\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);
		long chunks = (20L * 1024 * 1024) / row.length + 2;

		int status = rawStatus(request, (out) -> {
			for (long i = 0; i < chunks; i++) {
				out.write((Integer.toHexString(row.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(row);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		});

		assertThat(status).isEqualTo(413);
		assertThat(this.mongo.count(new Query(), Registration.class)).isZero();
	}

	// ---- export ------------------------------------------------------------------------------------

	@Test
	void exportListsEveryRegistrationAndReimportsAsUnchanged() {
		importOk(this.organizer, HEADER + "\"Doe, Jane \"\"JD\"\"\",jane@example.com,\"Acme, Inc.\",CREATIVE,true\n"
				+ "Bob,bob@example.com,,PRESS,false\n" + "Cy,cy@example.com,bolt,STUDENT,2026-06-01T09:30:00Z\n");
		Person speaker = this.fixtures.attendee(this.expo, "Spea Ker", this.acme, "speaker@example.com");
		this.fixtures.registration(this.expo, speaker, AudienceSegment.TECHNOLOGIST, null);

		String exported = get(this.organizer, "expo-2026").expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(CSV)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		List<String> lines = Arrays.asList(exported.split("\r\n"));
		assertThat(lines.get(0)).isEqualTo("name,email,company,segment,checked_in");
		assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrder(
				"\"Doe, Jane \"\"JD\"\"\",jane@example.com,acme,CREATIVE," + registrationOf("jane@example.com").checkedInAt(),
				"Bob,bob@example.com,,PRESS,false", "Cy,cy@example.com,bolt,STUDENT,2026-06-01T09:30:00Z",
				"Spea Ker,speaker@example.com,acme,TECHNOLOGIST,false");
		Map<String, List<Document>> before = everyCollection();

		assertThat(importOk(this.organizer, exported)).isEqualTo(new Counts(0, 0, 4));
		assertThat(withoutAudit(everyCollection())).isEqualTo(withoutAudit(before));
	}

	@Test
	void aNameASpreadsheetWouldRunAsAFormulaIsExportedInertAndImportsBackUnchanged() {
		importOk(this.organizer, HEADER + "\"=HYPERLINK(\"\"http://evil.example\"\")\",eve@example.com,,PRESS,false\n");

		String exported = get(this.organizer, "expo-2026").expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(exported).contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
		assertThat(importOk(this.organizer, exported)).isEqualTo(new Counts(0, 0, 1));
	}

	@Test
	void emailsAndNamesASpreadsheetWouldRunAreExportedInertAndReimportAsUnchanged() {
		importOk(this.organizer, HEADER + "Plus,+plus@example.com,,PRESS,false\n" + "Minus,-minus@example.com,,PRESS,false\n"
				+ "Equals,=equals@example.com,,PRESS,false\n" + "'Quoted,'=quoted@example.com,,PRESS,false\n"
				+ "\"@SUM(A1)\",at@example.com,,PRESS,false\n");
		for (String name : List.of("\tTabbed", "\rReturned", "'=Already guarded", "''+Twice")) {
			this.fixtures.registration(this.expo, this.fixtures.attendee(this.expo, name, null,
					name.replaceAll("[^A-Za-z]", "").toLowerCase() + "@example.com"), AudienceSegment.PRESS, null);
		}

		String exported = get(this.organizer, "expo-2026").expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(Arrays.asList(exported.split("\r\n"))).contains("Plus,'+plus@example.com,,PRESS,false",
				"Minus,'-minus@example.com,,PRESS,false", "Equals,'=equals@example.com,,PRESS,false",
				"'Quoted,'=quoted@example.com,,PRESS,false", "'@SUM(A1),at@example.com,,PRESS,false",
				"'\tTabbed,tabbed@example.com,,PRESS,false", "''=Already guarded,alreadyguarded@example.com,,PRESS,false",
				"'''+Twice,twice@example.com,,PRESS,false");
		assertThat(exported).contains("\"'\rReturned\",returned@example.com,,PRESS,false");
		Map<String, List<Document>> before = everyCollection();

		assertThat(importOk(this.organizer, exported)).isEqualTo(new Counts(0, 0, 9));
		assertThat(withoutAudit(everyCollection())).as("no new people, nothing changed").isEqualTo(withoutAudit(before));
	}

	@Test
	void aLatin1FileIs422NamingTheFirstLineThatIsNotUtf8AndWritesNothing() {
		byte[] latin1 = (HEADER + "Ann,ann@example.com,,PRESS,false\n" + "Jos\u00e9 Mart\u00ednez,jose@example.com,,PRESS,false\n")
			.getBytes(StandardCharsets.ISO_8859_1);

		Errors errors = postBytes(latin1).expectStatus()
			.isEqualTo(422)
			.expectBody(Errors.class)
			.returnResult()
			.getResponseBody();

		assertThat(errors.errors()).singleElement().satisfies((e) -> {
			assertThat(e.line()).isEqualTo(3);
			assertThat(e.message()).contains("not UTF-8", "0xE9", "Save it as UTF-8");
		});
		assertThat(this.mongo.count(new Query(), Registration.class)).isZero();
	}

	@Test
	void aUtf16FileIs422WithOrWithoutItsByteOrderMarkAndWritesNothing() {
		String file = HEADER + "Ann,ann@example.com,,PRESS,false\n";

		for (byte[] body : List.of(file.getBytes(StandardCharsets.UTF_16), file.getBytes(StandardCharsets.UTF_16LE),
				file.getBytes(StandardCharsets.UTF_16BE))) {
			Errors errors = postBytes(body).expectStatus()
				.isEqualTo(422)
				.expectBody(Errors.class)
				.returnResult()
				.getResponseBody();

			assertThat(errors.errors()).singleElement().satisfies((e) -> {
				assertThat(e.line()).isEqualTo(1);
				assertThat(e.message()).contains("UTF-16", "Save it as UTF-8");
			});
		}
		assertThat(this.mongo.count(new Query(), Registration.class)).isZero();
	}

	@Test
	void adminMayExportAnyEdition() {
		importOk(this.organizer, HEADER + "Ann,ann@example.com,,PRESS,false\n");

		get(this.admin, "expo-2026").expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo(HEADER.replace("\n", "\r\n") + "Ann,ann@example.com,,PRESS,false\r\n");
	}

	// ---- helpers -----------------------------------------------------------------------------------

	private WebTestClient.ResponseSpec post(String token, String slug, String body) {
		return this.http.post()
			.uri("/api/events/{slug}/registrations", slug)
			.headers((h) -> {
				if (token != null) {
					h.setBearerAuth(token);
				}
			})
			.contentType(CSV)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec postBytes(byte[] body) {
		return this.http.post()
			.uri("/api/events/{slug}/registrations", "expo-2026")
			.headers((h) -> h.setBearerAuth(this.organizer))
			.contentType(CSV)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec get(String token, String slug) {
		return this.http.get()
			.uri("/api/events/{slug}/registrations", slug)
			.headers((h) -> {
				if (token != null) {
					h.setBearerAuth(token);
				}
			})
			.accept(CSV)
			.exchange();
	}

	private Counts importOk(String token, String body) {
		return post(token, "expo-2026", body).expectStatus()
			.isOk()
			.expectBody(Counts.class)
			.returnResult()
			.getResponseBody();
	}

	private Registration registrationOf(String email) {
		Person person = this.mongo.findOne(Query.query(Criteria.where("emailKey").is(email)), Person.class);
		assertThat(person).as(email).isNotNull();
		return this.mongo.findOne(
				Query.query(Criteria.where("personId").is(person.id()).and("eventId").is(this.expo.id())),
				Registration.class);
	}

	private String personNamed(String email) {
		return this.mongo.findOne(Query.query(Criteria.where("emailKey").is(email)), Person.class).name();
	}

	/** The edition's counters as its organizer sees them (exact, small segments included). */
	private Map<String, Object> attendance() {
		return this.graphQl.mutate()
			.header("Authorization", "Bearer " + this.organizer)
			.build()
			.documentName("eventAttendance")
			.variable("slug", "expo-2026")
			.execute()
			.path("event.attendance")
			.entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
	}

	/** Every document of every collection, by collection, in _id order. */
	private Map<String, List<Document>> everyCollection() {
		Map<String, List<Document>> all = new TreeMap<>();
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

	/** The audit log records every import, even one that changed nothing. */
	private static Map<String, List<Document>> withoutAudit(Map<String, List<Document>> collections) {
		Map<String, List<Document>> rest = new TreeMap<>(collections);
		rest.keySet().removeIf((name) -> name.startsWith("audit"));
		return rest;
	}

	interface BodyWriter {

		void write(OutputStream out) throws IOException;

	}

	/** An HTTP/1.1 exchange on a plain socket (to announce a length or stream a body as we please). */
	private int rawStatus(String head, BodyWriter body) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(head.getBytes(StandardCharsets.US_ASCII));
				if (body != null) {
					body.write(out);
				}
				out.flush();
			}
			catch (IOException ex) {
				// the server may answer and close before the whole body is sent
			}
			InputStream in = socket.getInputStream();
			StringBuilder statusLine = new StringBuilder();
			for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
				statusLine.append((char) c);
			}
			return Integer.parseInt(statusLine.toString().split(" ")[1]);
		}
	}

}
