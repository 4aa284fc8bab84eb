package dev.marquee.program;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.marquee.search.SearchText;
import dev.marquee.storage.Lookups;
import dev.marquee.storage.Ordering;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** The programme: sessions of an edition and the people who speak at them. */
@Service
public class ProgramService {

	static final Ordering<Session> BY_TIME = new Ordering<>("session-time", "sortAt", Direction.ASC,
			Session::sortAt);

	private final MongoTemplate mongo;

	ProgramService(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	static Criteria published() {
		return Criteria.where("draft").is(false);
	}

	public Map<ObjectId, Person> peopleByIds(Collection<ObjectId> ids) {
		return Lookups.byIds(this.mongo, Person.class, ids, null);
	}

	public Map<ObjectId, Session> sessionsByIds(Collection<ObjectId> ids) {
		return Lookups.byIds(this.mongo, Session.class, ids, published());
	}

	/** Sessions each person speaks at, in time order; one query over the multikey speaker index. */
	Map<ObjectId, List<Session>> sessionsOfSpeakers(Collection<ObjectId> personIds) {
		Query query = Query.query(Criteria.where("speakerIds").in(personIds).andOperator(published()))
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

	/**
	 * Sessions of the given editions in time order, one query: the criteria names the events and the
	 * optional track; {@code limit} bounds the rows read (0 for all).
	 */
	List<Session> sessions(Criteria criteria, int limit) {
		Query query = new Query(criteria).with(Sort.by("eventId")).with(BY_TIME.sort());
		if (limit > 0) {
			query.limit(limit);
		}
		return this.mongo.find(query, Session.class);
	}

	long countSessions(Criteria criteria) {
		return this.mongo.count(new Query(criteria), Session.class);
	}

	public Person createPerson(String name, String headline, ObjectId companyId, String email) {
		Person person = new Person(new ObjectId(), name, headline, companyId, email,
				(email != null) ? email.toLowerCase(java.util.Locale.ROOT) : null, SearchText.normalize(name),
				SearchText.terms(name));
		return this.mongo.insert(person);
	}

	public Session scheduleSession(ObjectId eventId, ObjectId seriesId, boolean draft, String title, SessionKind kind,
			String trackName, Instant startsAt, Instant endsAt, List<ObjectId> speakerIds) {
		Session session = new Session(new ObjectId(), eventId, seriesId, title, kind, trackName,
				(trackName != null) ? SearchText.normalize(trackName) : null, startsAt, endsAt,
				List.copyOf(speakerIds), (startsAt != null) ? startsAt : Session.UNSCHEDULED, draft,
				SearchText.normalize(title), SearchText.terms(title));
		return this.mongo.insert(session);
	}

}
