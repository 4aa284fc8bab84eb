package dev.marquee.attendance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.marquee.event.AudienceSegment;
import dev.marquee.security.Role;
import dev.marquee.company.Company;
import dev.marquee.company.CompanyKind;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.sponsorship.Sponsorship;
import dev.marquee.support.IntegrationTest;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every analytic over more than 50,000 registrations (several series, editions and corporate groups)
 * equals a plain recount, computed here from the raw documents, for an admin (exact) and for an
 * anonymous caller (the suppression rule applied; no hidden company count can be worked out).
 */
class AnalyticsRecountIT extends IntegrationTest {

	static final int PEOPLE = 9_000;

	static final int PER_EDITION = 4_250;

	static final int MIN_CELL = 5;

	static final Suppression SUPPRESSION = new Suppression(MIN_CELL);

	@Autowired
	RegistrationCommands registrationCommands;

	final Random random = new Random(20261124);

	@Test
	void everyAnalyticEqualsAPlainRecountOfTheRegistrations() {
		build();
		List<Registration> registrations = this.mongo.findAll(Registration.class);
		assertThat(registrations).hasSizeGreaterThanOrEqualTo(50_000);
		Recount recount = new Recount(registrations, this.mongo.findAll(Event.class), this.mongo.findAll(Company.class),
				this.mongo.findAll(Sponsorship.class), this.mongo.findAll(EventSeries.class));
		assertThat(recount.series(false)).as("the data has segments below the threshold")
			.isNotEqualTo(recount.series(true));
		HttpGraphQlTester admin = patient(this.graphQl).mutate()
			.header("Authorization", "Bearer " + this.fixtures.token(this.fixtures.admin("root")))
			.build();
		HttpGraphQlTester anonymous = patient(this.graphQl);

		List<Map<String, Object>> exactSeries = nodes(execute(admin, "everySeriesAnalytics"), "seriesList.nodes");
		List<Map<String, Object>> outsiderSeries = nodes(execute(anonymous, "everySeriesAnalytics"), "seriesList.nodes");
		assertThat(bySlug(exactSeries)).isEqualTo(recount.series(true));
		assertThat(bySlug(outsiderSeries)).isEqualTo(recount.series(false));

		List<Map<String, Object>> exactCompanies = nodes(execute(admin, "everyCompanyAttendance"), "companies.nodes");
		List<Map<String, Object>> outsiderCompanies = nodes(execute(anonymous, "everyCompanyAttendance"),
				"companies.nodes");
		assertThat(bySlug(exactCompanies)).isEqualTo(recount.companies());
		// the same rows, a count hidden (null) where the suppression hides it; which ones is checked below
		assertThat(bySlug(outsiderCompanies)).isEqualTo(hiddenAsIn(recount.companies(), outsiderCompanies));
		Disclosure disclosure = Disclosure.of(MIN_CELL, outsiderSeries, exactSeries, outsiderCompanies,
				exactCompanies, this.mongo.findAll(Company.class));
		assertThat(disclosure.wrong()).isEmpty();
		assertThat(disclosure.hidden().keySet()).as("companies below the threshold")
			.anyMatch((cell) -> cell.startsWith("own:tiny:"));
		assertThat(disclosure.disclosed()).as("hidden counts an anonymous caller can work out").isEmpty();

		for (AudienceSegment segment : List.of(AudienceSegment.PRODUCER, AudienceSegment.STUDENT)) {
			GraphQlTester.Response counts = admin.documentName("everyEditionRegistrationCounts")
				.variable("segment", segment)
				.execute();
			counts.errors().verify();
			List<Map<String, Object>> editions = new ArrayList<>();
			for (Object series : counts.path("seriesList.nodes").entity(List.class).get()) {
				editions.addAll(listAt(series, "editions", "nodes"));
			}
			assertThat(bySlug(editions)).isEqualTo(recount.registrationCounts(segment));
		}

		for (Integer year : Arrays.asList(null, 2023, 2025)) {
			for (boolean rollUp : List.of(true, false)) {
				GraphQlTester.Response top = this.graphQl.documentName("topSponsors")
					.variable("year", year)
					.variable("groupRollUp", rollUp)
					.variable("first", 100)
					.execute();
				top.errors().verify();
				top.path("topSponsors").entity(List.class).isEqualTo(recount.topSponsors(year, rollUp));
			}
		}

		for (Registration sample : List.of(registrations.get(0), registrations.get(registrations.size() / 2),
				registrations.get(registrations.size() - 1))) {
			GraphQlTester.Response history = execute(admin.mutate().build().documentName("personHistory")
				.variable("id", GlobalId.encode("Person", sample.personId())));
			history.path("node.registrations[*].event.slug").entityList(String.class)
				.isEqualTo(recount.historyOf(sample.personId()));
		}
	}

