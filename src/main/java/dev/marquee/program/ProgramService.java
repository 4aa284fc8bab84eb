package dev.marquee.program;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.marquee.event.Event;
import dev.marquee.event.EventChangeGuard;
import dev.marquee.event.EventCopies;
import dev.marquee.storage.Lookups;
import dev.marquee.storage.Ordering;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** The programme: sessions of an edition and the people who speak at them. */
@Service
public class ProgramService implements EventCopies, EventChangeGuard {

	static final Ordering<Session> BY_TIME = new Ordering<>("session-time", "sortAt", Direction.ASC,
			Session::sortAt);

	private final MongoTemplate mongo;

	private final AccessPolicy policy;

	ProgramService(MongoTemplate mongo, AccessPolicy policy) {
		this.mongo = mongo;
		this.policy = policy;
	}

	/** Sessions the viewer may see: those of non-draft editions, plus drafts of series it organizes. */
	Criteria visible(Viewer viewer) {
		return this.policy.visibleEventParts(viewer);
	}

	public Map<ObjectId, Person> peopleByIds(Collection<ObjectId> ids) {
		return Lookups.byIds(this.mongo, Person.class, ids, null);
	}

	/** The person the series holds with this email (case-insensitive): matching never crosses a series. */
	public Optional<Person> personByEmail(ObjectId seriesId, String email) {
		return Optional.ofNullable(this.mongo.findOne(
				Query.query(Criteria.where("seriesEmailKey").is(Person.seriesEmailKey(seriesId, email))), Person.class));
	}

	/** The session with this id, if the viewer may see it (the query itself leaves out what it may not). */
	Session sessionById(ObjectId id, Viewer viewer) {
		return this.mongo.findOne(Query.query(Criteria.where("_id").is(id).andOperator(visible(viewer))), Session.class);
	}

	/**
	 * The sessions of each edition the viewer may see, in time order: one query over the
	 * {@code (eventId, sortAt, _id)} index for the whole batch of editions.
	 */
	Map<ObjectId, List<Session>> sessionsOfEvents(Collection<ObjectId> eventIds, Viewer viewer) {
		Map<ObjectId, List<Session>> byEvent = new HashMap<>();
		if (eventIds.isEmpty()) {
			return byEvent;
		}
		Query query = Query.query(Criteria.where("eventId").in(eventIds).andOperator(visible(viewer)))
			.with(BY_TIME.sort());
		for (Session session : this.mongo.find(query, Session.class)) {
			byEvent.computeIfAbsent(session.eventId(), (id) -> new ArrayList<>()).add(session);
		}
		return byEvent;
	}

	/** Sessions each person speaks at, in time order; one query over the multikey speaker index. */
	Map<ObjectId, List<Session>> sessionsOfSpeakers(Collection<ObjectId> personIds, Viewer viewer) {
		Query query = Query.query(Criteria.where("speakerIds").in(personIds).andOperator(visible(viewer)))
			.with(BY_TIME.sort());
		Map<ObjectId, List<Session>> bySpeaker = new HashMap<>();
		for (Session session : this.mongo.find(query, Session.class)) {
			for (ObjectId speaker : session.speakerIds()) {
				if (personIds.contains(speaker)) {
					bySpeaker.computeIfAbsent(speaker, (id) -> new ArrayList<>()).add(session);
				}
			}
		}
		return bySpeaker;
	}

	/** A person held by {@code seriesId} (an attendee, unlisted) or, without one, a public speaker profile. */
	public Person createPerson(String name, String headline, ObjectId companyId, String email, ObjectId seriesId) {
		return this.mongo.insert(Person.of(new ObjectId(), name, headline, companyId, email, seriesId, seriesId != null));
	}

	/** Speakers at a visible session are public: lists people who came in as attendees only. */
	void list(List<ObjectId> personIds) {
		if (!personIds.isEmpty()) {
			this.mongo.updateMulti(Query.query(Criteria.where("_id").in(personIds).and("unlisted").is(true)
				.and("erasedAt").is(null)), new org.springframework.data.mongodb.core.query.Update().set("unlisted", false),
					Person.class);
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
				new org.springframework.data.mongodb.core.query.Update().pull("speakerIds", person.id()), Session.class);
	}

	/** Inserts a session; its edition finds it by {@code eventId}. */
	public Session scheduleSession(ObjectId eventId, ObjectId seriesId, boolean draft, String title, SessionKind kind,
			String trackName, Instant startsAt, Instant endsAt, List<ObjectId> speakerIds) {
		Session session = Session.of(new ObjectId(), eventId, seriesId, title, kind, trackName, startsAt, endsAt,
				speakerIds, draft);
		return this.mongo.insert(session);
	}

	/** Sessions of an edition that would fall outside {@code [startsAt, endsAt]}. */
	@Override
	public long countOutside(ObjectId eventId, Instant startsAt, Instant endsAt) {
		return this.mongo.count(Query.query(Criteria.where("eventId").is(eventId)
			.orOperator(Criteria.where("startsAt").lt(startsAt), Criteria.where("endsAt").gt(endsAt))), Session.class);
	}

	/** Sessions of an edition on a track whose normalised name is not among {@code trackKeys}. */
	@Override
	public long countOnOtherTracks(ObjectId eventId, List<String> trackKeys) {
		return this.mongo.count(Query.query(Criteria.where("eventId").is(eventId).and("trackKey").ne(null).nin(trackKeys)),
				Session.class);
	}

	/**
	 * Keeps the sessions' copy of their edition's draft flag and series in step with the edition; once
	 * the edition is public, its speakers are public speaker profiles.
	 */
	@Override
	public void syncEventCopies(Event event) {
		this.mongo.updateMulti(Query.query(Criteria.where("eventId").is(event.id())),
				new org.springframework.data.mongodb.core.query.Update().set("draft", !event.isPublic())
					.set("seriesId", event.seriesId()),
				Session.class);
		if (event.isPublic()) {
			Query ofEvent = Query.query(Criteria.where("eventId").is(event.id()));
			ofEvent.fields().include("speakerIds");
			List<ObjectId> speakers = new ArrayList<>();
			this.mongo.find(ofEvent, org.bson.Document.class, Session.COLLECTION)
				.forEach((row) -> speakers.addAll(row.getList("speakerIds", ObjectId.class, List.of())));
			list(speakers.stream().distinct().toList());
		}
	}

}
