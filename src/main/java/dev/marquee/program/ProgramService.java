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

/** The programme, read: sessions of an edition and the people who speak at them; writes are in {@link ProgramCommands}. */
@Service
public class ProgramService implements EventChangeGuard {

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

	/**
	 * The scheduled sessions of an edition the viewer may see, in time order, at most {@code limit} (the
	 * earliest): one query over the {@code (eventId, sortAt, _id)} index, unscheduled ones left out by
	 * their sort key. For the edition's calendar feed.
	 */
	public List<Session> scheduledSessions(ObjectId eventId, int limit, Viewer viewer) {
		Query query = Query
			.query(Criteria.where("eventId").is(eventId).and("sortAt").lt(Session.UNSCHEDULED).andOperator(visible(viewer)))
			.with(BY_TIME.sort())
			.limit(limit);
		return this.mongo.find(query, Session.class);
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

}
