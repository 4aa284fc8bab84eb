package dev.marquee.program;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.marquee.audit.AuditLog;
import dev.marquee.changes.ChangeKind;
import dev.marquee.changes.ChangeLog;
import dev.marquee.event.Event;
import dev.marquee.event.EventCommands;
import dev.marquee.security.Viewer;
import dev.marquee.storage.PendingWrites;
import dev.marquee.storage.UniqueInserts;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * A program file into an edition, all or nothing, also across a crash, the way the CSV import does it:
 * the spooled file is read and checked whole ({@link ProgramFile}, then {@link ProgramImportPlanner#check}:
 * every problem listed, nothing written), planned against what is stored now, staged in
 * {@value ProgramImportBatch#COLLECTION} (nothing visible changes), committed by one insert of its marker
 * into {@value #COMMITS}, and applied batch by batch with idempotent writes. The whole import runs under
 * a {@value #KIND} pending-write intent: a crash before the marker leaves only staging, which the repair
 * removes; after it, the repair applies the staging again. A file that changes nothing writes nothing:
 * no staging, no marker, no audit entry, no change.
 */
@Service
class ProgramImport implements PendingWrites.Repair {

	/** The pending-write kind of a program import in progress; its target is the import's id. */
	static final String KIND = "program-import";

	/** The CSV import's marker collection, shared: {@code {_id: importId, eventId, batches, at, kind}}. */
	static final String COMMITS = "import_commits";

	/** The change log's key naming the write an entry records (ChangeLog.ORIGIN on the change log's branch). */
	private static final String ORIGIN = "origin";

	private static final Logger log = LoggerFactory.getLogger(ProgramImport.class);

	private final MongoTemplate mongo;

	private final JsonMapper json;

	private final PendingWrites pending;

	private final ProgramImportPlanner planner;

	private final EventCommands events;

	private final ProgramCommands commands;

	private final AuditLog audit;

	private final ChangeLog changes;

	private final Clock clock;

	ProgramImport(MongoTemplate mongo, JsonMapper json, PendingWrites pending, ProgramImportPlanner planner,
			EventCommands events, ProgramCommands commands, AuditLog audit, ChangeLog changes, Optional<Clock> clock) {
		this.mongo = mongo;
		this.json = json;
		this.pending = pending;
		this.planner = planner;
		this.events = events;
		this.commands = commands;
		this.audit = audit;
		this.changes = changes;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** What an import did, or, when {@code problems} is not empty, why it wrote nothing. */
	record Result(String system, ProgramImportPlanner.Plan plan, List<ProgramFile.Problem> problems) {
	}

	Result importProgram(Viewer viewer, Event event, Path file) throws IOException {
		ProgramFile program = ProgramFile.read(this.json, file, ZoneId.of(event.timeZone()));
		// every problem at once: the file's own and those only the edition shows
		List<ProgramFile.Problem> problems = new ArrayList<>(program.problems());
		if (program.system() != null) {
			problems.addAll(this.planner.check(event, program));
		}
		if (!problems.isEmpty()) {
			return new Result(program.system(), null, problems);
		}
		Instant now = Instant.now(this.clock);
		ObjectId importId = new ObjectId();
		ProgramImportPlanner.Plan plan = this.planner.plan(importId, event, program, now);
		if (!plan.changes()) {
			return new Result(program.system(), plan, List.of());
		}
		// stage the whole planned change (nothing visible moves), commit it with one write, apply it
		ObjectId intent = this.pending.begin(KIND, importId);
		try {
			for (ProgramImportBatch batch : plan.batches()) {
				this.mongo.insert(batch);
			}
		}
		catch (RuntimeException ex) {
			discard(importId);
			this.pending.end(intent);
			throw ex;
		}
		this.mongo.getCollection(COMMITS)
			.insertOne(new Document("_id", importId).append("eventId", event.id())
				.append("batches", plan.batches().size())
				.append("kind", KIND)
				.append("at", now));
		// committed: from here on the import happens, if not by this call then by the repair after a crash
		apply(importId, event.id(), plan.batches().size(), intent);
		// appended before the intent goes: a crash after it re-appends nothing (same origin), before it the repair appends
		this.changes.append(ChangeKind.PROGRAM_IMPORTED, event.seriesId(), event.id(), event.id(),
				new Document("system", program.system()).append("sessions", new Document(plan.sessions().toMap()))
					.append("speakers", new Document(plan.speakers().toMap()))
					.append("tracks", new Document(plan.tracks().toMap()))
					.append(ORIGIN, origin(importId)));
		discard(importId);
		this.pending.end(intent);
		this.audit.record(viewer, "importProgram", "Event", event.id(), event.seriesId(), null, null,
				"imported a " + program.system() + " program: " + plan.summary());
		return new Result(program.system(), plan, List.of());
	}

	/**
	 * Applies a committed import's staged batches in order; a batch no longer staged was applied before.
	 * {@code intent}, when not null, is renewed after every batch.
	 */
	private void apply(ObjectId importId, ObjectId eventId, int batches, ObjectId intent) {
		// the edition as it is now: its draft flag and visibility decide the sessions' copy and the listing
		Event event = this.mongo.findById(eventId, Event.class);
		if (event == null) {
			return;
		}
		for (int seq = 0; seq < batches; seq++) {
			ProgramImportBatch batch = this.mongo.findOne(
					Query.query(Criteria.where("importId").is(importId).and("seq").is(seq)), ProgramImportBatch.class);
			if (batch != null) {
				apply(event, batch);
				if (intent != null) {
					this.pending.renew(intent);
				}
			}
		}
	}

	/**
	 * One batch, every write repeatable: tracks added if missing, speakers and sessions inserted with their
	 * planned ids (a second try is refused by the unique indexes), updates {@code $set} planned values
	 * (the planned version, not an increment), removals by id.
	 */
	private void apply(Event event, ProgramImportBatch batch) {
		if (!batch.tracks().isEmpty()) {
			this.events.addTracks(event.id(), batch.tracks());
		}
		// refused: created by an earlier try of this batch, or meanwhile by an import into another edition
		UniqueInserts.insertAll(this.mongo, batch.createSpeakers(), Person.class);
		if (!batch.updateSpeakers().isEmpty()) {
			BulkOperations updates = this.mongo.bulkOps(BulkMode.UNORDERED, Person.class);
			for (Person p : batch.updateSpeakers()) {
				updates.updateOne(Query.query(Criteria.where("_id").is(p.id()).and("erasedAt").is(null)),
						new Update().set("name", p.name())
							.set("nameKey", p.nameKey())
							.set("terms", p.terms())
							.set("headline", p.headline())
							.set("bio", p.bio())
							.set("photoUrl", p.photoUrl()));
			}
			updates.execute();
		}
		List<ProgramImportBatch.Staged> staged = new ArrayList<>(batch.createSessions());
		staged.addAll(batch.updateSessions());
		if (!staged.isEmpty()) {
			Map<String, ObjectId> speakers = speakersByKey(staged);
			boolean draft = !event.isPublic();
			List<Session> created = batch.createSessions()
				.stream()
				.map((s) -> s.session().withSpeakers(resolve(s, speakers), draft))
				.toList();
			UniqueInserts.insertAll(this.mongo, created, Session.class);
			if (!batch.updateSessions().isEmpty()) {
				BulkOperations updates = this.mongo.bulkOps(BulkMode.UNORDERED, Session.class);
				for (ProgramImportBatch.Staged s : batch.updateSessions()) {
					Session p = s.session();
					updates.updateOne(Query.query(Criteria.where("_id").is(p.id())),
							new Update().set("title", p.title())
								.set("titleKey", p.titleKey())
								.set("terms", p.terms())
								.set("kind", p.kind())
								.set("trackName", p.trackName())
								.set("trackKey", p.trackKey())
								.set("startsAt", p.startsAt())
								.set("endsAt", p.endsAt())
								.set("sortAt", p.sortAt())
								.set("speakerIds", resolve(s, speakers))
								.set("description", p.description())
								.set("room", p.room())
								.set("version", p.version())
								.set("updatedAt", p.updatedAt()));
				}
				updates.execute();
			}
			if (event.isPublic()) {
				// speakers at a visible session are public speaker profiles
				this.commands.listSpeakers(List.copyOf(new LinkedHashSet<>(speakers.values())));
			}
		}
		if (!batch.removeSessions().isEmpty()) {
			this.mongo.remove(Query.query(Criteria.where("_id").in(batch.removeSessions()).and("eventId").is(event.id())),
					Session.class);
		}
	}

	/** The stored ids of the batch's speakers, by source key: one query on the unique {@code sourceKey} index. */
	private Map<String, ObjectId> speakersByKey(List<ProgramImportBatch.Staged> staged) {
		Set<String> keys = new LinkedHashSet<>();
		staged.forEach((s) -> keys.addAll(s.speakerKeys()));
		Map<String, ObjectId> ids = new HashMap<>();
		if (keys.isEmpty()) {
			return ids;
		}
		Query query = Query.query(Criteria.where("sourceKey").in(keys).and("erasedAt").is(null));
		query.fields().include("sourceKey");
		for (Document row : this.mongo.find(query, Document.class, Person.COLLECTION)) {
			ids.put(row.getString("sourceKey"), row.getObjectId("_id"));
		}
		return ids;
	}

	private static List<ObjectId> resolve(ProgramImportBatch.Staged staged, Map<String, ObjectId> speakers) {
		return staged.speakerKeys().stream().map(speakers::get).filter(java.util.Objects::nonNull).distinct().toList();
	}

	/**
	 * The origin of an import's change (the change log's {@code origin} key): a repair that finds the
	 * import's change already appended, because the crash came after it, appends nothing again.
	 */
	private static String origin(ObjectId importId) {
		return "program-import:" + importId.toHexString();
	}

	/** Removes an import's staging and then its marker (what {@link #repair} reads first goes last). */
	private void discard(ObjectId importId) {
		this.mongo.remove(Query.query(Criteria.where("importId").is(importId)), ProgramImportBatch.class);
		this.mongo.getCollection(COMMITS).deleteOne(new Document("_id", importId));
	}

	@Override
	public String kind() {
		return KIND;
	}

	/**
	 * An import that stopped half-way: committed, it is finished (its batches applied again, idempotently)
	 * and its change appended; not committed, its staging is removed, and the edition is as if the file had
	 * never been posted.
	 */
	@Override
	public void repair(ObjectId importId) {
		Document marker = this.mongo.getCollection(COMMITS).find(new Document("_id", importId)).first();
		if (marker != null) {
			ObjectId eventId = marker.getObjectId("eventId");
			apply(importId, eventId, marker.getInteger("batches"), null);
			Event event = this.mongo.findById(eventId, Event.class);
			if (event != null) {
				this.changes.append(ChangeKind.PROGRAM_IMPORTED, event.seriesId(), eventId, eventId,
						new Document("repaired", true).append(ORIGIN, origin(importId)));
			}
			log.warn("Program import {} into event {} had committed: finished", importId, eventId);
		}
		else {
			log.warn("Program import {} had not committed: its staged plan removed", importId);
		}
		discard(importId);
	}

}
