package dev.marquee.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.marquee.account.JwtKeys;
import dev.marquee.account.TokenService;
import dev.marquee.account.Account;
import dev.marquee.audit.AuditEntry;
import dev.marquee.company.Company;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.sponsorship.Sponsorship;
import dev.marquee.support.Fixtures;
import dev.marquee.support.IntegrationTest;
import dev.marquee.webhooks.Webhook;
import dev.marquee.webhooks.WebhookDelivery;
import dev.marquee.webhooks.WebhookDeliveryStatus;
import dev.marquee.webhooks.WebhookEventType;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Every mutation, as every kind of caller: who may do what is decided in one place
 * ({@link AccessPolicy}), and a refused call writes nothing — no document of any collection changes and
 * no audit entry is added. An allowed call writes exactly one audit entry, naming the caller.
 */
class MutationAuthorizationIT extends IntegrationTest {

	/**
	 * The expected answer per mutation and caller. {@code FORBIDDEN}/{@code NOT_FOUND}: the payload's
	 * {@code errors[0].code} with a null object (a draft of another series is NOT_FOUND: its existence is
	 * not revealed); {@code OK}: the object, no errors. {@code organizer} is an organizer of the object's series ("expo") and, for
	 * updateCompany, the organizer who created the company; {@code otherOrganizer} organizes only another
	 * series. publishEvent and announceEvent act on a DRAFT edition, the other event mutations on a
	 * PUBLISHED one that has started. deleteWebhook and redeliverWebhook act on a webhook of expo and one of
	 * its DELIVERED deliveries.
	 */
	private static final String MATRIX = """
			mutation                 | anonymous | otherOrganizer | organizer | admin
			createSeries             | FORBIDDEN | OK             | OK        | OK
			createEvent              | FORBIDDEN | FORBIDDEN      | OK        | OK
			updateEvent              | FORBIDDEN | FORBIDDEN      | OK        | OK
			publishEvent             | FORBIDDEN | NOT_FOUND      | OK        | OK
			announceEvent            | FORBIDDEN | NOT_FOUND      | OK        | OK
			completeEvent            | FORBIDDEN | FORBIDDEN      | OK        | OK
			cancelEvent              | FORBIDDEN | FORBIDDEN      | OK        | OK
			recordReportedAttendance | FORBIDDEN | FORBIDDEN      | OK        | OK
			createCompany            | FORBIDDEN | OK             | OK        | OK
			updateCompany            | FORBIDDEN | FORBIDDEN      | OK        | OK
			addSponsorship           | FORBIDDEN | FORBIDDEN      | OK        | OK
			removeSponsorship        | FORBIDDEN | FORBIDDEN      | OK        | OK
			scheduleSession          | FORBIDDEN | FORBIDDEN      | OK        | OK
			createPerson             | FORBIDDEN | OK             | OK        | OK
			registerAttendee         | FORBIDDEN | FORBIDDEN      | OK        | OK
			checkIn                  | FORBIDDEN | NOT_FOUND      | OK        | OK
			createAccount            | FORBIDDEN | FORBIDDEN      | FORBIDDEN | OK
			grantSeriesAccess        | FORBIDDEN | FORBIDDEN      | FORBIDDEN | OK
			disableAccount           | FORBIDDEN | FORBIDDEN      | FORBIDDEN | OK
			enableAccount            | FORBIDDEN | FORBIDDEN      | FORBIDDEN | OK
			changePassword           | FORBIDDEN | OK             | OK        | OK
			createWebhook            | FORBIDDEN | FORBIDDEN      | OK        | OK
			deleteWebhook            | FORBIDDEN | FORBIDDEN      | OK        | OK
			redeliverWebhook         | FORBIDDEN | FORBIDDEN      | OK        | OK
			""";

	/** The object field of each mutation's payload. */
	private static final Map<String, String> PAYLOAD_FIELD = Map.ofEntries(Map.entry("createSeries", "series"),
			Map.entry("createEvent", "event"), Map.entry("updateEvent", "event"), Map.entry("publishEvent", "event"),
			Map.entry("announceEvent", "event"), Map.entry("completeEvent", "event"),
			Map.entry("cancelEvent", "event"), Map.entry("recordReportedAttendance", "event"),
			Map.entry("createCompany", "company"), Map.entry("updateCompany", "company"),
			Map.entry("addSponsorship", "sponsorship"), Map.entry("removeSponsorship", "sponsorship"),
			Map.entry("scheduleSession", "session"), Map.entry("createPerson", "person"),
			Map.entry("registerAttendee", "registration"), Map.entry("checkIn", "registration"),
			Map.entry("createAccount", "account"), Map.entry("grantSeriesAccess", "account"),
			Map.entry("disableAccount", "account"), Map.entry("enableAccount", "account"),
			Map.entry("changePassword", "account"), Map.entry("createWebhook", "webhook"),
			Map.entry("deleteWebhook", "webhook"), Map.entry("redeliverWebhook", "webhook"));

