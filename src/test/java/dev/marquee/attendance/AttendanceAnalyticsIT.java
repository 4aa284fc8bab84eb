package dev.marquee.attendance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.marquee.account.Account;
import dev.marquee.account.AccountCommands;
import dev.marquee.event.AudienceSegment;
import dev.marquee.security.Role;
import dev.marquee.company.Company;
import dev.marquee.company.CompanyKind;
import dev.marquee.event.Event;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics over registrations and sponsorships on small, hand-counted data: returning attendance,
 * audience mix, company attendance, tier moves, top sponsors, and the privacy threshold.
 */
class AttendanceAnalyticsIT extends IntegrationTest {

	static final Instant AT = Instant.parse("2020-01-01T00:00:00Z");

	@Autowired
	AccountCommands accounts;

	EventSeries expo;

	String organizer;

	String stranger;

	String admin;

	@BeforeEach
	void aSeriesItsOrganizerAnOrganizerOfAnotherSeriesAndAnAdmin() {
		this.expo = this.fixtures.series("expo", "Expo");
		EventSeries other = this.fixtures.series("other", "Other");
		Account organizer = this.fixtures.organizer("expo-organizer");
		this.accounts.grant(organizer.id(), this.expo.id());
		Account stranger = this.fixtures.organizer("other-organizer");
		this.accounts.grant(stranger.id(), other.id());
		this.organizer = this.fixtures.token(organizer);
		this.stranger = this.fixtures.token(stranger);
		this.admin = this.fixtures.token(this.fixtures.admin("root"));
	}

	@Test
	void returningAttendanceCountsPeopleCheckedInAtAnEarlierEditionOfTheSameSeries() {
		Event e2024 = edition(this.expo, 2024);
		Event e2025 = edition(this.expo, 2025);
		Event e2026 = edition(this.expo, 2026);
		edition(this.expo, 2027);
		EventSeries other = this.fixtures.series("elsewhere", "Elsewhere");
		Event elsewhere2023 = edition(other, 2023);
		Map<String, Person> p = people("A", "B", "C", "D", "E", "F", "G");
		in(e2024, p, "A", "B", "C");
		out(e2024, p, "D");
		in(e2025, p, "A", "D", "E");
		out(e2025, p, "B");
		in(e2026, p, "B", "E", "F", "G");
		out(e2026, p, "C");
		in(elsewhere2023, p, "F", "G");

		seriesAnalytics(as(this.organizer)).path("series.returningAttendance").entity(List.class).isEqualTo(List.of(
				point(2024, "expo-2024", 3, 0, 3), point(2025, "expo-2025", 3, 1, 2),
				point(2026, "expo-2026", 4, 2, 2)));
	}

	@Test
	void returningAndNewcomersAreHiddenTogetherWhenEitherIsBelowThePrivacyThreshold() {
		Event e2024 = edition(this.expo, 2024);
		Event e2025 = edition(this.expo, 2025);
		Map<String, Person> p = people("A", "B", "C", "D", "E", "F", "G", "H");
		in(e2024, p, "A", "B", "C", "D", "E", "F");
		in(e2025, p, "A", "B", "C", "D", "E", "G", "H");

		List<Object> points = seriesAnalytics(this.graphQl).path("series.returningAttendance").entityList(Object.class).get();
		// a zero is shown; 2 newcomers are hidden, and so are the 5 returning, which would give them away
		java.util.Map<String, Object> second = new java.util.HashMap<>(point(2025, "expo-2025", 7, 5, 2));
		second.put("returning", null);
		second.put("newcomers", null);
		assertThat(points).containsExactly(point(2024, "expo-2024", 6, 0, 6), second);
	}

	@Test
	void editionsStartingAtTheSameTimeHaveNoReturningAttendeesBetweenThem() {
		Event east = this.fixtures.event(this.expo, "expo-2026-east").startsAt("2026-06-01T09:00:00-04:00").create();
		Event west = this.fixtures.event(this.expo, "expo-2026-west").startsAt("2026-06-01T06:00:00-07:00").create();
		Map<String, Person> p = people("A", "B", "C", "D");
		in(east, p, "A", "B", "D");
		in(west, p, "C", "D");

		List<Object> points = seriesAnalytics(as(this.organizer)).path("series.returningAttendance")
			.entityList(Object.class)
			.get();
		assertThat(points).containsExactlyInAnyOrder((Object) point(2026, "expo-2026-east", 3, 0, 3),
				point(2026, "expo-2026-west", 2, 0, 2));
	}

