package dev.marquee.attendance;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.marquee.audit.AuditLog;
import dev.marquee.changes.ChangeKind;
import dev.marquee.changes.ChangeLog;
import dev.marquee.event.Attendance;
import dev.marquee.event.AudienceSegment;
import dev.marquee.event.Event;
import dev.marquee.event.EventService;
import dev.marquee.event.EventCopies;
import dev.marquee.graphql.GlobalId;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import dev.marquee.program.Person;
import dev.marquee.program.ProgramCommands;
import dev.marquee.program.ProgramService;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.storage.PendingWrites;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The writes of registrations: {@code registerAttendee}, {@code checkIn}, {@code erasePerson}, the event
 * copies on registrations, and the attendance counters they maintain on the edition. A registration is
 * one insert (unique per event and person) followed by one {@code $inc}; a check-in is one conditional
 * {@code findAndModify} (only the call that moves {@code checkedInAt} from null wins) followed by one
 * {@code $inc}. Both run under a {@value #COUNTERS} pending-write intent whose repair recounts the edition
 * from its registrations, so the counters stay exact even if the process stops in between. The CSV import
 * writes registrations too ({@link AttendanceImport}) and recounts through {@link #repair}.
 */
@Service
public class RegistrationCommands implements EventCopies, PendingWrites.Repair {

	static final String COUNTERS = "attendance-counters";

	static final String REDACTED = "personal data erased";

	private final MongoTemplate mongo;

	private final RegistrationService registrations;

	private final EventService events;

	private final ProgramService program;

	private final ProgramCommands programCommands;

	private final AccessPolicy policy;

	private final AuditLog audit;

	private final PendingWrites pending;

	private final ChangeLog changeLog;

	private final List<PersonCopies> personCopies;

	private final Clock clock;

	RegistrationCommands(MongoTemplate mongo, RegistrationService registrations, EventService events,
			ProgramService program, ProgramCommands programCommands, AccessPolicy policy, AuditLog audit,
			PendingWrites pending, ChangeLog changeLog, List<PersonCopies> personCopies, Optional<Clock> clock) {
		this.mongo = mongo;
		this.registrations = registrations;
		this.events = events;
		this.program = program;
		this.programCommands = programCommands;
		this.policy = policy;
		this.audit = audit;
		this.pending = pending;
		this.changeLog = changeLog;
		this.personCopies = List.copyOf(personCopies);
		this.clock = clock.orElse(Clock.systemUTC());
	}

	record RegisterAttendeeInput(String eventId, String personId, AudienceSegment segment) {
	}

	Outcome<Registration> register(Viewer viewer, RegisterAttendeeInput input) {
		Outcome<Event> event = this.events.forOrganizer(viewer, input.eventId(), "input", "eventId");
		if (!event.isOk()) {
			return Outcome.failed(event.errors());
		}
		// only people the caller may already reach: anything else answers exactly like an id that does not exist
		Optional<Person> person = GlobalId.decode(input.personId(), "Person")
			.flatMap((id) -> Optional.ofNullable(this.program.peopleByIds(List.of(id)).get(id)))
			.filter((p) -> p.erasedAt() == null && !this.registrations.reachable(viewer, List.of(p)).isEmpty());
		if (person.isEmpty()) {
			return Outcome.failed(UserError.notFound("No person with this ID.", "input", "personId"));
		}
		ObjectId personId = person.get().id();
		Event e = event.value();
		Registration registration = new Registration(new ObjectId(), e.id(), e.seriesId(), e.year(), e.startsAt(),
				personId, person.get().companyId(), input.segment(), Instant.now(this.clock), null);
		ObjectId intent = this.pending.begin(COUNTERS, e.id());
		try {
			this.mongo.insert(registration);
		}
		catch (DuplicateKeyException ex) {
			this.pending.end(intent);
			return Outcome.failed(UserError.of(UserErrorCode.DUPLICATE, "This person is already registered for "
					+ e.slug() + ".", "input", "personId"));
		}
		Attendance counters = move(e.id(), CounterDelta.registration(input.segment(), false));
		this.changeLog.append(ChangeKind.REGISTRATION_CREATED, e.seriesId(), e.id(), registration.id(),
				counters(counters).append("segment", input.segment().name())
					.append(ChangeLog.ORIGIN, "registration:" + registration.id().toHexString()));
		this.pending.end(intent);
		this.audit.record(viewer, "registerAttendee", "Registration", registration.id(), e.seriesId(), null, null,
				"registered person " + personId.toHexString() + " for " + e.slug() + " as " + input.segment());
		return Outcome.ok(registration);
	}

	Outcome<Registration> checkIn(Viewer viewer, String registrationId) {
		Optional<Registration> found = GlobalId.decode(registrationId, "Registration")
			.flatMap((id) -> this.registrations.visible(id, viewer));
		if (found.isEmpty()) {
			return Outcome.failed(this.policy.missing(viewer, "No registration with this ID.", "registrationId"));
		}
		Registration registration = found.get();
		Optional<UserError> denied = this.policy.mayOrganize(viewer, registration.seriesId());
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		if (registration.checkedInAt() != null) {
			return Outcome.ok(registration);
		}
		ObjectId intent = this.pending.begin(COUNTERS, registration.eventId());
		// only the call that moves checkedInAt from null wins and counts it; every caller then answers the
		// one stored time. ($min by _id alone was faster on the embedded server, which scans for this
		// filter, but a later caller with an earlier clock reading moved the stored time.)
		Registration checkedIn = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(registration.id()).and("checkedInAt").is(null)),
				new Update().set("checkedInAt", Instant.now(this.clock)), FindAndModifyOptions.options().returnNew(true),
				Registration.class);
		if (checkedIn == null) {
			// another call checked it in first and counted it
			this.pending.end(intent);
			Registration now = this.mongo.findById(registration.id(), Registration.class);
			return Outcome.ok((now != null) ? now : registration);
		}
		Attendance counters = move(registration.eventId(), CounterDelta.checkIns(1));
		this.changeLog.append(ChangeKind.CHECKED_IN, registration.seriesId(), registration.eventId(),
				registration.id(), counters(counters)
					.append(ChangeLog.ORIGIN, "check-in:" + registration.id().toHexString()));
		this.pending.end(intent);
		this.audit.record(viewer, "checkIn", "Registration", registration.id(), registration.seriesId(), null, null,
				"checked in person " + registration.personId().toHexString());
		return Outcome.ok(checkedIn);
	}

	/**
	 * {@code erasePerson}, the right to erasure (ADMIN only). Every document that holds or copies a
	 * person's data is cleared: the person (name, email, headline, company link, search terms: see
	 * {@link ProgramCommands#erase}), the sessions it spoke at (it leaves their speakers), its registrations
	 * (their copy of the company link), the audit entries about it (their summary named it) and the copies
	 * higher layers keep ({@link PersonCopies}: the bodies of webhook deliveries). The
	 * registrations themselves stay, under the same person id, so totals, segments, trends and returning
	 * attendance do not change. Each step is idempotent: erasing an erased person again finishes an erasure
	 * a crash interrupted and answers the same count. Answers how many registrations were anonymized.
	 */
	Outcome<Integer> erasePerson(Viewer viewer, String personId) {
		Optional<UserError> denied = this.policy.mayAdminister(viewer);
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		Optional<Person> found = GlobalId.decode(personId, "Person")
			.flatMap((id) -> Optional.ofNullable(this.program.peopleByIds(List.of(id)).get(id)));
		if (found.isEmpty()) {
			return Outcome.failed(UserError.notFound("No person with this ID.", "id"));
		}
		Person person = found.get();
		this.programCommands.erase(person, Instant.now(this.clock));
		long anonymized = this.mongo
			.updateMulti(Query.query(Criteria.where("personId").is(person.id())), new Update().unset("companyId"),
					Registration.class)
			.getMatchedCount();
		this.personCopies.forEach((copies) -> copies.erasePersonCopies(person.id()));
		this.audit.redact("Person", person.id(), REDACTED);
		// no name, only the id: erasure never has to rewrite the log
		this.changeLog.append(ChangeKind.PERSON, person.seriesId(), null, person.id(),
				new Document("action", "erased").append("registrationsAnonymized", (int) anonymized));
		this.audit.record(viewer, "erasePerson", "Person", person.id(), person.seriesId(), null, null,
				"erased a person; " + anonymized + " registrations anonymized");
		return Outcome.ok((int) anonymized);
	}

	/** Moves the edition's counters by what a write did; answers them as they are after it. */
	private Attendance move(ObjectId eventId, CounterDelta delta) {
		Query ofEvent = Query.query(Criteria.where("_id").is(eventId));
		ofEvent.fields().include("attendance");
		Document moved = delta.update()
			.map((counters) -> this.mongo.findAndModify(ofEvent, counters, FindAndModifyOptions.options().returnNew(true),
					Document.class, Event.COLLECTION))
			.orElseGet(() -> this.mongo.findOne(ofEvent, Document.class, Event.COLLECTION));
		Document attendance = (moved != null) ? moved.get("attendance", Document.class) : null;
		return (attendance != null) ? this.mongo.getConverter().read(Attendance.class, attendance) : Attendance.NONE;
	}

	/**
	 * An edition's counters as change-log data: {@code registered}, {@code checkedIn} and {@code bySegment}
	 * (counts only, nothing about a person).
	 */
	static Document counters(Attendance attendance) {
		Document bySegment = new Document();
		if (attendance.bySegment() != null) {
			attendance.bySegment().forEach((segment, n) -> bySegment.append(segment.name(), n));
		}
		return new Document("registered", attendance.registered()).append("checkedIn", attendance.checkedIn())
			.append("bySegment", bySegment);
	}

	@Override
	public void syncEventCopies(Event event) {
		this.mongo.updateMulti(Query.query(Criteria.where("eventId").is(event.id())),
				new Update().set("seriesId", event.seriesId()).set("year", event.year()).set("eventStartsAt", event.startsAt()),
				Registration.class);
	}

	@Override
	public String kind() {
		return COUNTERS;
	}

	/** Recounts an edition's counters from its registrations. */
	@Override
	public void repair(ObjectId eventId) {
		Criteria ofEvent = Criteria.where("eventId").is(eventId);
		long registered = this.mongo.count(Query.query(ofEvent), Registration.class);
		long checkedIn = this.mongo.count(Query.query(Criteria.where("eventId").is(eventId).and("checkedInAt").ne(null)),
				Registration.class);
		Map<String, Integer> bySegment = new HashMap<>();
		for (Document row : this.mongo.aggregate(Aggregation.newAggregation(Aggregation.match(ofEvent),
				Aggregation.group("segment").count().as("count")), Registration.COLLECTION, Document.class)) {
			bySegment.put(row.getString("_id"), ((Number) row.get("count")).intValue());
		}
		Event event = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(eventId)),
				new Update().set("attendance.registered", (int) registered)
					.set("attendance.checkedIn", (int) checkedIn)
					.set("attendance.bySegment", new Document(bySegment)),
				FindAndModifyOptions.options().returnNew(true), Event.class);
		if (event != null && event.attendance() != null) {
			// what the counters are now, once per value: a write that died may have lost its own entry
			this.changeLog.append(ChangeKind.ATTENDANCE, event.seriesId(), eventId, eventId,
					counters(event.attendance()).append("repaired", true)
						.append(ChangeLog.ORIGIN, "counters:" + eventId.toHexString() + ":" + registered + ":" + checkedIn
								+ ":" + new Document(bySegment).toJson()));
		}
	}

}
