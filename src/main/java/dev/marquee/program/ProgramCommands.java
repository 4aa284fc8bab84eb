package dev.marquee.program;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.marquee.audit.AuditLog;
import dev.marquee.changes.ChangeKind;
import dev.marquee.changes.ChangeLog;
import dev.marquee.company.Company;
import dev.marquee.company.CompanyService;
import dev.marquee.event.Event;
import dev.marquee.event.EventCopies;
import dev.marquee.event.EventService;
import dev.marquee.event.Track;
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
 * The programme's writes: scheduling sessions, creating and erasing people, and the sessions' copies of
 * their edition ({@link EventCopies}).
 */
@Service
public class ProgramCommands implements EventCopies {

	static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private final MongoTemplate mongo;

	private final ProgramService program;

	private final EventService events;

	private final CompanyService companies;

	private final AccessPolicy policy;

	private final AuditLog audit;

	private final SeriesService series;

	private final ChangeLog changeLog;

	ProgramCommands(MongoTemplate mongo, ProgramService program, EventService events, CompanyService companies, AccessPolicy policy,
			AuditLog audit, SeriesService series, ChangeLog changeLog) {
		this.mongo = mongo;
		this.program = program;
		this.events = events;
		this.companies = companies;
		this.policy = policy;
		this.audit = audit;
		this.series = series;
		this.changeLog = changeLog;
	}

	record ScheduleSessionInput(String eventId, String title, SessionKind kind, String trackName,
			java.time.OffsetDateTime startsAt, java.time.OffsetDateTime endsAt, List<String> speakerIds) {
	}

	record CreatePersonInput(String name, String headline, String companySlug, String email, String seriesId) {
	}

	Outcome<Session> schedule(Viewer viewer, ScheduleSessionInput input) {
		Outcome<Event> found = this.events.forOrganizer(viewer, input.eventId(), "input", "eventId");
		if (!found.isOk()) {
			return Outcome.failed(found.errors());
		}
		Event event = found.value();
		Checks checks = new Checks().name(input.title(), "input", "title");
		String trackName = null;
		if (input.trackName() != null) {
			String key = Event.trackKey(input.trackName());
			Optional<Track> track = event.tracks().stream().filter((t) -> Event.trackKey(t.name()).equals(key)).findFirst();
			checks.require(track.isPresent(), UserErrorCode.NOT_FOUND,
					"The event has no track named `" + input.trackName() + "`.", "input", "trackName");
			trackName = track.map(Track::name).orElse(null);
		}
		Instant startsAt = (input.startsAt() != null) ? input.startsAt().toInstant() : null;
		Instant endsAt = (input.endsAt() != null) ? input.endsAt().toInstant() : null;
		if ((startsAt == null) != (endsAt == null)) {
			checks.invalid("Give both `startsAt` and `endsAt`, or neither for an unscheduled session.", "input",
					(startsAt == null) ? "startsAt" : "endsAt");
		}
		else if (startsAt != null) {
			checks.require(endsAt.isAfter(startsAt), UserErrorCode.INVALID_INPUT, "`endsAt` must be after `startsAt`.",
					"input", "endsAt");
			checks.require(!startsAt.isBefore(event.startsAt()) && !endsAt.isAfter(event.endsAt()),
					UserErrorCode.INVALID_INPUT, "The session must lie within the event (" + event.startsAt() + " – "
							+ event.endsAt() + ").", "input", "startsAt");
		}
		List<ObjectId> speakers = new ArrayList<>();
		List<String> speakerIds = (input.speakerIds() != null) ? input.speakerIds() : List.of();
		for (int i = 0; i < speakerIds.size(); i++) {
			Optional<ObjectId> id = GlobalId.decode(speakerIds.get(i), "Person");
			// only people the caller may reach: anything else answers exactly like an id that does not exist
			if (id.isEmpty() || !schedulable(this.program.peopleByIds(List.of(id.get())).get(id.get()), viewer)) {
				checks.add(UserError.notFound("No person with this ID.", "input", "speakerIds", Integer.toString(i)));
			}
			else if (!speakers.contains(id.get())) {
				speakers.add(id.get());
			}
		}
		if (checks.failed()) {
			return checks.outcome();
		}
		if (event.isPublic()) {
			listSpeakers(speakers);
		}
		Session session = insertSession(event.id(), event.seriesId(), !event.isPublic(), input.title(),
				input.kind(), trackName, startsAt, endsAt, speakers);
		this.changeLog.append(ChangeKind.SESSIONS, event.seriesId(), event.id(), session.id(),
				new Document("action", "scheduled"));
		this.audit.record(viewer, "scheduleSession", "Session", session.id(), event.seriesId(), null, null,
				"scheduled \"" + session.title() + "\" at " + event.slug());
		return Outcome.ok(session);
	}

