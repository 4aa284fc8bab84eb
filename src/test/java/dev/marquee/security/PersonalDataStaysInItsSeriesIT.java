package dev.marquee.security;

import java.util.List;
import java.util.Map;

import dev.marquee.account.Account;
import dev.marquee.attendance.Registration;
import dev.marquee.company.Company;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;

/**
 * Personal data stays inside the series that holds it: an organizer of beta cannot reach, register,
 * schedule, match or export a person whose data alpha supplied, and no mutation tells a hidden object
 * from one that does not exist. {@code erasePerson} removes a person's data from every document and
 * keeps every count.
 */
class PersonalDataStaysInItsSeriesIT extends IntegrationTest {

	static final String HEADER = "name,email,company,segment,checked_in\n";

	static final MediaType CSV = MediaType.parseMediaType("text/csv");

	/** The answer for a person id that names nothing the caller may reach. */
	static final List<Map<String, Object>> NO_SUCH_PERSON = List
		.of(Map.of("code", "NOT_FOUND", "field", List.of("input", "personId"), "message", "No person with this ID."));

	EventSeries alpha;

	EventSeries beta;

	Event alpha2025;

	Event alpha2026;

	Event beta2026;

	Company acme;

	String alice;

	String bob;

	String admin;

	/** Alpha's attendee, imported by alpha's organizer: her name, email and company are alpha's data. */
	Person ada;

	@BeforeEach
	void twoSeriesTheirOrganizersAndAnAttendeeOfAlpha() {
		this.acme = this.fixtures.company("acme", "Acme, Inc.");
		this.alpha = this.fixtures.series("alpha", "Alpha");
		this.beta = this.fixtures.series("beta", "Beta");
		this.alpha2025 = this.fixtures.event(this.alpha, "alpha-2025").startsAt("2025-06-01T09:00:00-07:00").create();
		this.alpha2026 = this.fixtures.event(this.alpha, "alpha-2026").create();
		this.beta2026 = this.fixtures.event(this.beta, "beta-2026").create();
		Account aliceAccount = this.fixtures.organizer("alice", this.alpha);
		this.alice = this.fixtures.token(aliceAccount);
		this.bob = this.fixtures.token(this.fixtures.organizer("bob", this.beta));
		this.admin = this.fixtures.token(this.fixtures.admin("root"));
		importCsv(this.alice, "alpha-2026", HEADER + "Ada Lovelace,ada@example.org,acme,EXECUTIVE,true\n");
		this.ada = this.mongo.findOne(Query.query(Criteria.where("emailKey").is("ada@example.org")), Person.class);
		assertThat(this.ada).isNotNull();
	}

	// ---- reach: only persons the caller can already see ----------------------------------------------

	@Test
	void registeringAPersonOfAnotherSeriesAnswersLikeAnIdThatDoesNotExistAndMakesNothingReachable() {
		List<Map<String, Object>> hidden = register(this.bob, this.beta2026, id(this.ada));
		List<Map<String, Object>> missing = register(this.bob, this.beta2026, GlobalId.encode("Person", new ObjectId()));

		assertThat(hidden).isEqualTo(NO_SUCH_PERSON).isEqualTo(missing);
		assertThat(this.mongo.count(Query.query(Criteria.where("eventId").is(this.beta2026.id())), Registration.class))
			.isZero();
		as(this.bob).documentName("personProfile").variable("id", id(this.ada)).execute().path("node").valueIsNull();
	}

