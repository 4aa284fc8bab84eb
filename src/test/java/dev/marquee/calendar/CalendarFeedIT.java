package dev.marquee.calendar;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import dev.marquee.account.Account;
import dev.marquee.event.Event;
import dev.marquee.event.EventStatus;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.program.Session;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The iCalendar feeds, each parsed and validated by ical4j and compared field by field with the GraphQL
 * answer for the same edition.
 */
class CalendarFeedIT extends IntegrationTest {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

	private EventSeries series;

	private Event edition;

	private Account organizer;

	@BeforeEach
	void anEditionAcrossTheStartOfDaylightSavingTime() {
		this.series = this.fixtures.series("aotl", "AI on the Lot");
		this.organizer = this.fixtures.organizer("olivia", this.series);
		// Los Angeles moves to PDT on 2026-03-08 at 02:00: the first day is PST, the last two PDT
		this.edition = this.fixtures.event(this.series, "aotl-2026")
			.name("AI on the Lot 2026")
			.startsAt("2026-03-07T09:00:00-08:00")
			.lasting(Duration.ofHours(57))
			.venue("Culver City", "US")
			.tracks("Pre-production", "VFX, post & finishing")
			.create();
		Person ada = this.fixtures.person("Ada Lovelace", this.fixtures.company("analytical", "Analytical Engines"));
		Person grace = this.fixtures.person("Grace Hopper", null);
		Session keynote = this.fixtures.session(this.edition, "Opening keynote").at(0).speakers(ada, grace).create();
		this.fixtures.session(this.edition, "Previs at scale").track("Pre-production").at(60 * 25).speakers(ada).create();
		this.fixtures.session(this.edition, "Finishing in the cloud").track("VFX, post & finishing").at(60 * 48).create();
		this.fixtures.session(this.edition, "Not yet scheduled").create();
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(keynote.id())),
				Update.update("room", "Stage 15").set("description", "Where the year's work comes together."),
				Session.class);
	}

	@Test
	void eventFeedMatchesTheGraphQlAnswerFieldByField() throws Exception {
		EntityExchangeResult<byte[]> answer = get("/api/events/aotl-2026/calendar.ics", null, null);
		assertThat(answer.getResponseHeaders().getContentType().toString()).isEqualTo("text/calendar;charset=utf-8");
		assertThat(answer.getResponseHeaders().getCacheControl()).isEqualTo("max-age=300, public");
		assertThat(answer.getResponseHeaders().getVary()).contains("Authorization");
		assertThat(answer.getResponseHeaders().getETag()).matches("\"[0-9a-f]{32}\"");
		Calendar calendar = parse(answer);

		GraphQlTester.Response graphQl = this.graphQl.documentName("calendarEdition").variable("slug", "aotl-2026").execute();
		Map<String, Object> event = graphQl.path("event").entity(new ParameterizedTypeReference<Map<String, Object>>() {
		}).get();
		assertThat(event.get("calendarUrl")).isEqualTo("/api/events/aotl-2026/calendar.ics");
		List<Map<String, Object>> sessions = graphQl.path("event.sessions.nodes")
			.entity(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.get();

		List<VEvent> entries = calendar.getComponents(Component.VEVENT);
		// the edition, then its three scheduled sessions (the unscheduled one has no time to show)
		assertThat(entries).hasSize(4);
		VEvent whole = entries.get(0);
		assertThat(value(whole, "UID")).isEqualTo("event-" + this.edition.id().toHexString() + "@marquee.invalid");
		assertThat(value(whole, "SUMMARY")).isEqualTo(event.get("name"));
		// a multi-day edition is all-day over its days in its zone, the end exclusive
		assertThat(value(whole, "DTSTART")).isEqualTo("20260307");
		assertThat(whole.getProperty("DTSTART").get().getParameter("VALUE").get().getValue()).isEqualTo("DATE");
		assertThat(value(whole, "DTEND")).isEqualTo("20260310");
		assertThat(value(whole, "SEQUENCE")).isEqualTo(String.valueOf((Integer) event.get("version") - 1));
		assertThat(value(whole, "STATUS")).isEqualTo("CONFIRMED");
		assertThat(value(whole, "LOCATION")).isEqualTo("Culver City Convention Center, Culver City, US");
		assertThat(value(whole, "DESCRIPTION")).isEqualTo("Tracks: Pre-production, VFX, post & finishing");
		assertThat(value(whole, "URL")).endsWith("/events/aotl-2026");

		List<Map<String, Object>> scheduled = sessions.stream().filter((s) -> s.get("startsAt") != null).toList();
		assertThat(scheduled).hasSize(3);
		for (int i = 0; i < scheduled.size(); i++) {
			Map<String, Object> session = scheduled.get(i);
			VEvent entry = entries.get(i + 1);
			String hex = GlobalId.decode((String) session.get("id"), "Session").orElseThrow().toHexString();
			assertThat(value(entry, "UID")).isEqualTo("session-" + hex + "@marquee.invalid");
			assertThat(value(entry, "SUMMARY")).isEqualTo(session.get("title"));
			assertThat(instant(calendar, entry, "DTSTART")).isEqualTo(OffsetDateTime.parse((String) session.get("startsAt")).toInstant());
			assertThat(instant(calendar, entry, "DTEND")).isEqualTo(OffsetDateTime.parse((String) session.get("endsAt")).toInstant());
			assertThat(entry.getProperty("DTSTART").get().getParameter("TZID").get().getValue())
				.isEqualTo("America/Los_Angeles");
			Map<?, ?> track = (Map<?, ?>) session.get("track");
			assertThat(entry.getProperty("CATEGORIES").map(Property::getValue).orElse(null))
				.isEqualTo((track != null) ? ((String) track.get("name")).replace(",", "\\,") : null);
			List<?> speakers = (List<?>) session.get("speakers");
			String description = entry.getProperty("DESCRIPTION").map(Property::getValue).orElse("");
			for (Object speaker : speakers) {
				assertThat(description).contains((String) ((Map<?, ?>) speaker).get("name"));
			}
			if (session.get("description") != null) {
				assertThat(description).startsWith((String) session.get("description"));
			}
			String location = value(entry, "LOCATION");
			assertThat(location).endsWith("Culver City Convention Center, Culver City, US");
			if (session.get("room") != null) {
				assertThat(location).startsWith(session.get("room") + ", ");
			}
			assertThat(value(entry, "SEQUENCE")).isEqualTo("0");
			assertThat(entry.getProperty("DTSTAMP")).isPresent();
			assertThat(entry.getProperty("LAST-MODIFIED")).isPresent();
		}
		assertThat(value(entries.get(1), "DESCRIPTION"))
			.isEqualTo("Where the year's work comes together.\n\nSpeakers: Ada Lovelace, Grace Hopper");
		assertThat(value(entries.get(1), "LOCATION")).startsWith("Stage 15, ");

		// one VTIMEZONE for the one zone used, with both observances for the years covered
		List<VTimeZone> zones = calendar.getComponents(Component.VTIMEZONE);
		assertThat(zones).hasSize(1);
		assertThat(value(zones.get(0), "TZID")).isEqualTo("America/Los_Angeles");
		assertThat(zones.get(0).getObservances()).extracting(Component::getName)
			.containsExactlyInAnyOrder("STANDARD", "DAYLIGHT");
		// the first session is in PST (-08:00), the last, 48 hours later, in PDT (-07:00): 10:00 local
		assertThat(value(entries.get(1), "DTSTART")).isEqualTo("20260307T090000");
		assertThat(value(entries.get(3), "DTSTART")).isEqualTo("20260309T100000");
	}

	@Test
	void aLongMultiByteTitleIsFoldedAt75OctetsAndReadsBackWhole() throws Exception {
		String title = "Génération d’images 🎬 pour la préproduction — 生成AIと映画制作 ".repeat(6).trim();
		this.fixtures.session(this.edition, title).at(120).create();

		EntityExchangeResult<byte[]> answer = get("/api/events/aotl-2026/calendar.ics", null, null);
		String text = new String(answer.getResponseBody(), StandardCharsets.UTF_8);
		for (String line : text.split("\r\n")) {
			assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
			assertThat(line).doesNotContain("\n").doesNotContain("\uFFFD");
		}
		assertThat(text).endsWith("END:VCALENDAR\r\n");
		List<VEvent> entries = parse(answer).getComponents(Component.VEVENT);
		assertThat(entries).extracting((e) -> value(e, "SUMMARY")).contains(title);
	}

	@Test
	void textIsEscapedSoThatSemicolonsCommasBackslashesNewlinesAndHtmlReadBackAsWritten() throws Exception {
		String title = "Q&A; pipelines, budgets \\ deadlines";
		String description = "<p>Bring <b>questions</b>; all welcome, really.</p>\nSecond line\r\nThird\u0007 line";
		Session panel = this.fixtures.session(this.edition, title).at(180).create();
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(panel.id())),
				Update.update("description", description).set("room", "Room 1; upstairs, left"), Session.class);

		EntityExchangeResult<byte[]> answer = get("/api/events/aotl-2026/calendar.ics", null, null);
		String text = new String(answer.getResponseBody(), StandardCharsets.UTF_8).replace("\r\n ", "");
		assertThat(text).contains("SUMMARY:Q&A\\; pipelines\\, budgets \\\\ deadlines\r\n");
		VEvent entry = parse(answer).<VEvent>getComponents(Component.VEVENT)
			.stream()
			.filter((e) -> value(e, "UID").startsWith("session-" + panel.id().toHexString()))
			.findFirst()
			.orElseThrow();
		assertThat(value(entry, "SUMMARY")).isEqualTo(title);
		// the bell is no TEXT character: left out; the rest reads back as stored, HTML as plain text
		assertThat(value(entry, "DESCRIPTION")).isEqualTo(
				"<p>Bring <b>questions</b>; all welcome, really.</p>\nSecond line\nThird line");
		assertThat(value(entry, "LOCATION")).startsWith("Room 1; upstairs, left, ");
	}

	@Test
	void unknownSlugsAre404() {
		for (String path : List.of("/api/events/no-such-edition/calendar.ics", "/api/series/no-such-series/calendar.ics")) {
			this.http.get().uri(path).exchange().expectStatus().isNotFound().expectBody()
				.jsonPath("$.error").value((String message) -> assertThat(message).contains("no-such"));
		}
	}

	@Test
	void aDraftIsHiddenFromAnonymousCallersAndShownToItsOrganizerWithoutCaching() throws Exception {
		this.fixtures.event(this.series, "aotl-2027").draft().startsAt("2027-03-06T09:00:00-08:00").create();

		this.http.get().uri("/api/events/aotl-2027/calendar.ics").exchange().expectStatus().isNotFound();
		this.http.get().uri("/api/events/aotl-2027/calendar.ics")
			.header("Authorization", "Bearer " + this.fixtures.token(this.fixtures.organizer("other")))
			.exchange()
			.expectStatus()
			.isNotFound();
		assertThat(parse(get("/api/series/aotl/calendar.ics", null, null)).<VEvent>getComponents(Component.VEVENT))
			.extracting((e) -> value(e, "SUMMARY"))
			.containsExactly("AI on the Lot 2026");

		String token = this.fixtures.token(this.organizer);
		EntityExchangeResult<byte[]> own = get("/api/events/aotl-2027/calendar.ics", token, null);
		assertThat(own.getResponseHeaders().getCacheControl()).contains("no-store").contains("private");
		VEvent draft = parse(own).<VEvent>getComponents(Component.VEVENT).get(0);
		assertThat(value(draft, "STATUS")).isEqualTo("TENTATIVE");
		assertThat(parse(get("/api/series/aotl/calendar.ics", token, null)).<VEvent>getComponents(Component.VEVENT))
			.extracting((e) -> value(e, "SUMMARY"))
			.containsExactly("AI on the Lot 2026", "aotl-2027");
	}

	@Test
	void aMatchingIfNoneMatchIs304UntilTheEditionOrASessionChanges() throws Exception {
		EntityExchangeResult<byte[]> first = get("/api/events/aotl-2026/calendar.ics", null, null);
		String etag = first.getResponseHeaders().getETag();

		this.http.get().uri("/api/events/aotl-2026/calendar.ics").header("If-None-Match", etag).exchange()
			.expectStatus().isNotModified()
			.expectHeader().valueEquals("ETag", etag)
			.expectHeader().valueEquals("Cache-Control", "max-age=300, public")
			.expectBody().isEmpty();
		this.http.get().uri("/api/events/aotl-2026/calendar.ics").header("If-None-Match", "\"other\", " + etag)
			.exchange().expectStatus().isNotModified();
		this.http.get().uri("/api/events/aotl-2026/calendar.ics").header("If-None-Match", "\"other\"")
			.exchange().expectStatus().isOk();

		// the edition changes: a new ETag, its SEQUENCE one higher
		String token = this.fixtures.token(this.organizer);
		graphQlAs(token).documentName("updateEvent")
			.variable("input", Map.of("id", GlobalId.encode("Event", this.edition.id()), "expectedVersion",
					this.edition.version(), "name", "AI on the Lot 2026: the renamed"))
			.execute()
			.path("updateEvent.errors").entityList(Object.class).hasSize(0);
		EntityExchangeResult<byte[]> renamed = get("/api/events/aotl-2026/calendar.ics", null, etag);
		assertThat(renamed.getStatus().value()).isEqualTo(200);
		String etag2 = renamed.getResponseHeaders().getETag();
		assertThat(etag2).isNotEqualTo(etag);
		VEvent whole = parse(renamed).<VEvent>getComponents(Component.VEVENT).get(0);
		assertThat(value(whole, "SUMMARY")).isEqualTo("AI on the Lot 2026: the renamed");
		assertThat(value(whole, "SEQUENCE")).isEqualTo("1");

		// a session changes (as a program import changes it): its SEQUENCE and LAST-MODIFIED move on
		Instant changedAt = Instant.parse("2026-02-01T12:00:00Z");
		this.mongo.updateFirst(Query.query(Criteria.where("title").is("Previs at scale")),
				new Update().set("title", "Previs at scale, revised").inc("version", 1).set("updatedAt", changedAt),
				Session.class);
		EntityExchangeResult<byte[]> revised = get("/api/events/aotl-2026/calendar.ics", null, etag2);
		assertThat(revised.getStatus().value()).isEqualTo(200);
		VEvent session = parse(revised).<VEvent>getComponents(Component.VEVENT)
			.stream()
			.filter((e) -> value(e, "SUMMARY").equals("Previs at scale, revised"))
			.findFirst()
			.orElseThrow();
		assertThat(value(session, "SEQUENCE")).isEqualTo("1");
		assertThat(value(session, "LAST-MODIFIED")).isEqualTo("20260201T120000Z");
		assertThat(value(session, "DTSTAMP")).isEqualTo("20260201T120000Z");
	}

	@Test
	void theSeriesFeedListsEveryVisibleEditionAndMarksACancelledOneCancelled() throws Exception {
		Event oneDay = this.fixtures.event(this.series, "aotl-2025")
			.name("AI on the Lot 2025")
			.startsAt("2025-05-14T09:00:00-07:00")
			.status(EventStatus.CANCELLED)
			.create();

		Calendar calendar = parse(get("/api/series/aotl/calendar.ics", null, null));
		assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo("AI on the Lot");
		List<VEvent> entries = calendar.getComponents(Component.VEVENT);
		assertThat(entries).extracting((e) -> value(e, "SUMMARY")).containsExactly("AI on the Lot 2025",
				"AI on the Lot 2026");
		VEvent cancelled = entries.get(0);
		assertThat(value(cancelled, "STATUS")).isEqualTo("CANCELLED");
		// a one-day edition is its span in its zone, with that zone's VTIMEZONE
		assertThat(value(cancelled, "DTSTART")).isEqualTo("20250514T090000");
		assertThat(instant(calendar, cancelled, "DTSTART")).isEqualTo(oneDay.startsAt());
		assertThat(instant(calendar, cancelled, "DTEND")).isEqualTo(oneDay.endsAt());
		assertThat(value(entries.get(1), "DTSTART")).isEqualTo("20260307");
	}

	private EntityExchangeResult<byte[]> get(String path, String token, String ifNoneMatch) {
		return this.http.get().uri(path).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
			if (ifNoneMatch != null) {
				headers.setIfNoneMatch(ifNoneMatch);
			}
		}).exchange().expectBody(byte[].class).returnResult();
	}

	/** Parsed and validated by ical4j: a feed it finds fault with fails the test. */
	private static Calendar parse(EntityExchangeResult<byte[]> answer) throws Exception {
		assertThat(answer.getStatus().value()).isEqualTo(200);
		Calendar calendar = new CalendarBuilder()
			.build(new StringReader(new String(answer.getResponseBody(), StandardCharsets.UTF_8)));
		assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
		return calendar;
	}

	private static String value(Component component, String name) {
		return component.<Property>getProperty(name).map(Property::getValue).orElse(null);
	}

	private static String value(Calendar calendar, String name) {
		return calendar.<Property>getProperty(name).map(Property::getValue).orElse(null);
	}

	/**
	 * A DATE-TIME with a TZID as an instant, through the feed's own VTIMEZONE (not a zone database):
	 * every onset of every observance (DTSTART and RDATEs, local times in the offset before), sorted; the
	 * answer is the local time in the offset of the onset whose span holds it.
	 */
	private static Instant instant(Calendar calendar, VEvent entry, String name) {
		Property property = entry.<Property>getProperty(name).orElseThrow();
		String zone = property.getParameter("TZID").orElseThrow().getValue();
		LocalDateTime local = LocalDateTime.parse(property.getValue(), LOCAL);
		VTimeZone vtimezone = calendar.<VTimeZone>getComponents(Component.VTIMEZONE)
			.stream()
			.filter((z) -> zone.equals(value(z, "TZID")))
			.findFirst()
			.orElseThrow();
		List<Map.Entry<Instant, ZoneOffset>> onsets = new java.util.ArrayList<>();
		for (Observance observance : vtimezone.getObservances()) {
			ZoneOffset from = ZoneOffset.of(value(observance, "TZOFFSETFROM"));
			ZoneOffset to = ZoneOffset.of(value(observance, "TZOFFSETTO"));
			List<String> starts = new java.util.ArrayList<>(List.of(value(observance, "DTSTART")));
			observance.<Property>getProperties("RDATE").forEach((r) -> starts.addAll(List.of(r.getValue().split(","))));
			for (String start : starts) {
				onsets.add(Map.entry(LocalDateTime.parse(start, LOCAL).toInstant(from), to));
			}
		}
		onsets.sort(Map.Entry.comparingByKey());
		for (int i = onsets.size() - 1; i >= 0; i--) {
			Instant candidate = local.toInstant(onsets.get(i).getValue());
			if (!candidate.isBefore(onsets.get(i).getKey())) {
				return candidate;
			}
		}
		throw new AssertionError(local + " is before every observance of " + zone);
	}

}
