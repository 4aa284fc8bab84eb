package dev.marquee.event;

import java.util.List;
import java.util.function.Supplier;

import dev.marquee.storage.PendingWrites;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps an edition's lists of its sessions and sponsorships ({@code Event.sessionIds},
 * {@code sponsorshipIds}) in step with those documents: each insert or delete is followed by a
 * {@code $addToSet}/{@code $pull} on the event, under a pending-write intent whose repair rebuilds both
 * lists from the documents' {@code eventId}.
 */
@Component
public class EventChildren implements PendingWrites.Repair {

	static final String KIND = "event-children";

	private final MongoTemplate mongo;

	private final PendingWrites pending;

	EventChildren(MongoTemplate mongo, PendingWrites pending) {
		this.mongo = mongo;
		this.pending = pending;
	}

	/** Writes a child document with {@code write}, then lists it on its edition. */
	public <T> T added(ObjectId eventId, String list, ObjectId childId, Supplier<T> write) {
		return this.pending.run(KIND, eventId, () -> {
			T written = write.get();
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId)), new Update().addToSet(list, childId),
					Event.class);
			return written;
		});
	}

	/** Deletes a child document with {@code delete}, then takes it off its edition's list. */
	public void removed(ObjectId eventId, String list, ObjectId childId, Runnable delete) {
		this.pending.run(KIND, eventId, () -> {
			delete.run();
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId)), new Update().pull(list, childId),
					Event.class);
			return null;
		});
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public void repair(ObjectId eventId) {
		Query ofEvent = Query.query(Criteria.where("eventId").is(eventId));
		List<ObjectId> sessions = this.mongo.findDistinct(ofEvent, "_id", "sessions", ObjectId.class);
		List<ObjectId> sponsorships = this.mongo.findDistinct(ofEvent, "_id", "sponsorships", ObjectId.class);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId)),
				new Update().set("sessionIds", sessions).set("sponsorshipIds", sponsorships), Event.class);
	}

}
