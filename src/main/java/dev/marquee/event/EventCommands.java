package dev.marquee.event;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.marquee.audit.AuditLog;
import dev.marquee.changes.ChangeKind;
import dev.marquee.company.Company;
import dev.marquee.company.CompanyService;
import dev.marquee.graphql.Checks;
import dev.marquee.graphql.GlobalId;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.series.EventSeries;
import dev.marquee.series.SeriesService;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * An edition's lifecycle: create (a draft), update with optimistic versioning, announce, publish,
 * complete, cancel. Each change after creation goes through {@link EventChanges} (one versioned
 * {@code findAndModify}, then the copies other features keep).
 */
@Service
public class EventCommands {

	private final MongoTemplate mongo;

	private final EventService events;

	private final SeriesService series;

	private final CompanyService companies;

	private final List<EventChangeGuard> guards;

	private final AccessPolicy policy;

	private final AuditLog audit;

	private final EventChanges changes;

	private final Clock clock;

	EventCommands(MongoTemplate mongo, EventService events, SeriesService series, CompanyService companies,
			List<EventChangeGuard> guards, AccessPolicy policy, AuditLog audit, EventChanges changes,
			Optional<Clock> clock) {
		this.mongo = mongo;
		this.events = events;
		this.series = series;
		this.companies = companies;
		this.guards = guards;
		this.policy = policy;
		this.audit = audit;
		this.changes = changes;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	record VenueInput(String name, String city, String region, Object country) {

		Venue toVenue() {
			return new Venue(this.name, this.city, this.region, (this.country != null) ? this.country.toString() : null);
		}

	}

	record CreateEventInput(String seriesId, String slug, String name, OffsetDateTime startsAt,
			OffsetDateTime endsAt, String timeZone, VenueInput venue, String hostSlug, List<Track> tracks) {
	}

	record UpdateEventInput(String id, Integer expectedVersion, String name, OffsetDateTime startsAt,
			OffsetDateTime endsAt, String timeZone, VenueInput venue, String hostSlug, List<Track> tracks) {
	}

	Outcome<Event> create(Viewer viewer, CreateEventInput input) {
		Optional<ObjectId> seriesId = GlobalId.decode(input.seriesId(), "EventSeries");
		Optional<EventSeries> series = seriesId.map((id) -> this.series.byIds(List.of(id)).get(id));
		if (series.isEmpty()) {
			return Outcome.failed(this.policy.missing(viewer, "No series with this ID.", "input", "seriesId"));
		}
		Optional<UserError> denied = this.policy.mayOrganize(viewer, series.get().id());
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		Checks checks = new Checks();
		checks.slug(input.slug(), "input", "slug").name(input.name(), "input", "name");
		Fields fields = fields(checks, input.startsAt().toInstant(), input.endsAt().toInstant(), input.timeZone(),
				input.venue(), input.hostSlug(), input.tracks());
		if (!checks.failed() && this.mongo.exists(Query.query(Criteria.where("slug").is(input.slug())), Event.class)) {
			checks.add(slugTaken());
		}
		if (checks.failed()) {
			return checks.outcome();
		}
		Event event;
		try {
			event = insert(series.get().id(), input.slug(), input.name(), EventStatus.DRAFT,
					fields.startsAt(), fields.endsAt(), fields.zone().getId(), fields.venue(), fields.hostId(),
					fields.tracks(), null, null);
		}
		catch (DuplicateKeyException ex) {
			return Outcome.failed(slugTaken());
		}
		this.changes.append(event, ChangeKind.EVENT_DETAILS,
				new Document("created", true).append("status", event.status().name()));
		this.audit.record(viewer, "createEvent", "Event", event.id(), event.seriesId(), null, 1,
				"created " + event.slug() + " (" + event.startsAt() + " – " + event.endsAt() + ")");
		return Outcome.ok(event);
	}

	/**
	 * Inserts an edition without policy checks, deriving year, days and format from its dates in its time
	 * zone and its keys and search terms from {@link Event}: for {@link #create}, the demo data and test
	 * fixtures.
	 */
	public Event insert(ObjectId seriesId, String slug, String name, EventStatus status, Instant startsAt,
			Instant endsAt, String timeZone, Venue venue, ObjectId hostId, List<Track> tracks, Integer reported,
			String reportedSource) {
		EventSchedule schedule = EventSchedule.of(startsAt, endsAt, ZoneId.of(timeZone));
		List<Track> trackList = (tracks != null) ? List.copyOf(tracks) : List.of();
		Event event = new Event(new ObjectId(), slug, seriesId, name, schedule.year(), status, schedule.format(),
				startsAt, endsAt, timeZone, schedule.days(), venue, hostId, trackList,
				new Attendance(reported, reportedSource, 0, 0, Map.of()), 1, null, Event.nameKey(name),
				Event.cityKey(venue), Event.trackKeys(trackList), Event.terms(name, slug));
		return this.mongo.insert(event);
	}

	Outcome<Event> update(Viewer viewer, UpdateEventInput input) {
		Outcome<Event> found = this.events.forOrganizer(viewer, input.id(), "input", "id");
		if (!found.isOk()) {
			return found;
		}
		Event current = found.value();
		if (input.expectedVersion() == null || input.expectedVersion() != current.version()) {
			return Outcome.failed(EventChanges.versionMismatch(current.version()));
		}
		Checks checks = new Checks();
		if (input.name() != null) {
			checks.name(input.name(), "input", "name");
		}
		Instant startsAt = (input.startsAt() != null) ? input.startsAt().toInstant() : current.startsAt();
		Instant endsAt = (input.endsAt() != null) ? input.endsAt().toInstant() : current.endsAt();
		String zone = (input.timeZone() != null) ? input.timeZone() : current.timeZone();
		VenueInput venue = (input.venue() != null) ? input.venue() : null;
		Fields fields = fields(checks, startsAt, endsAt, zone, venue, input.hostSlug(),
				(input.tracks() != null) ? input.tracks() : current.tracks());
		if (checks.failed()) {
			return checks.outcome();
		}
		if ((input.startsAt() != null || input.endsAt() != null)
				&& this.guards.stream().anyMatch((guard) -> guard.countOutside(current.id(), startsAt, endsAt) > 0)) {
			checks.add(UserError.of(UserErrorCode.CONFLICT,
					"Sessions of this event fall outside the new time range; move them first.", "input", "startsAt"));
		}
		if (input.tracks() != null && this.guards.stream()
			.anyMatch((guard) -> guard.countOnOtherTracks(current.id(), Event.trackKeys(fields.tracks())) > 0)) {
			checks.add(UserError.of(UserErrorCode.CONFLICT,
					"Sessions are scheduled on a track this change removes; move them first.", "input", "tracks"));
		}
		if (checks.failed()) {
			return checks.outcome();
		}
		EventSchedule schedule = EventSchedule.of(startsAt, endsAt, fields.zone());
		String name = (input.name() != null) ? input.name() : current.name();
		Update update = new Update().set("name", name)
			.set("nameKey", Event.nameKey(name))
			.set("terms", Event.terms(name, current.slug()))
			.set("startsAt", startsAt)
			.set("endsAt", endsAt)
			.set("timeZone", fields.zone().getId())
			.set("year", schedule.year())
			.set("days", schedule.days())
			.set("format", schedule.format())
			.set("tracks", fields.tracks())
			.set("trackKeys", Event.trackKeys(fields.tracks()))
			.inc("version", 1);
		if (input.venue() != null) {
			update.set("venue", fields.venue()).set("cityKey", Event.cityKey(fields.venue()));
		}
		if (input.hostSlug() != null) {
			update.set("hostId", fields.hostId());
		}
		Outcome<Event> changed = this.changes.apply(current, update, ChangeKind.EVENT_DETAILS,
				new Document("fields", changedFields(input)));
		if (changed.isOk()) {
			this.audit.record(viewer, "updateEvent", "Event", current.id(), current.seriesId(), current.version(),
					changed.value().version(), "updated " + String.join(", ", changedFields(input)));
		}
		return changed;
	}

	/**
	 * Adds to the edition the tracks among {@code names} it does not have yet (matched by track key, with
	 * no description), as one versioned change; a concurrent change is read again and the addition
	 * retried. Answers the edition as it is afterwards (unchanged when it had every track). For the
	 * program import, which checked its caller and the names; idempotent, so its repair may call it again.
	 */
	public Event addTracks(ObjectId eventId, List<String> names) {
		for (int attempt = 0;; attempt++) {
			Event current = this.mongo.findById(eventId, Event.class);
			if (current == null) {
				throw new IllegalStateException("No event " + eventId);
			}
			List<Track> tracks = new java.util.ArrayList<>(current.tracks());
			Set<String> keys = new HashSet<>(Event.trackKeys(tracks));
			for (String name : names) {
				if (keys.add(Event.trackKey(name))) {
					tracks.add(new Track(name, null));
				}
			}
			if (tracks.size() == current.tracks().size()) {
				return current;
			}
			Outcome<Event> changed = this.changes.apply(current, new Update().set("tracks", tracks)
				.set("trackKeys", Event.trackKeys(tracks))
				.inc("version", 1), ChangeKind.EVENT_DETAILS, new Document("fields", List.of("tracks")));
			if (changed.isOk()) {
				return changed.value();
			}
			if (attempt >= 20) {
				throw new IllegalStateException("The event " + eventId + " kept changing while tracks were added");
			}
		}
	}

	Outcome<Event> transition(Viewer viewer, String id, EventStatus target, String reason) {
		Outcome<Event> found = this.events.forOrganizer(viewer, id, "id");
		if (!found.isOk()) {
			return found;
		}
		Event current = found.value();
		Set<EventStatus> from = switch (target) {
			case ANNOUNCED -> EnumSet.of(EventStatus.DRAFT);
			case PUBLISHED -> EnumSet.of(EventStatus.DRAFT, EventStatus.ANNOUNCED);
			case COMPLETED -> EnumSet.of(EventStatus.ANNOUNCED, EventStatus.PUBLISHED);
			case CANCELLED -> EnumSet.of(EventStatus.DRAFT, EventStatus.ANNOUNCED, EventStatus.PUBLISHED);
			case DRAFT -> EnumSet.noneOf(EventStatus.class);
		};
		if (!from.contains(current.status())) {
			return Outcome.failed(UserError.of(UserErrorCode.CONFLICT,
					"A " + current.status() + " event cannot become " + target + ".", "id"));
		}
		if (target == EventStatus.COMPLETED && Instant.now(this.clock).isBefore(current.startsAt())) {
			return Outcome.failed(UserError.of(UserErrorCode.CONFLICT, "The event has not started yet.", "id"));
		}
		Update update = new Update().set("status", target).inc("version", 1);
		if (target == EventStatus.CANCELLED) {
			Checks checks = new Checks();
			checks.require(reason != null && !reason.isBlank() && reason.length() <= 500, UserErrorCode.INVALID_INPUT,
					"Give a reason of 1 to 500 characters.", "reason");
			if (checks.failed()) {
				return checks.outcome();
			}
			update.set("cancelReason", reason);
		}
		Outcome<Event> changed = this.changes.apply(current, update, ChangeKind.EVENT_STATUS,
				new Document("from", current.status().name()).append("to", target.name()));
		if (changed.isOk()) {
			this.audit.record(viewer, switch (target) {
				case ANNOUNCED -> "announceEvent";
				case PUBLISHED -> "publishEvent";
				case COMPLETED -> "completeEvent";
				default -> "cancelEvent";
			}, "Event", current.id(), current.seriesId(), current.version(), changed.value().version(),
					current.status() + " → " + target + ((reason != null) ? ": " + reason : ""));
		}
		return changed;
	}

	/**
	 * The same answer for every taken slug, whoever holds it: a draft of another series must not show
	 * through (nor that it is an event, nor its slug echoed back as found).
	 */
	private static UserError slugTaken() {
		return UserError.of(UserErrorCode.DUPLICATE, "This slug is not available; choose another.", "input", "slug");
	}

	/** Validated dates, zone, venue, host and tracks shared by create and update. */
	private Fields fields(Checks checks, Instant startsAt, Instant endsAt, String timeZone, VenueInput venueInput,
			String hostSlug, List<Track> tracks) {
		ZoneId zone = checks.zone(timeZone, "input", "timeZone");
		if (!endsAt.isAfter(startsAt)) {
			checks.invalid("`endsAt` must be after `startsAt`.", "input", "endsAt");
		}
		Venue venue = null;
		if (venueInput != null) {
			checks.name(venueInput.name(), "input", "venue", "name").name(venueInput.city(), "input", "venue", "city");
			if (venueInput.region() != null) {
				checks.name(venueInput.region(), "input", "venue", "region");
			}
			venue = venueInput.toVenue();
		}
		ObjectId hostId = null;
		if (hostSlug != null) {
			Optional<Company> host = this.companies.bySlug(hostSlug);
			if (host.isEmpty()) {
				checks.add(UserError.notFound("No company with the slug `" + hostSlug + "`.", "input", "hostSlug"));
			}
			else {
				hostId = host.get().id();
			}
		}
		List<Track> trackList = (tracks != null) ? List.copyOf(tracks) : List.of();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < trackList.size(); i++) {
			Track track = trackList.get(i);
			checks.name(track.name(), "input", "tracks", Integer.toString(i), "name");
			checks.optionalText(track.description(), 2000, "input", "tracks", Integer.toString(i), "description");
			if (track.name() != null && !seen.add(Event.trackKey(track.name()))) {
				checks.add(UserError.of(UserErrorCode.DUPLICATE, "Track names are unique within an event.", "input",
						"tracks", Integer.toString(i), "name"));
			}
		}
		return new Fields(startsAt, endsAt, zone, venue, hostId, trackList);
	}

	private static List<String> changedFields(UpdateEventInput input) {
		List<String> names = new java.util.ArrayList<>();
		if (input.name() != null) {
			names.add("name");
		}
		if (input.startsAt() != null) {
			names.add("startsAt");
		}
		if (input.endsAt() != null) {
			names.add("endsAt");
		}
		if (input.timeZone() != null) {
			names.add("timeZone");
		}
		if (input.venue() != null) {
			names.add("venue");
		}
		if (input.hostSlug() != null) {
			names.add("host");
		}
		if (input.tracks() != null) {
			names.add("tracks");
		}
		return names.isEmpty() ? List.of("nothing") : names;
	}

	private record Fields(Instant startsAt, Instant endsAt, ZoneId zone, Venue venue, ObjectId hostId,
			List<Track> tracks) {
	}

}