	Outcome<Person> createPerson(Viewer viewer, CreatePersonInput input) {
		Optional<UserError> denied = this.policy.mayCreatePerson(viewer);
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		Checks checks = new Checks().name(input.name(), "input", "name")
			.optionalText(input.headline(), 300, "input", "headline");
		ObjectId companyId = null;
		if (input.companySlug() != null) {
			Optional<Company> company = this.companies.bySlug(input.companySlug());
			checks.require(company.isPresent(), UserErrorCode.NOT_FOUND,
					"No company with the slug `" + input.companySlug() + "`.", "input", "companySlug");
			companyId = company.map(Company::id).orElse(null);
		}
		String email = (input.email() != null && !input.email().isBlank()) ? input.email().trim() : null;
		if (email != null) {
			checks.require(email.length() <= 254 && EMAIL.matcher(email).matches(), UserErrorCode.INVALID_INPUT,
					"`" + email + "` is not an email address.", "input", "email");
		}
		ObjectId seriesId = null;
		if (input.seriesId() != null) {
			// a series the caller does not organize answers exactly like one that does not exist
			Optional<EventSeries> series = GlobalId.decode(input.seriesId(), "EventSeries")
				.map((id) -> this.series.byIds(List.of(id)).get(id))
				.filter((s) -> this.policy.mayOrganize(viewer, s.id()).isEmpty());
			if (series.isEmpty()) {
				checks.add(this.policy.missing(viewer, "No series with this ID.", "input", "seriesId"));
			}
			seriesId = series.map(EventSeries::id).orElse(null);
		}
		if (!checks.failed() && seriesId != null && email != null
				&& this.program.personByEmail(seriesId, email).isPresent()) {
			checks.add(duplicateEmail());
		}
		if (checks.failed()) {
			return checks.outcome();
		}
		try {
			Person person = insertPerson(input.name(), input.headline(), companyId, email, seriesId);
			this.changeLog.append(ChangeKind.PERSON, seriesId, null, person.id(), new Document("action", "created"));
			this.audit.record(viewer, "createPerson", "Person", person.id(), seriesId, null, null,
					"created person " + person.name());
			return Outcome.ok(person);
		}
		catch (DuplicateKeyException ex) {
			return Outcome.failed(duplicateEmail());
		}
	}

	/**
	 * Inserts, without policy checks (for {@link #createPerson} and test fixtures), a person held by
	 * {@code seriesId} (an attendee, unlisted) or, without one, a public speaker profile.
	 */
	public Person insertPerson(String name, String headline, ObjectId companyId, String email, ObjectId seriesId) {
		return this.mongo.insert(Person.of(new ObjectId(), name, headline, companyId, email, seriesId, seriesId != null));
	}

	/** Speakers at a visible session are public: lists people who came in as attendees only. */
	void listSpeakers(List<ObjectId> personIds) {
		if (!personIds.isEmpty()) {
			this.mongo.updateMulti(Query.query(Criteria.where("_id").in(personIds).and("unlisted").is(true)
				.and("erasedAt").is(null)), new Update().set("unlisted", false), Person.class);
		}
	}

	/**
	 * Erasure, the person's part: the document keeps its id (registrations point at it) and the holding
	 * series, loses name, email, headline, company link and search terms, and leaves every session it
	 * spoke at. Idempotent, so a repeated erasure finishes one a crash interrupted.
	 */
	public void erase(Person person, Instant at) {
		Instant erasedAt = (person.erasedAt() != null) ? person.erasedAt() : at;
		this.mongo.save(Person.erased(person.id(), person.seriesId(), erasedAt));
		this.mongo.updateMulti(Query.query(Criteria.where("speakerIds").is(person.id())),
				new Update().pull("speakerIds", person.id()).inc("version", 1).set("updatedAt", at), Session.class);
	}

	/**
	 * Inserts a session without policy checks (for {@link #schedule} and test fixtures); its edition finds
	 * it by {@code eventId}.
	 */
	public Session insertSession(ObjectId eventId, ObjectId seriesId, boolean draft, String title, SessionKind kind,
			String trackName, Instant startsAt, Instant endsAt, List<ObjectId> speakerIds) {
		Session session = Session.of(new ObjectId(), eventId, seriesId, title, kind, trackName, startsAt, endsAt,
				speakerIds, draft);
		return this.mongo.insert(session);
	}

	/**
	 * Keeps the sessions' copy of their edition's draft flag and series in step with the edition; once
	 * the edition is public, its speakers are public speaker profiles.
	 */
	@Override
	public void syncEventCopies(Event event) {
		this.mongo.updateMulti(Query.query(Criteria.where("eventId").is(event.id())),
				new Update().set("draft", !event.isPublic())
					.set("seriesId", event.seriesId()),
				Session.class);
		if (event.isPublic()) {
			Query ofEvent = Query.query(Criteria.where("eventId").is(event.id()));
			ofEvent.fields().include("speakerIds");
			List<ObjectId> speakers = new ArrayList<>();
			this.mongo.find(ofEvent, org.bson.Document.class, Session.COLLECTION)
				.forEach((row) -> speakers.addAll(row.getList("speakerIds", ObjectId.class, List.of())));
			listSpeakers(speakers.stream().distinct().toList());
		}
	}


	/** A speaker the caller may reach: a public profile or a person its series holds; never an erased one. */
	private boolean schedulable(Person person, Viewer viewer) {
		return person != null && person.erasedAt() == null
				&& this.policy.maySeePerson(viewer, !person.unlisted(), person.seriesId());
	}

	private static UserError duplicateEmail() {
		return UserError.of(UserErrorCode.DUPLICATE, "The series already holds a person with this email.", "input",
				"email");
	}

}