	// ---- the data ----------------------------------------------------------------------------------

	private void build() {
		List<Company> companies = new ArrayList<>();
		for (int g = 0; g < 3; g++) {
			Company top = this.fixtures.company("conglo-" + g, "Conglo " + g, CompanyKind.CONGLOMERATE);
			Company studio = this.fixtures.subsidiary(top, "studio-" + g, "Studio " + g);
			Company post = this.fixtures.subsidiary(studio, "post-" + g, "Post " + g);
			Company stream = this.fixtures.subsidiary(top, "stream-" + g, "Stream " + g);
			companies.addAll(List.of(top, studio, post, stream));
		}
		for (int i = 0; i < 4; i++) {
			companies.add(this.fixtures.company("indie-" + i, "Indie " + i));
		}
		Company tiny = this.fixtures.company("tiny", "Tiny");
		List<Event> editions = new ArrayList<>();
		for (int s = 0; s < 3; s++) {
			EventSeries series = this.fixtures.series("series-" + s, "Series " + s);
			for (int year = 2022; year <= 2025; year++) {
				editions.add(this.fixtures.event(series, "series-" + s + "-" + year)
					.startsAt(year + "-0" + (s + 3) + "-10T09:00:00-07:00")
					.create());
			}
			if (s == 0) {
				Event draft = this.fixtures.event(series, "series-0-2026").startsAt("2026-03-10T09:00:00-07:00")
					.draft()
					.create();
				companies.forEach((c) -> this.fixtures.sponsor(draft, c, SponsorTier.TITLE));
			}
		}
		SponsorTier[] tiers = SponsorTier.values();
		for (Event edition : editions) {
			for (Company company : companies) {
				if (this.random.nextInt(10) < 3) {
					this.fixtures.sponsor(edition, company, tiers[this.random.nextInt(tiers.length)]);
				}
			}
		}

		List<Person> people = new ArrayList<>();
		for (int i = 0; i < PEOPLE; i++) {
			Company company = (this.random.nextInt(100) < 15) ? null : companies.get(this.random.nextInt(companies.size()));
			people.add(Person.of(new ObjectId(), "Person " + i, null, (company != null) ? company.id() : null,
					"person" + i + "@example.com", null, true));
		}
		List<Person> tinyStaff = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			tinyStaff.add(Person.of(new ObjectId(), "Tiny " + i, null, tiny.id(), "tiny" + i + "@example.com", null,
					true));
		}
		this.mongo.insert(people, Person.class);
		this.mongo.insert(tinyStaff, Person.class);