	@Test
	void audienceMixCountsRegistrationsBySegmentPerEdition() {
		Event e2025 = edition(this.expo, 2025);
		Event e2026 = edition(this.expo, 2026);
		registerMany(e2025, AudienceSegment.PRODUCER, 6, true);
		registerMany(e2025, AudienceSegment.PRESS, 2, false);
		registerMany(e2025, AudienceSegment.VENDOR, 7, false);
		registerMany(e2026, AudienceSegment.STUDENT, 5, false);
		registerMany(e2026, AudienceSegment.EXECUTIVE, 1, true);

		seriesAnalytics(as(this.organizer)).path("series.audienceMix").entity(List.class).isEqualTo(List.of(
				mix(2025, "expo-2025", 15, Map.of("PRODUCER", 6, "PRESS", 2, "VENDOR", 7)),
				mix(2026, "expo-2026", 6, Map.of("EXECUTIVE", 1, "STUDENT", 5))));
		// PRESS is hidden with the next-smallest segment, and EXECUTIVE with the only other one
		seriesAnalytics(this.graphQl).path("series.audienceMix").entity(List.class).isEqualTo(List.of(
				mix(2025, "expo-2025", 15, Map.of("VENDOR", 7)), mix(2026, "expo-2026", 6, Map.of())));
	}

	@Test
	void smallSegmentsAreLeftOutForCallersWhoDoNotOrganizeTheSeries() {
		Event e2026 = edition(this.expo, 2026);
		registerMany(e2026, AudienceSegment.PRODUCER, 5, false);
		registerMany(e2026, AudienceSegment.PRESS, 4, false);
		registerMany(e2026, AudienceSegment.STUDENT, 1, true);

		for (HttpGraphQlTester outsider : List.of(this.graphQl, as(this.stranger))) {
			eventAttendance(outsider).path("event.attendance.segments").entity(List.class)
				.isEqualTo(List.of(Map.of("segment", "PRODUCER", "count", 5)));
			eventAttendance(outsider).path("event.attendance.registered").entity(Integer.class).isEqualTo(10);
		}
		for (String insider : List.of(this.organizer, this.admin)) {
			eventAttendance(as(insider)).path("event.attendance.segments").entity(List.class)
				.isEqualTo(List.of(Map.of("segment", "PRODUCER", "count", 5), Map.of("segment", "PRESS", "count", 4),
						Map.of("segment", "STUDENT", "count", 1)));
		}
	}