	@Test
	void schedulingAPersonOfAnotherSeriesAnswersLikeAnIdThatDoesNotExistAndListsNobody() {
		List<Map<String, Object>> hidden = schedule(this.bob, this.beta2026, id(this.ada));
		List<Map<String, Object>> missing = schedule(this.bob, this.beta2026, GlobalId.encode("Person", new ObjectId()));

		assertThat(hidden).isEqualTo(missing)
			.isEqualTo(List.of(Map.of("code", "NOT_FOUND", "field", List.of("input", "speakerIds", "0"), "message",
					"No person with this ID.")));
		assertThat(this.mongo.count(new Query(), dev.marquee.program.Session.class)).isZero();
		this.graphQl.documentName("search").variable("text", "lovelace").execute().path("search").entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void anAttendeeScheduledAtADraftBecomesAPublicSpeakerOnlyWhenTheEditionIsPublished() {
		Event draft = this.fixtures.event(this.alpha, "alpha-2027").startsAt("2027-06-01T09:00:00-07:00").draft().create();
		assertThat(schedule(this.alice, draft, id(this.ada))).isEmpty();

		this.graphQl.documentName("search").variable("text", "lovelace").execute().path("search").entityList(Object.class)
			.hasSize(0);
		this.graphQl.documentName("node").variable("id", id(this.ada)).execute().path("node").valueIsNull();

		as(this.alice).documentName("publishEvent")
			.variable("id", GlobalId.encode("Event", draft.id()))
			.execute()
			.path("publishEvent.errors")
			.entityList(Object.class)
			.hasSize(0);

		this.graphQl.documentName("search")
			.variable("text", "lovelace")
			.execute()
			.path("search[*].label")
			.entityList(String.class)
			.containsExactly("Ada Lovelace");
		this.graphQl.documentName("personProfile").variable("id", id(this.ada)).execute().path("node.email").valueIsNull();
	}

	// ---- matching and export stay inside the series ----------------------------------------------

	@Test
	void anImportMatchesEmailsOnlyWithinItsSeriesAndItsExportHoldsOnlyTheFilesData() {
		importCsv(this.bob, "beta-2026", HEADER + "Someone Else,ADA@example.org,,PRESS,false\n");

		assertThat(exportCsv(this.bob, "beta-2026"))
			.isEqualTo((HEADER + "Someone Else,ADA@example.org,,PRESS,false\n").replace("\n", "\r\n"));
		assertThat(this.mongo.count(new Query(), Person.class)).as("beta's row made its own person").isEqualTo(2);
		Person adaNow = this.mongo.findById(this.ada.id(), Person.class);
		assertThat(adaNow.name()).isEqualTo("Ada Lovelace");
		assertThat(exportCsv(this.alice, "alpha-2026")).startsWith(HEADER.replace("\n", "\r\n")
				+ "Ada Lovelace,ada@example.org,acme,EXECUTIVE,");
	}

	@Test
	void anEmailIsSeenOnlyByTheSeriesHoldingThePersonAlsoWhenAnotherSeriesRegistersThem() {
		// an admin reaches everyone and registers Ada for beta
		assertThat(register(this.admin, this.beta2026, id(this.ada))).isEmpty();

		GraphQlTester.Response byBob = as(this.bob).documentName("personProfile").variable("id", id(this.ada)).execute();
		byBob.path("node.name").entity(String.class).isEqualTo("Ada Lovelace");
		byBob.path("node.email").valueIsNull();
		byBob.path("node.registrations[*].event.slug").entityList(String.class).containsExactly("beta-2026");
		assertThat(exportCsv(this.bob, "beta-2026")).doesNotContain("ada@example.org");
		as(this.alice).documentName("personProfile")
			.variable("id", id(this.ada))
			.execute()
			.path("node.email")
			.entity(String.class)
			.isEqualTo("ada@example.org");
	}

	@Test
	void createPersonMatchesEmailsOnlyWithinTheSeriesItNames() {
		Map<String, Object> grace = Map.of("name", "Grace Hopper", "email", "Grace@example.org", "seriesId",
				GlobalId.encode("EventSeries", this.beta.id()));

		GraphQlTester.Response created = as(this.bob).documentName("createPerson").variable("input", grace).execute();
		created.path("createPerson.errors").entityList(Object.class).hasSize(0);
		created.path("createPerson.person.email").entity(String.class).isEqualTo("Grace@example.org");
		as(this.bob).documentName("createPerson")
			.variable("input", Map.of("name", "Grace again", "email", "grace@EXAMPLE.org", "seriesId",
					GlobalId.encode("EventSeries", this.beta.id())))
			.execute()
			.path("createPerson.errors[0]")
			.entity(Object.class)
			.isEqualTo(Map.of("code", "DUPLICATE", "field", List.of("input", "email"), "message",
					"The series already holds a person with this email."));
		// the same email in alpha is alpha's own person; beta's is none of alpha's business
		as(this.alice).documentName("createPerson")
			.variable("input", Map.of("name", "Grace H.", "email", "grace@example.org", "seriesId",
					GlobalId.encode("EventSeries", this.alpha.id())))
			.execute()
			.path("createPerson.errors")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(this.mongo.count(Query.query(Criteria.where("emailKey").is("grace@example.org")), Person.class))
			.isEqualTo(2);
	}

	@Test
	void createPersonDoesNotTellWhetherAnotherSeriesKnowsAnEmail() {
		GraphQlTester.Response response = as(this.bob).documentName("createPerson")
			.variable("input", Map.of("name", "Probe", "email", "ada@example.org"))
			.execute();

		response.path("createPerson.errors").entityList(Object.class).hasSize(0);
		// a profile's email is for admins only
		response.path("createPerson.person.email").valueIsNull();
	}

	@Test
	void createPersonInASeriesTheCallerDoesNotOrganizeAnswersLikeASeriesThatDoesNotExist() {
		Object alphas = createPersonIn(this.bob, GlobalId.encode("EventSeries", this.alpha.id()));
		Object none = createPersonIn(this.bob, GlobalId.encode("EventSeries", new ObjectId()));

		assertThat(alphas).isEqualTo(none)
			.isEqualTo(List.of(Map.of("code", "NOT_FOUND", "field", List.of("input", "seriesId"), "message",
					"No series with this ID.")));
		assertThat(this.mongo.count(Query.query(Criteria.where("name").is("Probe")), Person.class)).isZero();
	}

	@Test
	void aPersonFromBeforeSeriesHeldPeopleIsMatchedByNoImportAndItsEmailIsForAdminsOnly() {
		// written as earlier versions did: no holding series
		Person old = this.fixtures.person("Old Timer", this.acme, "old@example.org");
		this.fixtures.registration(this.beta2026, old, dev.marquee.event.AudienceSegment.PRESS, null);

		as(this.bob).documentName("personProfile").variable("id", id(old)).execute().path("node.email").valueIsNull();
		as(this.admin).documentName("personProfile")
			.variable("id", id(old))
			.execute()
			.path("node.email")
			.entity(String.class)
			.isEqualTo("old@example.org");
		importCsv(this.bob, "beta-2026", HEADER + "New Name,old@example.org,,STUDENT,false\n");
		assertThat(this.mongo.count(Query.query(Criteria.where("emailKey").is("old@example.org")), Person.class))
			.as("a new person held by beta").isEqualTo(2);
		assertThat(this.mongo.findById(old.id(), Person.class).name()).isEqualTo("Old Timer");
	}

	// ---- no existence oracle in slugs ------------------------------------------------------------

	@Test
	void aTakenSlugIsRefusedWithTheSameAnswerWhoeverHoldsIt() {
		this.fixtures.event(this.alpha, "alpha-2027-secret").startsAt("2027-06-01T09:00:00-07:00").draft().create();

		Object othersDraft = createEvent(this.bob, "alpha-2027-secret");
		Object own = createEvent(this.bob, "beta-2026");
		Object series = as(this.bob).documentName("createSeries")
			.variable("input", Map.of("slug", "alpha", "name", "Alpha again"))
			.execute()
			.path("createSeries.errors")
			.entity(Object.class)
			.get();

		assertThat(othersDraft).isEqualTo(own)
			.isEqualTo(series)
			.isEqualTo(List.of(Map.of("code", "DUPLICATE", "field", List.of("input", "slug"), "message",
					"This slug is not available; choose another.")));
	}

	// ---- erasePerson -------------------------------------------------------------------------------

	@Test
	void erasePersonIsForAdminsOnly() {
		as(this.alice).documentName("erasePerson")
			.variable("id", id(this.ada))
			.execute()
			.path("erasePerson.errors[0].code")
			.entity(String.class)
			.isEqualTo("FORBIDDEN");
		this.graphQl.documentName("erasePerson")
			.variable("id", id(this.ada))
			.execute()
			.path("erasePerson.errors[0].code")
			.entity(String.class)
			.isEqualTo("FORBIDDEN");
		assertThat(this.mongo.findById(this.ada.id(), Person.class).name()).isEqualTo("Ada Lovelace");
	}

	@Test
	void erasingAnIdThatNamesNoPersonIsNotFound() {
		for (String id : List.of(GlobalId.encode("Person", new ObjectId()), GlobalId.encode("Event", this.alpha2026.id()),
				"not-an-id")) {
			as(this.admin).documentName("erasePerson")
				.variable("id", id)
				.execute()
				.path("erasePerson")
				.entity(Object.class)
				.isEqualTo(Map.of("anonymizedRegistrations", 0, "errors",
						List.of(Map.of("code", "NOT_FOUND", "field", List.of("id"), "message", "No person with this ID."))));
		}
	}

	@Test
	void erasePersonRemovesThePersonsDataEverywhereAndKeepsEveryCount() {
		// Grace: a speaker profile alice made, speaking at alpha-2026, registered for two editions
		String grace = as(this.alice).documentName("createPerson")
			.variable("input", Map.of("name", "Grace Hopper", "headline", "Rear admiral", "companySlug", "acme", "email",
					"grace@example.org"))
			.execute()
			.path("createPerson.person.id")
			.entity(String.class)
			.get();
		as(this.alice).documentName("scheduleSession")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", this.alpha2026.id()), "title",
					"Compilers for everyone", "kind", "KEYNOTE", "speakerIds", List.of(grace)))
			.execute()
			.path("scheduleSession.errors")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(register(this.alice, this.alpha2025, grace)).isEmpty();
		assertThat(register(this.alice, this.alpha2026, grace)).isEmpty();
		String registration = this.mongo
			.findOne(Query.query(Criteria.where("eventId").is(this.alpha2025.id())), Registration.class)
			.id()
			.toHexString();
		as(this.alice).documentName("checkIn")
			.variable("registrationId", GlobalId.encode("Registration", new ObjectId(registration)))
			.execute()
			.path("checkIn.errors")
			.entityList(Object.class)
			.hasSize(0);
		Map<String, Object> countsBefore = counts();

