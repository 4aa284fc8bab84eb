package dev.marquee.attendance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.marquee.event.Event;
import dev.marquee.program.Person;
import dev.marquee.storage.UniqueInserts;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Applies one staged batch of a committed import: people, registrations, segment moves, check-ins, each
 * a conditional or unique-indexed write, so applying a batch again (the repair after a crash) inserts
 * nothing twice. The edition's counters move by the results of those writes, not by the plan, so a
 * registration or check-in made meanwhile (or by an earlier try of this batch) is counted once.
 */
@Component
class ImportWriter {

	private final MongoTemplate mongo;

	ImportWriter(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Writes the batch into edition {@code eventId}; answers how its rows came out. */
	ImportCounts apply(ObjectId eventId, ImportBatch batch) {
		Map<ObjectId, ObjectId> samePerson = createPeople(batch.people());
		List<Registration> created = batch.registrations().stream().map((r) -> {
			ObjectId personId = samePerson.getOrDefault(r.personId(), r.personId());
			return personId.equals(r.personId()) ? r : new Registration(r.id(), r.eventId(), r.seriesId(), r.year(),
					r.eventStartsAt(), personId, r.companyId(), r.segment(), r.registeredAt(), r.checkedInAt());
		}).toList();
		CounterDelta delta = CounterDelta.NONE;
		int createdCount = 0;
		Set<Integer> refused = UniqueInserts.insertAll(this.mongo, created, Registration.class);
		for (int i = 0; i < created.size(); i++) {
			if (refused.contains(i)) {
				// registered meanwhile by someone else (theirs stands), or by an earlier try of this batch
				continue;
			}
			Registration r = created.get(i);
			createdCount++;
			delta = delta.plus(CounterDelta.registration(r.segment(), r.checkedInAt() != null));
		}
		for (Map.Entry<ImportBatch.SegmentChange, List<ObjectId>> move : batch.movesByChange().entrySet()) {
			ImportBatch.SegmentChange change = move.getKey();
			long moved = this.mongo
				.updateMulti(Query.query(Criteria.where("_id").in(move.getValue()).and("segment").is(change.from())),
						new Update().set("segment", change.to()), Registration.class)
				.getModifiedCount();
			delta = delta.plus(CounterDelta.segmentMove(change.from(), change.to(), (int) moved));
		}
		if (!batch.checkIns().isEmpty()) {
			BulkOperations checkIns = this.mongo.bulkOps(BulkMode.UNORDERED, Registration.class);
			for (ImportBatch.CheckIn checkIn : batch.checkIns()) {
				checkIns.updateOne(Query.query(Criteria.where("_id").is(checkIn.registrationId()).and("checkedInAt").is(null)),
						new Update().set("checkedInAt", checkIn.at()));
			}
			delta = delta.plus(CounterDelta.checkIns(checkIns.execute().getModifiedCount()));
		}
		delta.update()
			.ifPresent((counters) -> this.mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId)), counters,
					Event.class));
		return new ImportCounts(createdCount, batch.updated(), batch.unchanged() + (created.size() - createdCount));
	}

	/**
	 * Inserts the planned people. One refused by the unique email index was created meanwhile (by another
	 * import or {@code createPerson}), or by an earlier try of this batch: answers, for those, the planned
	 * id and the id of the person stored with that email.
	 */
	private Map<ObjectId, ObjectId> createPeople(List<Person> planned) {
		Set<Integer> refused = UniqueInserts.insertAll(this.mongo, planned, Person.class);
		if (refused.isEmpty()) {
			return Map.of();
		}
		Map<String, ObjectId> plannedByEmail = new HashMap<>();
		refused.forEach((i) -> plannedByEmail.put(planned.get(i).seriesEmailKey(), planned.get(i).id()));
		Map<ObjectId, ObjectId> stored = new HashMap<>();
		for (Person p : this.mongo.find(Query.query(Criteria.where("seriesEmailKey").in(plannedByEmail.keySet())),
				Person.class)) {
			stored.put(plannedByEmail.get(p.seriesEmailKey()), p.id());
		}
		return stored;
	}

}
