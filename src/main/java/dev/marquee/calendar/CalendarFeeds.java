package dev.marquee.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.marquee.event.Event;
import dev.marquee.event.EventFormat;
import dev.marquee.event.EventService;
import dev.marquee.event.EventStatus;
import dev.marquee.event.Venue;
import dev.marquee.program.Person;
import dev.marquee.program.ProgramService;
import dev.marquee.program.Session;
import dev.marquee.security.Viewer;
import dev.marquee.series.EventSeries;
import dev.marquee.series.SeriesService;
import org.bson.types.ObjectId;

import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

/**
 * The iCalendar feeds, read: an edition with its scheduled sessions, or a series with its editions, as
 * the viewer may see them (drafts only for organizers of the series and admins). A feed is first a list
 * of {@link FeedEntry} values, whose digest is its ETag; its text is written only when needed.
 */
@Service
class CalendarFeeds {

	private static final String PRODID = "-//Marquee//Calendar feeds 1//EN";

	private final EventService events;

	private final SeriesService series;

	private final ProgramService program;

	private final CalendarProperties properties;

	CalendarFeeds(EventService events, SeriesService series, ProgramService program, CalendarProperties properties) {
		this.events = events;
		this.series = series;
		this.program = program;
		this.properties = properties;
	}

	/** The path of an edition's feed, as {@code Event.calendarUrl} answers it. */
	static String eventFeedPath(String slug) {
		return "/api/events/" + UriUtils.encodePathSegment(slug, StandardCharsets.UTF_8) + "/calendar.ics";
	}

	/**
	 * The edition and its scheduled sessions (the earliest {@code max-sessions}), or empty when there is
	 * no such edition or the viewer may not see it. Three reads: the edition, its sessions, their speakers.
	 */
	Optional<Feed> ofEvent(String slug, Viewer viewer, String baseUrl) {
		Optional<Event> found = this.events.bySlug(slug, viewer);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Event event = found.get();
		List<Session> sessions = this.program.scheduledSessions(event.id(), this.properties.maxSessions(), viewer);
		Set<ObjectId> speakerIds = new LinkedHashSet<>();
		sessions.forEach((s) -> speakerIds.addAll(s.speakerIds()));
		Map<ObjectId, Person> speakers = speakerIds.isEmpty() ? Map.of() : this.program.peopleByIds(speakerIds);
		String url = eventUrl(event, baseUrl);
		List<FeedEntry> entries = new ArrayList<>(sessions.size() + 1);
		Instant newestSession = sessions.stream().map(Session::lastModified).max(Comparator.naturalOrder()).orElse(null);
		entries.add(edition(event, newestSession, url));
		for (Session session : sessions) {
			entries.add(session(session, event, speakers, url));
		}
		return Optional.of(new Feed(event.name(), entries));
	}

	/**
	 * Every edition of the series the viewer may see (the newest {@code max-editions}), without their
	 * sessions (each edition's own feed has those), or empty when there is no such series.
	 */
	Optional<Feed> ofSeries(String slug, Viewer viewer, String baseUrl) {
		Optional<EventSeries> found = this.series.bySlug(slug);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		List<Event> editions = this.events.editionsOf(List.of(found.get().id()), viewer).get(found.get().id());
		int from = Math.max(0, editions.size() - this.properties.maxEditions());
		List<FeedEntry> entries = new ArrayList<>();
		for (Event event : editions.subList(from, editions.size())) {
			entries.add(edition(event, null, eventUrl(event, baseUrl)));
		}
		return Optional.of(new Feed(found.get().name(), entries));
	}

	/**
	 * The edition itself: all-day over its calendar days in its zone when it runs over several
	 * ({@code MULTI_DAY}, shown as free time above the sessions), otherwise its span in its zone.
	 * {@code SEQUENCE} is its version less one (a new edition is 0 and every change raises it);
	 * {@code DTSTAMP} and {@code LAST-MODIFIED} are the newest of its creation and its sessions' changes
	 * (an edition keeps no time of its own changes).
	 */
	private FeedEntry edition(Event event, Instant newestSession, String url) {
		ZoneId zone = zone(event);
		Instant created = event.id().getDate().toInstant();
		Instant stamp = (newestSession != null && newestSession.isAfter(created)) ? newestSession : created;
		boolean allDay = event.format() == EventFormat.MULTI_DAY;
		LocalDate firstDay = allDay ? event.startsAt().atZone(zone).toLocalDate() : null;
		List<String> lines = new ArrayList<>();
		if (event.status() == EventStatus.CANCELLED) {
			lines.add((event.cancelReason() != null) ? "Cancelled: " + event.cancelReason() : "Cancelled.");
		}
		if (event.tracks() != null && !event.tracks().isEmpty()) {
			lines.add("Tracks: " + event.tracks().stream().map((t) -> t.name()).collect(Collectors.joining(", ")));
		}
		return new FeedEntry("event-" + event.id().toHexString() + "@" + this.properties.uidDomain(),
				Math.max(0, event.version() - 1), stamp, allDay ? null : event.startsAt(), allDay ? null : event.endsAt(),
				zone, firstDay, allDay ? firstDay.plusDays(Math.max(1, event.days())) : null, event.name(),
				lines.isEmpty() ? null : String.join("\n", lines), place(null, event.venue()), url, List.of(),
				status(event.status()), allDay);
	}

