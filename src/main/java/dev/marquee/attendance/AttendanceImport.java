package dev.marquee.attendance;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.marquee.audit.AuditLog;
import dev.marquee.changes.ChangeKind;
import dev.marquee.changes.ChangeLog;
import dev.marquee.event.Attendance;
import dev.marquee.event.Event;
import dev.marquee.security.Viewer;
import dev.marquee.storage.PendingWrites;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Bulk attendance as CSV ({@value ImportRow#COLUMNS}). An import is all or nothing, also across a crash:
 * the spooled file ({@link dev.marquee.storage.SpooledBody}) is validated completely ({@link ImportValidator}: every error is
 * reported, nothing is written), then planned in batches of {@value #BATCH} rows ({@link ImportPlanner})
 * that are staged in {@value ImportBatch#COLLECTION} (nothing visible changes), committed by one insert of
 * its marker into {@value #COMMITS}, and applied batch by batch with idempotent writes
 * ({@link ImportWriter}). The whole import runs under a {@value #KIND} pending-write intent: a crash before
 * the marker leaves only staging, which the repair removes; a crash after it leaves a committed import,
 * which the repair finishes and recounts. Memory stays bounded whatever the row count. A later file adds
 * to what is there: it creates missing registrations, updates segments and check-ins, and never removes
 * or un-checks.
 */
@Service
class AttendanceImport implements PendingWrites.Repair {

	static final int BATCH = 1000;

	/** The pending-write kind of an import in progress; its target is the import's id. */
	static final String KIND = "csv-import";

	/** One marker per committed import that is not applied and cleared yet: {@code {_id, eventId, batches, at}}. */
	static final String COMMITS = "import_commits";

	private static final Logger log = LoggerFactory.getLogger(AttendanceImport.class);

	private final MongoTemplate mongo;

	private final PendingWrites pending;

	private final AuditLog audit;

	private final ImportValidator validator;

	private final ImportPlanner planner;

	private final ImportWriter writer;

	private final RegistrationCommands registrations;

	private final ChangeLog changeLog;

	private final Clock clock;

	AttendanceImport(MongoTemplate mongo, PendingWrites pending, AuditLog audit, ImportValidator validator,
			ImportPlanner planner, ImportWriter writer, RegistrationCommands registrations, ChangeLog changeLog,
			Optional<Clock> clock) {
		this.changeLog = changeLog;
		this.mongo = mongo;
		this.pending = pending;
		this.audit = audit;
		this.validator = validator;
		this.planner = planner;
		this.writer = writer;
		this.registrations = registrations;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** What an import did, or, when {@code errors} is not empty, why it wrote nothing. */
	record Result(ImportCounts counts, List<LineError> errors) {
	}

	Result importCsv(Viewer viewer, Event event, Path file) throws IOException {
		Instant now = Instant.now(this.clock);
		ImportValidator.Checked checked = this.validator.check(file, now);
		if (!checked.isValid()) {
			return new Result(ImportCounts.NONE, checked.errors());
		}
		// stage the whole planned change (nothing visible moves), commit it with one write, apply it
		ObjectId importId = new ObjectId();
		ObjectId intent = this.pending.begin(KIND, importId);
		int batches;
		try {
			batches = stage(importId, event, file, checked.companies(), now, intent);
		}
		catch (IOException | RuntimeException ex) {
			discard(importId);
			this.pending.end(intent);
			throw ex;
		}
		commit(importId, event.id(), batches);
		// committed: from here on the import happens, if not by this call then by the repair after a crash
		ImportCounts counts = apply(importId, event.id(), batches, intent);
		if (counts.created() + counts.updated() > 0) {
			// a file that changed nothing tells no subscriber anything and must not move the data version
			// (every public ETag would change with it)
			appendChange(importId, event.id(), new Document("created", counts.created())
				.append("updated", counts.updated())
				.append("unchanged", counts.unchanged()));
		}
		discard(importId);
		this.pending.end(intent);
		this.audit.record(viewer, "importRegistrations", "Event", event.id(), event.seriesId(), null, null,
				"imported registrations: " + counts.summary());
		return new Result(counts, List.of());
	}

	/**
	 * Reads the validated file again and stages its planned writes batch by batch, planned against what is
	 * stored now; answers the number of batches. Writes nothing but the staging.
	 */
	private int stage(ObjectId importId, Event event, Path file, Map<String, ObjectId> companies, Instant now,
			ObjectId intent) throws IOException {
		int seq = 0;
		try (BufferedReader reader = Csv.open(file)) {
			Csv.Parser parser = new Csv.Parser(reader);
			parser.next();
			List<ImportRow> batch = new ArrayList<>(BATCH);
			for (Csv.Row record = parser.next(); record != null; record = parser.next()) {
				if (ImportRow.isBlank(record)) {
					continue;
				}
				// validated: every row parses
				batch.add(ImportRow.parse(record, now, new ArrayList<>()));
				if (batch.size() == BATCH) {
					this.mongo.insert(this.planner.plan(importId, seq++, event, batch, companies, now));
					this.pending.renew(intent);
					batch.clear();
				}
			}
			if (!batch.isEmpty()) {
				this.mongo.insert(this.planner.plan(importId, seq++, event, batch, companies, now));
			}
		}
		return seq;
	}

	/** The one write that commits an import: its marker in {@value #COMMITS}. */
	private void commit(ObjectId importId, ObjectId eventId, int batches) {
		this.mongo.getCollection(COMMITS)
			.insertOne(new Document("_id", importId).append("eventId", eventId)
				.append("batches", batches)
				.append("at", Instant.now(this.clock)));
	}

	/**
	 * Applies a committed import's staged batches in order; a batch no longer staged was applied before.
	 * Idempotent: run again (the repair after a crash) it inserts nothing twice and moves no counter for
	 * what is already there. {@code intent}, when not null, is renewed after every batch.
	 */
	private ImportCounts apply(ObjectId importId, ObjectId eventId, int batches, ObjectId intent) {
		ImportCounts counts = ImportCounts.NONE;
		for (int seq = 0; seq < batches; seq++) {
			ImportBatch batch = this.mongo.findOne(
					Query.query(Criteria.where("importId").is(importId).and("seq").is(seq)), ImportBatch.class);
			if (batch != null) {
				counts = counts.plus(this.writer.apply(eventId, batch));
				if (intent != null) {
					this.pending.renew(intent);
				}
			}
		}
		return counts;
	}

	/**
	 * The one change-log entry of an import (ATTENDANCE, origin {@code import:<id>}), with the edition's
	 * counters after it, appended while its marker still exists so that the repair can append it instead.
	 */
	private void appendChange(ObjectId importId, ObjectId eventId, Document data) {
		Event event = this.mongo.findById(eventId, Event.class);
		if (event != null) {
			Document entry = RegistrationCommands
				.counters((event.attendance() != null) ? event.attendance() : Attendance.NONE)
				.append("import", importId);
			entry.putAll(data);
			this.changeLog.append(ChangeKind.ATTENDANCE, event.seriesId(), eventId, eventId,
					entry.append(ChangeLog.ORIGIN, "import:" + importId.toHexString()));
		}
	}

	/** Removes an import's staging and then its marker (what {@link #repair} reads first goes last). */
	private void discard(ObjectId importId) {
		this.mongo.remove(Query.query(Criteria.where("importId").is(importId)), ImportBatch.class);
		this.mongo.getCollection(COMMITS).deleteOne(new Document("_id", importId));
	}

	@Override
	public String kind() {
		return KIND;
	}

	/**
	 * An import that stopped half-way: committed, it is finished (its batches applied again, idempotently,
	 * and the edition recounted, since a counter {@code $inc} may be lost with the process); not committed,
	 * its staging is removed, and the edition is as if the import had never been posted.
	 */
	@Override
	public void repair(ObjectId importId) {
		Document marker = this.mongo.getCollection(COMMITS).find(new Document("_id", importId)).first();
		if (marker != null) {
			ObjectId eventId = marker.getObjectId("eventId");
			apply(importId, eventId, marker.getInteger("batches"), null);
			this.registrations.repair(eventId);
			// once per import: a no-op when the import appended before it stopped
			appendChange(importId, eventId, new Document("repaired", true));
			log.warn("CSV import {} into event {} had committed: finished", importId, eventId);
		}
		else {
			log.warn("CSV import {} had not committed: its staged rows removed", importId);
		}
		discard(importId);
	}

}