	@Test
	void companyAttendanceCountsCheckedInPeopleOfTheCompanyOrItsWholeGroup() {
		Company conglo = this.fixtures.company("conglo", "Conglo", CompanyKind.CONGLOMERATE);
		Company studio = this.fixtures.subsidiary(conglo, "studio", "Studio");
		Company post = this.fixtures.subsidiary(studio, "post", "Post");
		Company acme = this.fixtures.company("acme", "Acme");
		Event e2025 = edition(this.expo, 2025);
		Event e2026 = edition(this.expo, 2026);
		registerFor(e2025, conglo, 2, true);
		registerFor(e2025, studio, 3, true);
		registerFor(e2025, studio, 4, false);
		registerFor(e2026, post, 6, true);
		registerFor(e2026, acme, 1, true);
		// came for Post in 2025, works for Acme now: the registration's company counts
		Person mover = this.fixtures.person("Mover", post, "mover@example.com");
		this.fixtures.registration(e2025, mover, AudienceSegment.VENDOR, AT);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(mover.id())),
				new Update().set("companyId", acme.id()), Person.class);

		assertThat(companyAttendance(as(this.admin), "conglo", false)).isEqualTo(List.of(attended(2025, "expo-2025", 2)));
		assertThat(companyAttendance(as(this.admin), "conglo", true))
			.isEqualTo(List.of(attended(2025, "expo-2025", 6), attended(2026, "expo-2026", 6)));
		assertThat(companyAttendance(as(this.admin), "studio", true))
			.isEqualTo(List.of(attended(2025, "expo-2025", 4), attended(2026, "expo-2026", 6)));
		assertThat(companyAttendance(as(this.admin), "post", false))
			.isEqualTo(List.of(attended(2025, "expo-2025", 1), attended(2026, "expo-2026", 6)));
		assertThat(companyAttendance(as(this.admin), "acme", false)).isEqualTo(List.of(attended(2026, "expo-2026", 1)));
	}

	@Test
	void companyAttendanceBelowTheThresholdIsNullForCallersWhoDoNotOrganizeTheSeries() {
		Company acme = this.fixtures.company("acme", "Acme");
		Event e2025 = edition(this.expo, 2025);
		Event e2026 = edition(this.expo, 2026);
		registerFor(e2025, acme, 5, true);
		registerFor(e2026, acme, 4, true);

		for (HttpGraphQlTester outsider : List.of(this.graphQl, as(this.stranger))) {
			assertThat(companyAttendance(outsider, "acme", false))
				.isEqualTo(List.of(attended(2025, "expo-2025", 5), attended(2026, "expo-2026", null)));
		}
		for (String insider : List.of(this.organizer, this.admin)) {
			assertThat(companyAttendance(as(insider), "acme", false))
				.isEqualTo(List.of(attended(2025, "expo-2025", 5), attended(2026, "expo-2026", 4)));
		}
	}

	@Test
	void noSubtractionOfPublishedCountsRevealsAHiddenOneToOutsiders() {
		Company conglo = this.fixtures.company("conglo", "Conglo", CompanyKind.CONGLOMERATE);
		Company studio = this.fixtures.subsidiary(conglo, "studio", "Studio");
		Company post = this.fixtures.subsidiary(studio, "post", "Post");
		Company label = this.fixtures.subsidiary(conglo, "label", "Label");
		Company acme = this.fixtures.company("acme", "Acme");
		Company bolt = this.fixtures.company("bolt", "Bolt");
		Event e2025 = edition(this.expo, 2025);
		Event e2026 = edition(this.expo, 2026);
		attend(e2025, conglo, AudienceSegment.PRODUCER, 6);
		attend(e2025, studio, AudienceSegment.STUDENT, 7);
		attend(e2025, post, AudienceSegment.PRESS, 3);
		attend(e2025, label, AudienceSegment.EXECUTIVE, 8);
		List<Person> acmeStaff = attend(e2025, acme, AudienceSegment.TECHNOLOGIST, 9);
		attend(e2025, bolt, AudienceSegment.VENDOR, 2);
		// 2026: five of Acme's people return, two newcomers without a company, one registrant stays away
		acmeStaff.subList(0, 5).forEach((p) -> this.fixtures.registration(e2026, p, AudienceSegment.TECHNOLOGIST, AT));
		attend(e2026, null, AudienceSegment.OTHER, 2);
		registerMany(e2026, AudienceSegment.TECHNOLOGIST, 1, false);

		List<Map<String, Object>> exactSeries = everySeriesAnalytics(as(this.admin));
		List<Map<String, Object>> exactCompanies = everyCompanyAttendance(as(this.admin));
		List<Map<String, Object>> outsiderSeries = everySeriesAnalytics(this.graphQl);
		List<Map<String, Object>> outsiderCompanies = everyCompanyAttendance(this.graphQl);
		Disclosure disclosure = Disclosure.of(5, outsiderSeries, exactSeries, outsiderCompanies, exactCompanies,
				this.mongo.findAll(Company.class));

		assertThat(disclosure.wrong()).isEmpty();
		assertThat(disclosure.hidden()).as("cells an outsider does not see")
			.containsKeys("own:post:expo-2025", "subtree:bolt:expo-2025", "newcomers:expo-2026",
					"segment:expo-2026:OTHER");
		assertThat(disclosure.disclosed()).as("hidden cells an outsider can work out").isEmpty();
		assertThat(everySeriesAnalytics(as(this.stranger))).isEqualTo(outsiderSeries);
		assertThat(everyCompanyAttendance(as(this.stranger))).isEqualTo(outsiderCompanies);
	}

	@Test
	void retentionTiersAreAlignedWithTheYears() {
		Company acme = this.fixtures.company("acme", "Acme");
		Company bolt = this.fixtures.company("bolt", "Bolt");
		Event e2024 = edition(this.expo, 2024);
		Event e2025 = edition(this.expo, 2025);
		Event e2026 = edition(this.expo, 2026);
		this.fixtures.sponsor(e2026, acme, SponsorTier.TITLE);
		this.fixtures.sponsor(e2024, acme, SponsorTier.GOLD);
		this.fixtures.sponsor(e2025, acme, SponsorTier.SILVER);
		this.fixtures.sponsor(e2025, bolt, SponsorTier.PARTNER);

		seriesAnalytics(this.graphQl).path("series.sponsorRetention").entity(List.class).isEqualTo(List.of(
				Map.of("company", Map.of("slug", "acme"), "years", List.of(2024, 2025, 2026), "tiers",
						List.of("GOLD", "SILVER", "TITLE"), "returning", true),
				Map.of("company", Map.of("slug", "bolt"), "years", List.of(2025), "tiers", List.of("PARTNER"),
						"returning", false)));
	}

	@Test
	void topSponsorsRankByEditionsCountingAnEditionOncePerGroupWithTheBestTierAsTieBreak() {
		Company conglo = this.fixtures.company("conglo", "Conglo", CompanyKind.CONGLOMERATE);
		Company studio = this.fixtures.subsidiary(conglo, "studio", "Studio");
		Company post = this.fixtures.subsidiary(studio, "post", "Post");
		Company acme = this.fixtures.company("acme", "Acme");
		Company bolt = this.fixtures.company("bolt", "Bolt");
		Event e1 = edition(this.expo, 2025);
		Event e2 = edition(this.expo, 2026);
		Event e3 = this.fixtures.event(this.expo, "expo-2026-fall").startsAt("2026-10-01T09:00:00-07:00").create();
		Event draft = this.fixtures.event(this.expo, "expo-2027").startsAt("2027-06-01T09:00:00-07:00").draft().create();
		this.fixtures.sponsor(e1, studio, SponsorTier.GOLD);
		this.fixtures.sponsor(e2, studio, SponsorTier.SILVER);
		this.fixtures.sponsor(e2, post, SponsorTier.BRONZE);
		this.fixtures.sponsor(e3, post, SponsorTier.PARTNER);
		this.fixtures.sponsor(e1, acme, SponsorTier.TITLE);
		this.fixtures.sponsor(e2, acme, SponsorTier.PARTNER);
		this.fixtures.sponsor(e3, acme, SponsorTier.MEDIA);
		this.fixtures.sponsor(e2, bolt, SponsorTier.PLATINUM);
		this.fixtures.sponsor(draft, bolt, SponsorTier.TITLE);
		this.fixtures.sponsor(draft, conglo, SponsorTier.TITLE);

		assertThat(topSponsors(null, null, null)).isEqualTo(List.of(top("acme", 3, "TITLE", 2025, 2026),
				top("conglo", 3, "GOLD", 2025, 2026), top("bolt", 1, "PLATINUM", 2026)));
		assertThat(topSponsors(null, false, null)).isEqualTo(List.of(top("acme", 3, "TITLE", 2025, 2026),
				top("studio", 2, "GOLD", 2025, 2026), top("post", 2, "BRONZE", 2026), top("bolt", 1, "PLATINUM", 2026)));
		assertThat(topSponsors(2026, true, null)).isEqualTo(List.of(top("conglo", 2, "SILVER", 2026),
				top("acme", 2, "PARTNER", 2026), top("bolt", 1, "PLATINUM", 2026)));
		assertThat(topSponsors(null, true, 2)).extracting((t) -> (Object) ((Map<?, ?>) t.get("company")).get("slug"))
			.containsExactly("acme", "conglo");
		assertThat(topSponsors(2024, true, null)).isEmpty();
	}

	// ---- helpers -----------------------------------------------------------------------------------

	private HttpGraphQlTester as(String token) {
		return this.graphQl.mutate().header("Authorization", "Bearer " + token).build();
	}

	private Event edition(EventSeries series, int year) {
		return this.fixtures.event(series, series.slug() + "-" + year).startsAt(year + "-06-01T09:00:00-07:00").create();
	}

	private Map<String, Person> people(String... names) {
		Map<String, Person> people = new java.util.HashMap<>();
		for (String name : names) {
			people.put(name, this.fixtures.person(name, null, name.toLowerCase() + "@example.com"));
		}
		return people;
	}

	private void in(Event event, Map<String, Person> people, String... names) {
		for (String name : names) {
			this.fixtures.registration(event, people.get(name), AudienceSegment.OTHER, AT);
		}
	}

	private void out(Event event, Map<String, Person> people, String... names) {
		for (String name : names) {
			this.fixtures.registration(event, people.get(name), AudienceSegment.OTHER, null);
		}
	}

	private int registered;

	private void registerMany(Event event, AudienceSegment segment, int count, boolean checkedIn) {
		for (int i = 0; i < count; i++) {
			Person person = this.fixtures.person("Person " + this.registered, null,
					"person" + this.registered++ + "@example.com");
			this.fixtures.registration(event, person, segment, checkedIn ? AT : null);
		}
	}

	private void registerFor(Event event, Company company, int count, boolean checkedIn) {
		for (int i = 0; i < count; i++) {
			Person person = this.fixtures.person("Person " + this.registered, company,
					"person" + this.registered++ + "@example.com");
			this.fixtures.registration(event, person, AudienceSegment.OTHER, checkedIn ? AT : null);
		}
	}

	/** Checked-in registrations for the company (or none), one new person each. */
	private List<Person> attend(Event event, Company company, AudienceSegment segment, int count) {
		List<Person> people = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			Person person = this.fixtures.person("Person " + this.registered, company,
					"person" + this.registered++ + "@example.com");
			this.fixtures.registration(event, person, segment, AT);
			people.add(person);
		}
		return people;
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> everySeriesAnalytics(HttpGraphQlTester caller) {
		GraphQlTester.Response response = caller.documentName("everySeriesAnalytics").execute();
		response.errors().verify();
		return response.path("seriesList.nodes").entity(List.class).get();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> everyCompanyAttendance(HttpGraphQlTester caller) {
		GraphQlTester.Response response = caller.documentName("everyCompanyAttendance").execute();
		response.errors().verify();
		return response.path("companies.nodes").entity(List.class).get();
	}

	private GraphQlTester.Response seriesAnalytics(HttpGraphQlTester caller) {
		GraphQlTester.Response response = caller.documentName("seriesAnalytics").variable("slug", "expo").execute();
		response.errors().verify();
		return response;
	}

	private GraphQlTester.Response eventAttendance(HttpGraphQlTester caller) {
		GraphQlTester.Response response = caller.documentName("eventAttendance").variable("slug", "expo-2026").execute();
		response.errors().verify();
		return response;
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> companyAttendance(HttpGraphQlTester caller, String slug, boolean subsidiaries) {
		GraphQlTester.Response response = caller.documentName("companyAttendance")
			.variable("slug", slug)
			.variable("includeSubsidiaries", subsidiaries)
			.execute();
		response.errors().verify();
		return response.path("company.attendance").entity(List.class).get();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> topSponsors(Integer year, Boolean groupRollUp, Integer first) {
		GraphQlTester.Response response = this.graphQl.documentName("topSponsors")
			.variable("year", year)
			.variable("groupRollUp", groupRollUp)
			.variable("first", first)
			.execute();
		response.errors().verify();
		return response.path("topSponsors").entity(List.class).get();
	}

	static Map<String, Object> point(int year, String slug, int attendees, int returning, int newcomers) {
		return Map.of("year", year, "event", Map.of("slug", slug), "attendees", attendees, "returning", returning,
				"newcomers", newcomers);
	}

	static Map<String, Object> mix(int year, String slug, int total, Map<String, Integer> segments) {
		return Map.of("year", year, "event", Map.of("slug", slug), "total", total, "segments",
				java.util.Arrays.stream(AudienceSegment.values())
					.filter((s) -> segments.containsKey(s.name()))
					.map((s) -> Map.of("segment", s.name(), "count", segments.get(s.name())))
					.toList());
	}

	static Map<String, Object> attended(int year, String slug, Integer attendees) {
		Map<String, Object> row = new java.util.HashMap<>();
		row.put("year", year);
		row.put("event", Map.of("slug", slug));
		row.put("attendees", attendees);
		return row;
	}

	static Map<String, Object> top(String slug, int editions, String bestTier, Integer... years) {
		return Map.of("company", Map.of("slug", slug), "editions", editions, "bestTier", bestTier, "years",
				List.of(years));
	}

}
