package dev.marquee.event;

import java.util.List;

import dev.marquee.changes.ChangeKind;
import dev.marquee.changes.ChangeLog;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import dev.marquee.storage.PendingWrites;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * How an edition changes once it exists: one atomic {@code findAndModify} guarded by the version it was
 * read at, then the copies other features keep of it (series, year, start, draft flag) brought in step
 * under a {@link PendingWrites} intent, whose repair finishes a change that stopped half-way. Every
 * change of an event document goes through {@link #apply}: the lifecycle ({@link EventCommands}) and the
 * reported headcount ({@link ReportedAttendanceCommands}).
 */
@Component
class EventChanges implements PendingWrites.Repair {

	static final String COPIES = "event-copies";

	private final MongoTemplate mongo;

	private final PendingWrites pending;

	/** Resolved when used: the features keeping copies depend on the event feature themselves. */
	private final ObjectProvider<EventCopies> copies;

	private final ChangeLog changeLog;

	EventChanges(MongoTemplate mongo, PendingWrites pending, ObjectProvider<EventCopies> copies,
			ChangeLog changeLog) {
		this.mongo = mongo;
		this.pending = pending;
		this.copies = copies;
		this.changeLog = changeLog;
	}

	/**
	 * Applies {@code update} if the event is still at the version it was read at: a concurrent change
	 * makes it VERSION_MISMATCH and changes nothing. Then brings the other features' copies in step and
	 * appends {@code kind} with {@code data} (plus the new version and the origin {@link #origin}) to the
	 * change log, before the intent is cleared.
	 */
	Outcome<Event> apply(Event current, Update update, ChangeKind kind, Document data) {
		ObjectId intent = this.pending.begin(COPIES, current.id());
		Event changed = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(current.id()).and("version").is(current.version())), update,
				FindAndModifyOptions.options().returnNew(true), Event.class);
		if (changed == null) {
			this.pending.end(intent);
			Event now = this.mongo.findById(current.id(), Event.class);
			return Outcome.failed(versionMismatch((now != null) ? now.version() : current.version()));
		}
		if (copiesChanged(current, changed)) {
			this.copies.forEach((c) -> c.syncEventCopies(changed));
		}
		append(changed, kind, data);
		this.pending.end(intent);
		return Outcome.ok(changed);
	}

	/** The change log entry of one version of an event (once per version: see {@link #origin}). */
	void append(Event event, ChangeKind kind, Document data) {
		this.changeLog.append(kind, event.seriesId(), event.id(), event.id(),
				data.append("version", event.version()).append(ChangeLog.ORIGIN, origin(event)));
	}

	/** {@code event:<id>:v<version>}: each version of an event is one entry, however often appended. */
	static String origin(Event event) {
		return "event:" + event.id().toHexString() + ":v" + event.version();
	}

	static UserError versionMismatch(int currentVersion) {
		return UserError.of(UserErrorCode.VERSION_MISMATCH, "The event changed meanwhile; it is at version "
				+ currentVersion + ". Read it again and reapply your change.", "input", "expectedVersion");
	}

	private static boolean copiesChanged(Event before, Event after) {
		return before.isPublic() != after.isPublic() || before.year() != after.year()
				|| !before.startsAt().equals(after.startsAt()) || !before.seriesId().equals(after.seriesId());
	}

	@Override
	public String kind() {
		return COPIES;
	}

	@Override
	public void repair(ObjectId eventId) {
		Event event = this.mongo.findById(eventId, Event.class);
		if (event != null) {
			this.copies.forEach((c) -> c.syncEventCopies(event));
			// the change may have been written without its entry; the origin makes this a no-op if not
			append(event, ChangeKind.EVENT_DETAILS, new Document("repaired", true));
		}
	}

}