	/**
	 * Mutations whose audit entry names another object than their payload's: redeliverWebhook answers the
	 * webhook and audits the delivery it queued.
	 */
	private static final Map<String, Function<MutationAuthorizationIT, String>> AUDITED_OBJECT = Map
		.of("redeliverWebhook", (t) -> GlobalId.encode("WebhookDelivery", t.delivery.id()));

	/** Valid variables of each mutation, against the world of {@link #aWorldWithTwoSeries()}. */
	private final Map<String, Function<MutationAuthorizationIT, Map<String, Object>>> variables = Map.ofEntries(
			Map.entry("createSeries", (t) -> Map.of("input", Map.of("slug", "new-series", "name", "New Series"))),
			Map.entry("createEvent",
					(t) -> Map.of("input",
							Map.of("seriesId", id(t.expo), "slug", "expo-2028", "name", "Expo 2028", "startsAt",
									"2028-06-01T09:00:00-07:00", "endsAt", "2028-06-01T17:00:00-07:00", "timeZone",
									"America/Los_Angeles"))),
			Map.entry("updateEvent",
					(t) -> Map.of("input",
							Map.of("id", id(t.published), "expectedVersion", t.published.version(), "name",
									"Expo 2025 (renamed)"))),
			Map.entry("publishEvent", (t) -> Map.of("id", id(t.draft))),
			Map.entry("announceEvent", (t) -> Map.of("id", id(t.draft))),
			Map.entry("completeEvent", (t) -> Map.of("id", id(t.published))),
			Map.entry("cancelEvent", (t) -> Map.of("id", id(t.published), "reason", "The venue flooded")),
			Map.entry("recordReportedAttendance",
					(t) -> Map.of("eventId", id(t.published), "count", 1200, "source", "press release")),
			Map.entry("createCompany",
					(t) -> Map.of("input", Map.of("slug", "initech", "name", "Initech", "kind", "STUDIO"))),
			Map.entry("updateCompany",
					(t) -> Map.of("input", Map.of("id", id(t.acme), "name", "Acme Pictures"))),
			Map.entry("addSponsorship",
					(t) -> Map.of("input", Map.of("eventId", id(t.published), "companySlug", "acme", "tier", "GOLD"))),
			Map.entry("removeSponsorship", (t) -> Map.of("id", id(t.sponsorship))),
			Map.entry("scheduleSession",
					(t) -> Map.of("input", Map.of("eventId", id(t.published), "title", "Opening keynote", "kind",
							"KEYNOTE"))),
			Map.entry("createPerson", (t) -> Map.of("input", Map.of("name", "Grace Hopper"))),
			Map.entry("registerAttendee",
					(t) -> Map.of("input",
							Map.of("eventId", id(t.published), "personId", id(t.ada), "segment", "PRODUCER"))),
			Map.entry("checkIn", (t) -> Map.of("registrationId", t.registrationOfAda())),
			Map.entry("createAccount",
					(t) -> Map.of("input",
							Map.of("username", "newbie", "password", Fixtures.PASSWORD, "roles", List.of("ORGANIZER")))),
			Map.entry("grantSeriesAccess", (t) -> Map.of("accountId", id(t.target), "seriesId", id(t.expo))),
			Map.entry("disableAccount", (t) -> Map.of("accountId", id(t.target))),
			Map.entry("enableAccount", (t) -> Map.of("accountId", id(t.target))),
			Map.entry("changePassword",
					(t) -> Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "another-long-passphrase")),
			Map.entry("createWebhook",
					(t) -> Map.of("input", Map.of("seriesId", id(t.expo), "url", "https://93.184.216.34/marquee-hook",
							"events", List.of("CHECKED_IN")))),
			Map.entry("deleteWebhook", (t) -> Map.of("id", GlobalId.encode("Webhook", t.webhook.id()))),
			Map.entry("redeliverWebhook", (t) -> Map.of("deliveryId", GlobalId.encode("WebhookDelivery", t.delivery.id()))));

	@Autowired
	private JwtKeys keys;

	private EventSeries expo;

	private Event published;

	private Event draft;

	private Company acme;

	private Sponsorship sponsorship;

	private Person ada;

	private Account admin;

	private Account organizer;

	private Account otherOrganizer;

	private Account target;

	private Webhook webhook;

	private WebhookDelivery delivery;

	@BeforeEach
	void aWorldWithTwoSeries() {
		this.expo = this.fixtures.series("expo", "Expo");
		EventSeries other = this.fixtures.series("other", "Other");
		this.admin = this.fixtures.admin("root");
		this.organizer = this.fixtures.organizer("olga", this.expo);
		this.otherOrganizer = this.fixtures.organizer("oscar", other);
		this.target = this.fixtures.organizer("tessa");
		this.published = this.fixtures.event(this.expo, "expo-2025").startsAt("2025-06-01T09:00:00-07:00").create();
		this.draft = this.fixtures.event(this.expo, "expo-2027").startsAt("2027-06-01T09:00:00-07:00").draft().create();
		this.acme = this.fixtures.company("acme", "Acme", this.organizer);
		this.sponsorship = this.fixtures.sponsor(this.published, this.fixtures.company("globex", "Globex"),
				SponsorTier.SILVER);
		this.ada = this.fixtures.person("Ada Lovelace", null);
		// stored as is: it hears no change (fromSeq beyond every seq), and its private target makes the
		// sender refuse the redelivered attempt without any request leaving the test
		Instant now = Instant.now();
		this.webhook = this.mongo.insert(new Webhook(new ObjectId(), this.expo.id(), "https://10.0.0.7/hook",
				List.of(WebhookEventType.CHECKED_IN), "whsec_" + "A".repeat(44), true, Long.MAX_VALUE, now,
				this.organizer.id(), null));
		this.delivery = this.mongo.insert(new WebhookDelivery(new ObjectId(), this.webhook.id(), this.expo.id(), 1,
				WebhookEventType.CHECKED_IN, null, "{}", WebhookDeliveryStatus.DELIVERED, 1, 0, now, Instant.EPOCH, null,
				now, now, now, 204, null, List.of(new WebhookDelivery.Attempt(now, 204, null, 12))));
	}

	static Stream<Arguments> matrix() {
		List<String> lines = MATRIX.lines().filter((l) -> !l.isBlank()).toList();
		List<String> header = cells(lines.get(0));
		List<String> callers = header.subList(1, header.size());
		return lines.stream().skip(1).flatMap((line) -> {
			List<String> cells = cells(line);
			return callers.stream()
				.map((caller) -> Arguments.of(cells.get(0), caller, cells.get(callers.indexOf(caller) + 1)));
		});
	}

	private static List<String> cells(String line) {
		return Arrays.stream(line.split("\\|")).map(String::trim).toList();
	}

	@ParameterizedTest(name = "{0} as {1}: {2}")
	@MethodSource("matrix")
	void everyMutationAnswersEachCallerAsTheTableSaysAndWritesNothingWhenRefused(String mutation, String caller,
			String expected) throws Exception {
		Map<String, Object> vars = this.variables.get(mutation).apply(this);
		Map<String, List<String>> before = everyDocumentButAudit();
		long auditBefore = this.mongo.count(new Query(), AuditEntry.class);

		String changedId = null;
		GraphQlTester.Request<?> request = tester(caller).documentName(mutation);
		vars.forEach(request::variable);
		GraphQlTester.Response response = request.execute();
		String object = mutation + "." + PAYLOAD_FIELD.get(mutation);
		if (expected.equals("OK")) {
			response.path(mutation + ".errors").entityList(Object.class).hasSize(0);
			changedId = response.path(object + ".id").entity(String.class).get();
		}
		else {
			response.path(mutation + ".errors[0].code").entity(String.class).isEqualTo(expected);
			response.path(object).valueIsNull();
		}

		if (expected.equals("OK")) {
			assertThat(this.mongo.count(new Query(), AuditEntry.class)).isEqualTo(auditBefore + 1);
			AuditEntry newest = this.mongo
				.find(new Query().with(Sort.by(Sort.Direction.DESC, "at", "_id")).limit(1), AuditEntry.class)
				.get(0);
			assertThat(newest.action()).isEqualTo(mutation);
			assertThat(newest.actor()).isEqualTo(account(caller).username());
			assertThat(newest.actorId()).isEqualTo(account(caller).id());
			assertThat(GlobalId.encode(newest.objectType(), newest.objectId()))
				.isEqualTo(AUDITED_OBJECT.containsKey(mutation) ? AUDITED_OBJECT.get(mutation).apply(this) : changedId);
			assertThat(newest.summary()).isNotBlank();
			if (PAYLOAD_FIELD.get(mutation).equals("event")) {
				int after = this.mongo.findById(newest.objectId(), Event.class).version();
				assertThat(newest.versionAfter()).isEqualTo(after);
				assertThat(newest.versionBefore()).isEqualTo(mutation.equals("createEvent") ? null : after - 1);
			}
		}
		else {
			assertThat(everyDocumentButAudit()).isEqualTo(before);
			assertThat(this.mongo.count(new Query(), AuditEntry.class)).isEqualTo(auditBefore);
		}
	}

	/**
	 * A bearer token that fails verification (expired, or signed over other claims) is answered with
	 * HTTP 401 and a Bearer challenge by the security filter, before any GraphQL runs, so what it asks
	 * for does not matter: mutations of three features stand for all of them here (each mutation's own
	 * decision is the matrix above), and nothing is written.
	 */
	@ParameterizedTest(name = "{1} with an {0} token: 401")
	@CsvSource({ "expired, createSeries", "tampered, createSeries", "expired, recordReportedAttendance",
			"tampered, disableAccount" })
	void aTokenThatFailsVerificationIsRefusedWith401BeforeAnyMutationRunsAndWritesNothing(String caller,
			String mutation) throws Exception {
		Map<String, Object> vars = this.variables.get(mutation).apply(this);
		Map<String, List<String>> before = everyDocumentButAudit();
		long auditBefore = this.mongo.count(new Query(), AuditEntry.class);
		String document = new ClassPathResource("graphql-test/" + mutation + ".graphql")
			.getContentAsString(StandardCharsets.UTF_8);

		this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(caller))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", document, "variables", vars))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> assertThat(challenge).startsWith("Bearer"));

		assertThat(everyDocumentButAudit()).isEqualTo(before);
		assertThat(this.mongo.count(new Query(), AuditEntry.class)).isEqualTo(auditBefore);
	}

	/** Ada's registration for the published edition, made by the admin (before the snapshot). */
	private String registrationOfAda() {
		return graphQlAs(this.fixtures.token(this.admin)).documentName("registerAttendee")
			.variable("input", Map.of("eventId", id(this.published), "personId", id(this.ada), "segment", "PRODUCER"))
			.execute()
			.path("registerAttendee.registration.id")
			.entity(String.class)
			.get();
	}

	private HttpGraphQlTester tester(String caller) throws JOSEException {
		return caller.equals("anonymous") ? this.graphQl : graphQlAs(token(caller));
	}

	private String token(String caller) throws JOSEException {
		return switch (caller) {
			case "expired" -> expiredToken(this.organizer);
			case "tampered" -> tampered(this.fixtures.token(this.organizer));
			default -> this.fixtures.token(account(caller));
		};
	}

	private Account account(String caller) {
		return switch (caller) {
			case "otherOrganizer" -> this.otherOrganizer;
			case "organizer" -> this.organizer;
			case "admin" -> this.admin;
			default -> throw new IllegalArgumentException(caller);
		};
	}

	/** A token with the claims {@link TokenService} writes, signed with the app's key, expired an hour ago. */
	private String expiredToken(Account account) throws JOSEException {
		Instant issued = Instant.now().minusSeconds(7200);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("marquee")
			.audience("marquee-api")
			.subject(account.id().toHexString())
			.issueTime(Date.from(issued))
			.notBeforeTime(Date.from(issued))
			.expirationTime(Date.from(issued.plusSeconds(3600)))
			.jwtID(UUID.randomUUID().toString())
			.claim("username", account.username())
			.claim("roles", account.roles().stream().map(Enum::name).sorted().toList())
			.claim(TokenService.VERSION_CLAIM, account.tokenVersion())
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.keys.signingKey().getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(this.keys.signingKey().toRSAKey()));
		return jwt.serialize();
	}

	/** A valid token with one character of its payload changed. */
	private static String tampered(String token) {
		int payloadStart = token.indexOf('.') + 1;
		int at = payloadStart + (token.indexOf('.', payloadStart) - payloadStart) / 2;
		char changed = (token.charAt(at) == 'A') ? 'B' : 'A';
		return token.substring(0, at) + changed + token.substring(at + 1);
	}

	/** Every document of every collection except the audit trail, as JSON, by collection. */
	private Map<String, List<String>> everyDocumentButAudit() {
		Map<String, List<String>> documents = new TreeMap<>();
		for (String collection : this.mongo.getCollectionNames()) {
			if (!collection.startsWith("system.") && !collection.equals(AuditEntry.COLLECTION)) {
				documents.put(collection, this.mongo.getCollection(collection)
					.find()
					.sort(new Document("_id", 1))
					.map(Document::toJson)
					.into(new java.util.ArrayList<>()));
			}
		}
		return documents;
	}

	private static String id(EventSeries series) {
		return GlobalId.encode("EventSeries", series.id());
	}

	private static String id(Event event) {
		return GlobalId.encode("Event", event.id());
	}

	private static String id(Company company) {
		return GlobalId.encode("Company", company.id());
	}

	private static String id(Sponsorship sponsorship) {
		return GlobalId.encode("Sponsorship", sponsorship.id());
	}

	private static String id(Person person) {
		return GlobalId.encode("Person", person.id());
	}

	private static String id(Account account) {
		return GlobalId.encode("Account", account.id());
	}

}
