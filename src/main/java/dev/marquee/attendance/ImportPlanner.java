package dev.marquee.attendance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.marquee.event.Event;
import dev.marquee.program.Person;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Plans one batch of an import against what is stored now ({@link ImportBatch}): which people to
 * create, which registrations to insert, which segments to move and whom to check in. Reads people and
 * registrations, writes nothing. The one place that matches rows to people.
 */
@Component
class ImportPlanner {

	private final MongoTemplate mongo;

	ImportPlanner(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** One batch's planned writes, number {@code seq} of import {@code importId}; {@code now} is the registration time. */
	ImportBatch plan(ObjectId importId, int seq, Event event, List<ImportRow> rows, Map<String, ObjectId> companies,
			Instant now) {
		People people = resolvePeople(rows, companies, event.seriesId());
		Map<ObjectId, Registration> existing = new HashMap<>();
		List<ObjectId> personIds = people.byEmailKey().values().stream().map(Person::id).toList();
		for (Registration r : this.mongo.find(
				Query.query(Criteria.where("eventId").is(event.id()).and("personId").in(personIds)), Registration.class)) {
			existing.put(r.personId(), r);
		}
		List<Registration> created = new ArrayList<>();
		List<ImportBatch.SegmentMove> moves = new ArrayList<>();
		List<ImportBatch.CheckIn> checkIns = new ArrayList<>();
		int updated = 0;
		int unchanged = 0;
		for (ImportRow row : rows) {
			Person person = people.byEmailKey().get(row.emailKey());
			Registration r = existing.get(person.id());
			ObjectId companyId = (row.companyRef() != null) ? companies.get(row.companyRef()) : person.companyId();
			if (r == null) {
				created.add(new Registration(new ObjectId(), event.id(), event.seriesId(), event.year(), event.startsAt(),
						person.id(), companyId, row.segment(), now, row.checkedInAt()));
				continue;
			}
			boolean changes = false;
			if (r.segment() != row.segment()) {
				moves.add(new ImportBatch.SegmentMove(r.id(), r.segment(), row.segment()));
				changes = true;
			}
			if (row.checkedInAt() != null && r.checkedInAt() == null) {
				checkIns.add(new ImportBatch.CheckIn(r.id(), row.checkedInAt()));
				changes = true;
			}
			if (changes) {
				updated++;
			}
			else {
				unchanged++;
			}
		}
		return new ImportBatch(new ObjectId(), importId, seq, people.created(), created, moves, checkIns, updated,
				unchanged);
	}

	/** A batch's people by lower-cased email, and those of them to be created (not stored yet). */
	private record People(Map<String, Person> byEmailKey, List<Person> created) {
	}

	/**
	 * The batch's people by lower-cased email: those the event's series holds with that email
	 * ({@code seriesEmailKey}), the missing ones planned (not inserted), held by that series. Matching never
	 * crosses a series: an email another series knows makes a new person here, with this file's data.
	 */
	private People resolvePeople(List<ImportRow> rows, Map<String, ObjectId> companies, ObjectId seriesId) {
		Map<String, Person> byEmail = new HashMap<>();
		List<String> keys = rows.stream().map((r) -> Person.seriesEmailKey(seriesId, r.email())).toList();
		for (Person p : this.mongo.find(Query.query(Criteria.where("seriesEmailKey").in(keys)), Person.class)) {
			byEmail.put(p.emailKey(), p);
		}
		List<Person> missing = new ArrayList<>();
		for (ImportRow row : rows) {
			String key = row.emailKey();
			if (!byEmail.containsKey(key)) {
				Person person = Person.of(new ObjectId(), row.name(), null,
						(row.companyRef() != null) ? companies.get(row.companyRef()) : null, row.email(), seriesId, true);
				missing.add(person);
				byEmail.put(key, person);
			}
		}
		return new People(byEmail, missing);
	}

}
