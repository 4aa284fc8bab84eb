package dev.marquee.attendance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.marquee.event.AudienceSegment;
import dev.marquee.graphql.Connection;
import dev.marquee.graphql.Page;
import dev.marquee.program.Person;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.storage.KeysetPager;
import dev.marquee.storage.Ordering;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.aggregation.FacetOperation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The reads of registrations (their writes are {@link RegistrationCommands}): one registration for
 * {@code node(id)}, who reaches a person, pages of {@code Event.registrations} (a keyset query for one
 * edition; one {@code $facet} aggregation with a limited sub-pipeline per edition for a batch) and a
 * person's history across the series the viewer organizes.
 */
@Service
class RegistrationService {

	static final Ordering<Registration> IN_ORDER = new Ordering<>("registered", "registeredAt", Direction.ASC,
			Registration::registeredAt);

	private final MongoTemplate mongo;

	private final KeysetPager pager;

	private final AccessPolicy policy;

	RegistrationService(MongoTemplate mongo, KeysetPager pager, AccessPolicy policy) {
		this.mongo = mongo;
		this.pager = pager;
		this.policy = policy;
	}

	/** A registration the viewer may see (organizers of its series and admins), for node(id). */
	Optional<Registration> visible(ObjectId id, Viewer viewer) {
		return Optional.ofNullable(this.mongo.findById(id, Registration.class))
			.filter((r) -> this.policy.maySeePersonalData(viewer, r.seriesId()));
	}

	/**
	 * Of these people, those the viewer may reach: public speaker profiles and people held by a series
	 * the viewer organizes ({@link AccessPolicy#maySeePerson}), and those registered for a series the
	 * viewer organizes, which takes one query for the rest (everyone for admins).
	 */
	Set<ObjectId> reachable(Viewer viewer, Collection<Person> people) {
		Set<ObjectId> reachable = new HashSet<>();
		List<ObjectId> rest = new ArrayList<>();
		for (Person person : people) {
			if (this.policy.maySeePerson(viewer, !person.unlisted(), person.seriesId())) {
				reachable.add(person.id());
			}
			else {
				rest.add(person.id());
			}
		}
		Set<ObjectId> granted = this.policy.grantedSeries(viewer);
		if (!rest.isEmpty() && !granted.isEmpty()) {
			reachable.addAll(this.mongo.findDistinct(
					Query.query(Criteria.where("personId").in(rest).and("seriesId").in(granted)), "personId",
					Registration.class, ObjectId.class));
		}
		return reachable;
	}

	/** Pages of {@code Event.registrations}, one per key. */
	Map<RegistrationsKey, Connection<Registration>> pages(Set<RegistrationsKey> keys) {
		Map<RegistrationsKey, Connection<Registration>> result = new HashMap<>();
		if (keys.size() == 1) {
			RegistrationsKey key = keys.iterator().next();
			result.put(key, this.pager.page(Registration.class, key.criteria(), IN_ORDER, key.page()));
			return result;
		}
		List<RegistrationsKey> ordered = new ArrayList<>(keys);
		FacetOperation facets = null;
		for (int i = 0; i < ordered.size(); i++) {
			RegistrationsKey key = ordered.get(i);
			Criteria criteria = (key.page().after() != null)
					? new Criteria().andOperator(key.criteria(), KeysetPager.after(IN_ORDER, key.page())) : key.criteria();
			AggregationOperation[] stages = { Aggregation.match(criteria), Aggregation.sort(IN_ORDER.sort()),
					Aggregation.limit(key.page().first() + 1L) };
			facets = (facets == null) ? Aggregation.facet(stages).as("k" + i) : facets.and(stages).as("k" + i);
		}
		// the $match narrows the facets' input to the batch's editions, on the (eventId, registeredAt) index
		Criteria batch = Criteria.where("eventId").in(ordered.stream().map(RegistrationsKey::eventId).distinct().toList());
		Document rows = this.mongo
			.aggregate(Aggregation.newAggregation(Aggregation.match(batch), facets), Registration.COLLECTION, Document.class)
			.getUniqueMappedResult();
		for (int i = 0; i < ordered.size(); i++) {
			RegistrationsKey key = ordered.get(i);
			List<Registration> page = new ArrayList<>();
			for (Document row : rows.getList("k" + i, Document.class)) {
				page.add(this.mongo.getConverter().read(Registration.class, row));
			}
			result.put(key, KeysetPager.connection(page, key.page(), IN_ORDER,
					() -> this.mongo.count(new Query(key.criteria()), Registration.class)));
		}
		return result;
	}

	/** Each person's registrations in series the viewer organizes (all for admins), newest first; one query. */
	Map<ObjectId, List<Registration>> history(List<ObjectId> personIds, Viewer viewer) {
		Map<ObjectId, List<Registration>> byPerson = new HashMap<>();
		boolean every = this.policy.organizesEverySeries(viewer);
		Set<ObjectId> granted = this.policy.grantedSeries(viewer);
		if (!every && granted.isEmpty()) {
			return byPerson;
		}
		Criteria criteria = Criteria.where("personId").in(personIds);
		if (!every) {
			criteria = criteria.and("seriesId").in(granted);
		}
		Query query = new Query(criteria).with(Sort.by(Direction.DESC, "eventStartsAt"));
		for (Registration registration : this.mongo.find(query, Registration.class)) {
			byPerson.computeIfAbsent(registration.personId(), (id) -> new ArrayList<>()).add(registration);
		}
		return byPerson;
	}

	/** DataLoader key of {@code Event.registrations(first, after, segment, checkedIn)}. */
	record RegistrationsKey(ObjectId eventId, Page page, AudienceSegment segment, Boolean checkedIn) {

		Criteria criteria() {
			Criteria criteria = Criteria.where("eventId").is(this.eventId);
			if (this.segment != null) {
				criteria = criteria.and("segment").is(this.segment);
			}
			if (this.checkedIn != null) {
				criteria = this.checkedIn ? criteria.and("checkedInAt").ne(null) : criteria.and("checkedInAt").is(null);
			}
			return criteria;
		}

	}

}