	/**
	 * A scheduled session: its span in the edition's zone; {@code SEQUENCE} its version, {@code DTSTAMP}
	 * and {@code LAST-MODIFIED} its last change; speakers as a line of the description (names and
	 * headlines, never an email: an {@code ATTENDEE} would need a calendar address); its track as the
	 * category; the room and venue as the location; cancelled with its edition.
	 */
	private FeedEntry session(Session session, Event event, Map<ObjectId, Person> speakers, String url) {
		List<String> names = session.speakerIds()
			.stream()
			.map(speakers::get)
			.filter(Objects::nonNull)
			.map((p) -> (p.headline() != null && !p.headline().isBlank()) ? p.name() + " (" + p.headline() + ")" : p.name())
			.toList();
		String description = Stream
			.of(session.description(), names.isEmpty() ? null : "Speakers: " + String.join(", ", names))
			.filter((text) -> text != null && !text.isBlank())
			.collect(Collectors.joining("\n\n"));
		return new FeedEntry("session-" + session.id().toHexString() + "@" + this.properties.uidDomain(),
				session.version(), session.lastModified(), session.startsAt(), session.endsAt(), zone(event), null, null,
				session.title(), description.isEmpty() ? null : description, place(session.room(), event.venue()), url,
				(session.trackName() != null) ? List.of(session.trackName()) : List.of(), status(event.status()), false);
	}

	private static ZoneId zone(Event event) {
		return ZoneId.of(event.timeZone());
	}

	/** ANNOUNCED (and a draft) is tentative, a cancelled edition cancels its sessions too. */
	private static String status(EventStatus status) {
		return switch (status) {
			case CANCELLED -> "CANCELLED";
			case DRAFT, ANNOUNCED -> "TENTATIVE";
			case PUBLISHED, COMPLETED -> "CONFIRMED";
		};
	}

	private static String place(String room, Venue venue) {
		List<String> parts = new ArrayList<>();
		parts.add(room);
		if (venue != null) {
			parts.add(venue.name());
			parts.add(venue.city());
			parts.add(venue.region());
			parts.add(venue.country());
		}
		String joined = parts.stream().filter((p) -> p != null && !p.isBlank()).collect(Collectors.joining(", "));
		return joined.isEmpty() ? null : joined;
	}

	/** The {@code event-url} setting for this edition, resolved against the public (or the request's) base URL. */
	private String eventUrl(Event event, String baseUrl) {
		String url = this.properties.eventUrl()
			.replace("{slug}", UriUtils.encodePathSegment(event.slug(), StandardCharsets.UTF_8));
		if (url.startsWith("http://") || url.startsWith("https://")) {
			return url;
		}
		String base = this.properties.publicUrl().isBlank() ? baseUrl : this.properties.publicUrl();
		if (base == null) {
			return null;
		}
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + (url.startsWith("/") ? url : "/" + url);
	}

	/** A feed's name and entries: its ETag, and its text on demand. */
	record Feed(String name, List<FeedEntry> entries) {

		/** A strong ETag: the digest of everything the text is written from (and of the writer's version). */
		String etag() {
			try {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				digest.update((PRODID + "\n" + this.name + "\n").getBytes(StandardCharsets.UTF_8));
				for (FeedEntry entry : this.entries) {
					digest.update(entry.toString().getBytes(StandardCharsets.UTF_8));
				}
				return '"' + HexFormat.of().formatHex(digest.digest(), 0, 16) + '"';
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** The {@code VCALENDAR}: one {@code VTIMEZONE} per zone a timed entry uses, covering its entries. */
		byte[] text() {
			ContentLines out = new ContentLines();
			out.raw("BEGIN", "VCALENDAR")
				.raw("VERSION", "2.0")
				.raw("PRODID", PRODID)
				.raw("CALSCALE", "GREGORIAN")
				.text("NAME", this.name)
				.text("X-WR-CALNAME", this.name)
				.raw("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
			Map<ZoneId, Instant[]> spans = new LinkedHashMap<>();
			for (FeedEntry entry : this.entries) {
				if (!entry.allDay()) {
					Instant end = (entry.end() != null) ? entry.end() : entry.start();
					spans.merge(entry.zone(), new Instant[] { entry.start(), end },
							(a, b) -> new Instant[] { a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1] });
				}
			}
			spans.forEach((zone, span) -> TimeZones.write(zone, span[0], span[1], out));
			this.entries.forEach((entry) -> entry.write(out));
			out.raw("END", "VCALENDAR");
			return out.bytes();
		}

	}

}