		AudienceSegment[] segments = AudienceSegment.values();
		List<Registration> batch = new ArrayList<>();
		for (Event edition : editions) {
			List<Person> shuffled = new ArrayList<>(people);
			Collections.shuffle(shuffled, this.random);
			List<Person> coming = new ArrayList<>(shuffled.subList(0, PER_EDITION));
			if (edition.year() >= 2024) {
				coming.addAll(tinyStaff);
			}
			for (Person person : coming) {
				// one in ten came for another company than the person's current one (or none)
				ObjectId companyId = person.companyId();
				if (this.random.nextInt(10) == 0) {
					companyId = (this.random.nextBoolean()) ? null : companies.get(this.random.nextInt(companies.size())).id();
				}
				// STUDENT is rare, so that some editions have fewer than five
				AudienceSegment segment = (this.random.nextInt(2000) < 3) ? AudienceSegment.STUDENT
						: segments[this.random.nextInt(segments.length)];
				if (segment == AudienceSegment.STUDENT && this.random.nextInt(2000) >= 3) {
					segment = AudienceSegment.OTHER;
				}
				boolean checkedIn = this.random.nextInt(10) < 6 || tiny.id().equals(person.companyId());
				batch.add(new Registration(new ObjectId(), edition.id(), edition.seriesId(), edition.year(),
						edition.startsAt(), person.id(), companyId, segment,
						edition.startsAt().minus(Duration.ofDays(1 + this.random.nextInt(60))),
						checkedIn ? edition.startsAt().plusSeconds(this.random.nextInt(8 * 3600)) : null));
				if (batch.size() == 5_000) {
					this.mongo.insert(batch, Registration.class);
					batch.clear();
				}
			}
		}
		this.mongo.insert(batch, Registration.class);
		editions.forEach((edition) -> this.registrationCommands.repair(edition.id()));
	}

	// ---- the recount -------------------------------------------------------------------------------

	/** The analytics computed the plain way, in memory, from every document. */
	static final class Recount {

		final List<Registration> registrations;

		final Map<ObjectId, Event> events = new HashMap<>();

		final Map<ObjectId, Company> companies = new HashMap<>();

		final List<Sponsorship> sponsorships;

		final List<EventSeries> series;

		Recount(List<Registration> registrations, List<Event> events, List<Company> companies,
				List<Sponsorship> sponsorships, List<EventSeries> series) {
			this.registrations = registrations;
			events.forEach((e) -> this.events.put(e.id(), e));
			companies.forEach((c) -> this.companies.put(c.id(), c));
			this.sponsorships = sponsorships;
			this.series = series;
		}

		Map<String, Object> series(boolean exact) {
			Map<String, Object> bySlug = new HashMap<>();
			for (EventSeries s : this.series) {
				List<Event> editions = this.events.values()
					.stream()
					.filter((e) -> e.seriesId().equals(s.id()) && (exact || e.isPublic()))
					.sorted(Comparator.comparing(Event::startsAt))
					.toList();
				Map<ObjectId, Instant> firstCheckIn = new HashMap<>();
				this.registrations.stream()
					.filter((r) -> r.seriesId().equals(s.id()) && r.checkedInAt() != null)
					.forEach((r) -> firstCheckIn.merge(r.personId(), r.eventStartsAt(),
							(a, b) -> a.isBefore(b) ? a : b));
				List<Object> returning = new ArrayList<>();
				List<Object> mix = new ArrayList<>();
				List<Object> nodes = new ArrayList<>();
				for (Event e : editions) {
					List<Registration> of = this.registrations.stream().filter((r) -> r.eventId().equals(e.id())).toList();
					List<Registration> came = of.stream().filter((r) -> r.checkedInAt() != null).toList();
					long back = came.stream().filter((r) -> firstCheckIn.get(r.personId()).isBefore(e.startsAt())).count();
					if (!came.isEmpty()) {
						Map<String, Object> point = new HashMap<>();
						point.putAll(Map.of("year", e.year(), "event", Map.of("slug", e.slug()), "attendees", came.size()));
						int[] sum = { (int) back, came.size() - (int) back };
						boolean[] hidden = exact ? new boolean[2] : SUPPRESSION.hide(sum);
						point.put("returning", hidden[0] ? null : sum[0]);
						point.put("newcomers", hidden[1] ? null : sum[1]);
						returning.add(point);
					}
					List<Object> segments = segments(of, exact);
					mix.add(Map.of("year", e.year(), "event", Map.of("slug", e.slug()), "total", of.size(), "segments",
							segments));
					nodes.add(Map.of("slug", e.slug(), "attendance",
							Map.of("registered", of.size(), "checkedIn", came.size(), "segments", segments)));
				}
				Map<String, Object> row = new HashMap<>();
				row.put("slug", s.slug());
				row.put("returningAttendance", returning);
				row.put("audienceMix", mix);
				row.put("sponsorRetention", retention(s.id(), exact));
				row.put("editions", Map.of("nodes", nodes));
				bySlug.put(s.slug(), row);
			}
			return bySlug;
		}

		private static List<Object> segments(List<Registration> of, boolean exact) {
			Map<AudienceSegment, Integer> counts = new java.util.EnumMap<>(AudienceSegment.class);
			of.forEach((r) -> counts.merge(r.segment(), 1, Integer::sum));
			List<Map.Entry<AudienceSegment, Integer>> all = new ArrayList<>(counts.entrySet());
			boolean[] hidden = exact ? new boolean[all.size()]
					: SUPPRESSION.hide(all.stream().mapToInt(Map.Entry::getValue).toArray());
			List<Object> shown = new ArrayList<>();
			for (int i = 0; i < all.size(); i++) {
				if (!hidden[i]) {
					shown.add(Map.of("segment", all.get(i).getKey().name(), "count", all.get(i).getValue()));
				}
			}
			return shown;
		}

		private List<Object> retention(ObjectId seriesId, boolean exact) {
			Map<ObjectId, List<Sponsorship>> byCompany = this.sponsorships.stream()
				.filter((sp) -> sp.seriesId().equals(seriesId) && (exact || !sp.draft()))
				.collect(Collectors.groupingBy(Sponsorship::companyId));
			return byCompany.entrySet()
				.stream()
				.map((entry) -> entry.getValue()
					.stream()
					.sorted(Comparator.comparing(Sponsorship::eventStartsAt))
					.toList())
				.sorted(Comparator.comparing((List<Sponsorship> l) -> -l.size())
					.thenComparing((l) -> l.get(0).year())
					.thenComparing((l) -> l.get(0).companyId()))
				.map((l) -> (Object) Map.of("company", Map.of("slug", this.companies.get(l.get(0).companyId()).slug()),
						"years", l.stream().map(Sponsorship::year).toList(), "tiers",
						l.stream().map((sp) -> sp.tier().name()).toList(), "returning", l.size() > 1))
				.toList();
		}

		Map<String, Object> companies() {
			Map<String, Object> bySlug = new HashMap<>();
			for (Company c : this.companies.values()) {
				Set<ObjectId> group = this.companies.values()
					.stream()
					.filter((o) -> o.id().equals(c.id()) || o.ancestorIds().contains(c.id()))
					.map(Company::id)
					.collect(Collectors.toSet());
				bySlug.put(c.slug(), Map.of("slug", c.slug(), "own", attendance(Set.of(c.id())::contains), "group",
						attendance(group::contains)));
			}
			return bySlug;
		}

		private List<Object> attendance(Predicate<ObjectId> ofCompany) {
			Map<ObjectId, Integer> perEvent = new HashMap<>();
			this.registrations.stream()
				.filter((r) -> r.checkedInAt() != null && r.companyId() != null && ofCompany.test(r.companyId()))
				.forEach((r) -> perEvent.merge(r.eventId(), 1, Integer::sum));
			return perEvent.entrySet()
				.stream()
				.sorted(Comparator.comparing((Map.Entry<ObjectId, Integer> entry) -> this.events.get(entry.getKey()).startsAt()))
				.map((entry) -> {
					Event e = this.events.get(entry.getKey());
					Map<String, Object> row = new HashMap<>();
					row.put("year", e.year());
					row.put("event", Map.of("slug", e.slug()));
					row.put("attendees", entry.getValue());
					return (Object) row;
				})
				.toList();
		}

		Map<String, Object> registrationCounts(AudienceSegment segment) {
			Map<String, Object> bySlug = new HashMap<>();
			for (Event e : this.events.values()) {
				List<Registration> of = this.registrations.stream().filter((r) -> r.eventId().equals(e.id())).toList();
				long in = of.stream().filter((r) -> r.checkedInAt() != null).count();
				long ofSegment = of.stream().filter((r) -> r.segment() == segment).count();
				long ofSegmentIn = of.stream().filter((r) -> r.segment() == segment && r.checkedInAt() != null).count();
				bySlug.put(e.slug(), Map.of("slug", e.slug(), "all", total(of.size()), "checkedIn", total(in),
						"notCheckedIn", total(of.size() - in), "ofSegment", total(ofSegment), "ofSegmentCheckedIn",
						total(ofSegmentIn)));
			}
			return bySlug;
		}

		private static Map<String, Object> total(long count) {
			return Map.of("totalCount", (int) count);
		}

		List<Object> topSponsors(Integer year, boolean rollUp) {
			Map<ObjectId, List<Sponsorship>> bySponsor = this.sponsorships.stream()
				.filter((sp) -> !sp.draft() && (year == null || sp.year() == year))
				.collect(Collectors.groupingBy(rollUp ? Sponsorship::groupId : Sponsorship::companyId));
			record Row(ObjectId id, int editions, int bestRank, List<Integer> years) {
			}
			return bySponsor.entrySet()
				.stream()
				.map((entry) -> new Row(entry.getKey(),
						(int) entry.getValue().stream().map(Sponsorship::eventId).distinct().count(),
						entry.getValue().stream().mapToInt(Sponsorship::tierRank).min().orElseThrow(),
						List.copyOf(entry.getValue().stream().map(Sponsorship::year).collect(Collectors.toCollection(TreeSet::new)))))
				.sorted(Comparator.comparing((Row r) -> -r.editions())
					.thenComparing(Row::bestRank)
					.thenComparing(Row::id))
				.limit(100)
				.map((r) -> (Object) Map.of("company", Map.of("slug", this.companies.get(r.id()).slug()), "editions",
						r.editions(), "bestTier", SponsorTier.values()[r.bestRank()].name(), "years", r.years()))
				.toList();
		}

		List<String> historyOf(ObjectId personId) {
			return this.registrations.stream()
				.filter((r) -> r.personId().equals(personId))
				.sorted(Comparator.comparing(Registration::eventStartsAt).reversed())
				.map((r) -> this.events.get(r.eventId()).slug())
				.toList();
		}

	}

	// ---- helpers -----------------------------------------------------------------------------------

	/** Two minutes for both the tester and the WebTestClient under it (whose own timeout is 30 s). */
	private static HttpGraphQlTester patient(HttpGraphQlTester tester) {
		return tester.mutate()
			.webTestClient((client) -> client.responseTimeout(Duration.ofMinutes(2)))
			.responseTimeout(Duration.ofMinutes(2))
			.build();
	}

	private static GraphQlTester.Response execute(HttpGraphQlTester caller, String document) {
		return execute(caller.documentName(document));
	}

	private static GraphQlTester.Response execute(GraphQlTester.Request<?> request) {
		GraphQlTester.Response response = request.execute();
		response.errors().verify();
		return response;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> nodes(GraphQlTester.Response response, String path) {
		return response.path(path).entity(List.class).get();
	}

	/** The exact company rows with {@code attendees} null wherever the outsider's answer has it null. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> hiddenAsIn(Map<String, Object> exact, List<Map<String, Object>> outsider) {
		Map<String, Object> result = new HashMap<>();
		Map<String, Object> seen = bySlug(outsider);
		exact.forEach((slug, row) -> {
			Map<String, Object> copy = new HashMap<>((Map<String, Object>) row);
			for (String list : List.of("own", "group")) {
				List<Map<String, Object>> rows = (List<Map<String, Object>>) copy.get(list);
				List<Map<String, Object>> theirs = (seen.get(slug) != null)
						? (List<Map<String, Object>>) ((Map<String, Object>) seen.get(slug)).get(list) : List.of();
				List<Object> masked = new ArrayList<>();
				for (int i = 0; i < rows.size(); i++) {
					Map<String, Object> r = new HashMap<>(rows.get(i));
					if (i < theirs.size() && theirs.get(i).get("attendees") == null) {
						r.put("attendees", null);
					}
					masked.add(r);
				}
				copy.put(list, masked);
			}
			result.put(slug, copy);
		});
		return result;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> bySlug(List<?> rows) {
		Map<String, Object> bySlug = new LinkedHashMap<>();
		rows.forEach((row) -> bySlug.put((String) ((Map<String, Object>) row).get("slug"), row));
		return bySlug;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> listAt(Object map, String... path) {
		Object at = map;
		for (String key : path) {
			at = ((Map<String, Object>) at).get(key);
		}
		return (List<Map<String, Object>>) at;
	}

}