		as(this.admin).documentName("erasePerson")
			.variable("id", grace)
			.execute()
			.path("erasePerson")
			.entity(Object.class)
			.isEqualTo(Map.of("anonymizedRegistrations", 2, "errors", List.of()));

		assertThat(counts()).as("totals, segments, trends and returning attendance").isEqualTo(countsBefore);
		GraphQlTester.Response erased = as(this.admin).documentName("personProfile").variable("id", grace).execute();
		erased.path("node.name").entity(String.class).isEqualTo("Erased person");
		erased.path("node.headline").valueIsNull();
		erased.path("node.email").valueIsNull();
		erased.path("node.company").valueIsNull();
		erased.path("node.sessions").entityList(Object.class).hasSize(0);
		erased.path("node.registrations[*].event.slug").entityList(String.class)
			.containsExactly("alpha-2026", "alpha-2025");
		this.graphQl.documentName("speakersOfEvent")
			.variable("slug", "alpha-2026")
			.execute()
			.path("event.sessions.nodes[0].speakers")
			.entityList(Object.class)
			.hasSize(0);
		as(this.admin).documentName("search").variable("text", "hopper").execute().path("search")
			.entityList(Object.class).hasSize(0);
		ObjectId graceId = GlobalId.decode(grace, "Person").orElseThrow();
		assertThat(this.mongo.find(Query.query(Criteria.where("personId").is(graceId)), Registration.class))
			.as("registrations stay, without the company link")
			.hasSize(2)
			.allSatisfy((r) -> assertThat(r.companyId()).isNull());
		for (String collection : this.mongo.getCollectionNames()) {
			for (Document document : this.mongo.getCollection(collection).find()) {
				assertThat(document.toJson()).as(collection)
					.doesNotContainIgnoringCase("grace")
					.doesNotContainIgnoringCase("hopper")
					.doesNotContainIgnoringCase("rear admiral");
			}
		}
		as(this.admin).documentName("auditLog")
			.variable("first", 1)
			.execute()
			.path("auditLog.nodes[0]")
			.entity(Map.class)
			.satisfies((entry) -> assertThat(entry).containsEntry("action", "erasePerson")
				.containsEntry("actor", "root")
				.containsEntry("objectType", "Person"));
	}

	// ---- helpers -----------------------------------------------------------------------------------

	private HttpGraphQlTester as(String token) {
		return graphQlAs(token);
	}

	private static String id(Person person) {
		return GlobalId.encode("Person", person.id());
	}

	private List<Map<String, Object>> register(String token, Event event, String personId) {
		return as(token).documentName("registerAttendee")
			.variable("input",
					Map.of("eventId", GlobalId.encode("Event", event.id()), "personId", personId, "segment", "PRODUCER"))
			.execute()
			.path("registerAttendee.errors")
			.entity(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.get();
	}

	private List<Map<String, Object>> schedule(String token, Event event, String speakerId) {
		return as(token).documentName("scheduleSession")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", event.id()), "title", "Guessing game", "kind",
					"TALK", "speakerIds", List.of(speakerId)))
			.execute()
			.path("scheduleSession.errors")
			.entity(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.get();
	}

	private Object createPersonIn(String token, String seriesId) {
		return as(token).documentName("createPerson")
			.variable("input", Map.of("name", "Probe", "email", "probe@example.org", "seriesId", seriesId))
			.execute()
			.path("createPerson.errors")
			.entity(Object.class)
			.get();
	}

	private Object createEvent(String token, String slug) {
		return as(token).documentName("createEvent")
			.variable("input", Map.of("seriesId", GlobalId.encode("EventSeries", this.beta.id()), "slug", slug, "name",
					"Beta again", "startsAt", "2027-06-01T09:00:00-07:00", "endsAt", "2027-06-01T17:00:00-07:00",
					"timeZone", "America/Los_Angeles"))
			.execute()
			.path("createEvent.errors")
			.entity(Object.class)
			.get();
	}

	/** Everything an erasure must not change, as alpha's organizer sees it (exact counts). */
	private Map<String, Object> counts() {
		Map<String, Object> counts = new java.util.LinkedHashMap<>();
		counts.put("series", as(this.alice).documentName("seriesAnalytics").variable("slug", "alpha").execute()
			.path("series.returningAttendance").entity(Object.class).get());
		counts.put("mix", as(this.alice).documentName("seriesAnalytics").variable("slug", "alpha").execute()
			.path("series.audienceMix").entity(Object.class).get());
		for (String slug : List.of("alpha-2025", "alpha-2026")) {
			counts.put(slug, as(this.alice).documentName("eventAttendance").variable("slug", slug).execute()
				.path("event.attendance").entity(Object.class).get());
		}
		return counts;
	}

	private void importCsv(String token, String slug, String body) {
		this.http.post()
			.uri("/api/events/{slug}/registrations", slug)
			.headers((h) -> h.setBearerAuth(token))
			.contentType(CSV)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk();
	}

	private String exportCsv(String token, String slug) {
		return this.http.get()
			.uri("/api/events/{slug}/registrations", slug)
			.headers((h) -> h.setBearerAuth(token))
			.accept(CSV)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
