package dev.marquee.attendance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.mongodb.bulk.BulkWriteResult;
import dev.marquee.audit.AuditLog;
import dev.marquee.company.Company;
import dev.marquee.event.AudienceSegment;
import dev.marquee.event.Event;
import dev.marquee.program.Person;
import dev.marquee.security.Viewer;
import dev.marquee.storage.PendingWrites;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Bulk attendance as CSV ({@code name,email,company,segment,checked_in}). An import is all or nothing,
 * also across a crash: the body is spooled to a temporary file while its size is checked, validated
 * completely (every error is reported, nothing is written), then planned in batches of {@value #BATCH}
 * rows that are staged in {@value ImportBatch#COLLECTION} (nothing visible changes), committed by one
 * insert of its marker into {@value #COMMITS}, and applied batch by batch with idempotent writes. The
 * whole import runs under a {@value #KIND} pending-write intent: a crash before the marker leaves only
 * staging, which the repair removes; a crash after it leaves a committed import, which the repair
 * finishes and recounts. Memory stays bounded whatever the row count. People are matched by email
 * (case-insensitive) or created ({@link #resolvePeople}). A later file adds to what is there: it creates
 * missing registrations, updates segments and check-ins, and never removes or un-checks. The edition's
 * counters move by the exact outcome of each batch's conditional writes, so concurrent registrations
 * and check-ins are counted once.
 */
@Service
class AttendanceImport implements PendingWrites.Repair {

	static final int BATCH = 1000;

	/** The pending-write kind of an import in progress; its target is the import's id. */
	static final String KIND = "csv-import";

	/** One marker per committed import that is not applied and cleared yet: {@code {_id, eventId, batches, at}}. */
	static final String COMMITS = "import_commits";

	private static final Logger log = LoggerFactory.getLogger(AttendanceImport.class);

	static final List<String> HEADER = List.of("name", "email", "company", "segment", "checked_in");

	private final MongoTemplate mongo;

	private final PendingWrites pending;

	private final AuditLog audit;

	private final RegistrationService registrations;

	private final Clock clock;

	AttendanceImport(MongoTemplate mongo, PendingWrites pending, AuditLog audit, RegistrationService registrations,
			Optional<Clock> clock) {
		this.mongo = mongo;
		this.pending = pending;
		this.audit = audit;
		this.registrations = registrations;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** A problem at a line and column of the file (both 1-based; the header is line 1). */
	record LineError(int line, int column, String message) {
	}

	record Result(int created, int updated, int unchanged, List<LineError> errors) {
	}

	/** One valid row. {@code checkedInAt} is null for false, the file's time, or the import time for true. */
	private record Line(int line, String name, String email, String companyRef, AudienceSegment segment,
			Instant checkedInAt) {
	}

	Result importCsv(Viewer viewer, Event event, Path file) throws IOException {
		List<LineError> errors = new ArrayList<>();
		Map<String, List<Integer>> companyRefs = new LinkedHashMap<>();
		Instant now = Instant.now(this.clock);
		// pass 1: validate everything, keep nothing but the company references and the emails seen
		Set<String> emails = new HashSet<>();
		try (BufferedReader reader = Csv.open(file)) {
			Csv.Parser parser = new Csv.Parser(reader);
			Csv.Row header = parser.next();
			if (header == null || !header.fields().stream().map((h) -> h.trim().toLowerCase(Locale.ROOT)).toList().equals(HEADER)) {
				errors.add(new LineError(1, 1, "The first line must be the header " + String.join(",", HEADER) + "."));
				return new Result(0, 0, 0, errors);
			}
			for (Csv.Row row = parser.next(); row != null; row = parser.next()) {
				if (row.fields().size() == 1 && row.fields().get(0).isBlank()) {
					continue;
				}
				Line line = parse(row, now, errors);
				if (line == null) {
					continue;
				}
				if (!emails.add(Person.emailKey(line.email()))) {
					errors.add(new LineError(row.line(), 2, "This email appears on an earlier line of the file."));
				}
				if (line.companyRef() != null) {
					companyRefs.computeIfAbsent(line.companyRef(), (ref) -> new ArrayList<>()).add(row.line());
				}
			}
		}
		catch (Csv.CsvException ex) {
			errors.add(new LineError(ex.line(), ex.column(), ex.getMessage()));
		}
		catch (CharacterCodingException ex) {
			Csv.CsvException where = Csv.notUtf8(file);
			errors.add(new LineError(where.line(), where.column(), where.getMessage()));
		}
		Map<String, ObjectId> companies = resolveCompanies(companyRefs.keySet());
		companyRefs.forEach((ref, lines) -> {
			if (!companies.containsKey(ref)) {
				lines.forEach((l) -> errors.add(new LineError(l, 3, "No company with the slug or name `" + ref + "`.")));
			}
		});
		if (!errors.isEmpty()) {
			errors.sort(java.util.Comparator.comparingInt(LineError::line).thenComparingInt(LineError::column));
			return new Result(0, 0, 0, errors);
		}
		// pass 2: stage the whole planned change (nothing visible moves), commit it with one write, apply it
		ObjectId importId = new ObjectId();
		ObjectId intent = this.pending.begin(KIND, importId);
		int batches;
		try {
			batches = stage(importId, event, file, companies, now, intent);
		}
		catch (IOException | RuntimeException ex) {
			discard(importId);
			this.pending.end(intent);
			throw ex;
		}
		commit(importId, event.id(), batches);
		// committed: from here on the import happens, if not by this call then by the repair after a crash
		int[] counts = apply(importId, event.id(), batches, intent);
		discard(importId);
		this.pending.end(intent);
		this.audit.record(viewer, "importRegistrations", "Event", event.id(), event.seriesId(), null, null,
				"imported registrations: " + counts[0] + " created, " + counts[1] + " updated, " + counts[2]
						+ " unchanged");
		return new Result(counts[0], counts[1], counts[2], List.of());
	}

	private static Line parse(Csv.Row row, Instant now, List<LineError> errors) {
		List<String> f = row.fields();
		int line = row.line();
		if (f.size() != HEADER.size()) {
			errors.add(new LineError(line, Math.min(f.size(), HEADER.size()) + 1,
					"Expected " + HEADER.size() + " columns, found " + f.size() + "."));
			return null;
		}
		int before = errors.size();
		String name = Csv.text(f.get(0));
		if (name.isEmpty() || name.length() > 200) {
			errors.add(new LineError(line, 1, "A name is 1 to 200 characters."));
		}
		String email = Csv.text(f.get(1));
		if (email.length() > 254 || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
			errors.add(new LineError(line, 2, "`" + email + "` is not an email address."));
		}
		String company = Csv.text(f.get(2));
		AudienceSegment segment = null;
		try {
			segment = AudienceSegment.valueOf(f.get(3).trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			errors.add(new LineError(line, 4, "`" + f.get(3) + "` is not a segment; use one of "
					+ java.util.Arrays.toString(AudienceSegment.values()) + "."));
		}
		String checked = f.get(4).trim();
		Instant checkedInAt = null;
		if (checked.equalsIgnoreCase("true")) {
			checkedInAt = now;
		}
		else if (!checked.equalsIgnoreCase("false") && !checked.isEmpty()) {
			try {
				checkedInAt = OffsetDateTime.parse(checked).toInstant();
			}
			catch (DateTimeParseException ex) {
				errors.add(new LineError(line, 5, "`" + checked + "` is neither true, false nor an RFC 3339 time."));
			}
		}
		if (errors.size() > before) {
			return null;
		}
		return new Line(line, name, email, company.isEmpty() ? null : company, segment, checkedInAt);
	}

	/** Company references (slug or exact name) to ids: two queries, whatever the row count. */
	private Map<String, ObjectId> resolveCompanies(Set<String> refs) {
		Map<String, ObjectId> resolved = new HashMap<>();
		if (refs.isEmpty()) {
			return resolved;
		}
		for (Company c : this.mongo.find(Query.query(Criteria.where("slug").in(refs)), Company.class)) {
			resolved.put(c.slug(), c.id());
		}
		for (Company c : this.mongo.find(Query.query(Criteria.where("name").in(refs)), Company.class)) {
			resolved.putIfAbsent(c.name(), c.id());
		}
		return resolved;
	}

	/**
	 * Reads the validated file again and stages its planned writes batch by batch ({@link ImportBatch}),
	 * planned against what is stored now; answers the number of batches. Writes nothing but the staging.
	 */
	private int stage(ObjectId importId, Event event, Path file, Map<String, ObjectId> companies, Instant now,
			ObjectId intent) throws IOException {
		int seq = 0;
		try (BufferedReader reader = Csv.open(file)) {
			Csv.Parser parser = new Csv.Parser(reader);
			parser.next();
			List<Line> batch = new ArrayList<>(BATCH);
			for (Csv.Row row = parser.next(); row != null; row = parser.next()) {
				if (row.fields().size() == 1 && row.fields().get(0).isBlank()) {
					continue;
				}
				batch.add(parse(row, now, new ArrayList<>()));
				if (batch.size() == BATCH) {
					this.mongo.insert(plan(importId, seq++, event, batch, companies, now));
					this.pending.renew(intent);
					batch.clear();
				}
			}
			if (!batch.isEmpty()) {
				this.mongo.insert(plan(importId, seq++, event, batch, companies, now));
			}
		}
		return seq;
	}

	/** One batch's planned writes: reads people and registrations, writes nothing. */
	private ImportBatch plan(ObjectId importId, int seq, Event event, List<Line> batch, Map<String, ObjectId> companies,
			Instant now) {
		People people = resolvePeople(batch, companies, event.seriesId());
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
		for (Line line : batch) {
			Person person = people.byEmailKey().get(Person.emailKey(line.email()));
			Registration r = existing.get(person.id());
			ObjectId companyId = (line.companyRef() != null) ? companies.get(line.companyRef()) : person.companyId();
			if (r == null) {
				created.add(new Registration(new ObjectId(), event.id(), event.seriesId(), event.year(), event.startsAt(),
						person.id(), companyId, line.segment(), now, line.checkedInAt()));
				continue;
			}
			boolean changes = false;
			if (r.segment() != line.segment()) {
				moves.add(new ImportBatch.SegmentMove(r.id(), r.segment(), line.segment()));
				changes = true;
			}
			if (line.checkedInAt() != null && r.checkedInAt() == null) {
				checkIns.add(new ImportBatch.CheckIn(r.id(), line.checkedInAt()));
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

	/** The one write that commits an import: its marker in {@value #COMMITS}. */
	private void commit(ObjectId importId, ObjectId eventId, int batches) {
		this.mongo.getCollection(COMMITS)
			.insertOne(new org.bson.Document("_id", importId).append("eventId", eventId)
				.append("batches", batches)
				.append("at", Instant.now(this.clock)));
	}

	/**
	 * Applies a committed import's staged batches in order; a batch no longer staged was applied before.
	 * Answers the counts (created, updated, unchanged). Idempotent: run again (the repair after a crash)
	 * it inserts nothing twice and moves no counter for what is already there.
	 */
	private int[] apply(ObjectId importId, ObjectId eventId, int batches, ObjectId intent) {
		int[] counts = new int[3];
		for (int seq = 0; seq < batches; seq++) {
			ImportBatch batch = this.mongo.findOne(
					Query.query(Criteria.where("importId").is(importId).and("seq").is(seq)), ImportBatch.class);
			if (batch != null) {
				apply(eventId, batch, counts);
				if (intent != null) {
					this.pending.renew(intent);
				}
			}
		}
		return counts;
	}

	/**
	 * One batch: people, registrations, segment moves, check-ins, each a conditional or unique-indexed
	 * write; the edition's counters move by the results of those writes, not by the plan, so a
	 * registration or check-in made meanwhile (or by an earlier try of this batch) is counted once.
	 */
	private void apply(ObjectId eventId, ImportBatch batch, int[] counts) {
		Map<ObjectId, ObjectId> samePerson = createPeople(batch.people());
		List<Registration> created = batch.registrations().stream().map((r) -> {
			ObjectId personId = samePerson.getOrDefault(r.personId(), r.personId());
			return personId.equals(r.personId()) ? r : new Registration(r.id(), r.eventId(), r.seriesId(), r.year(),
					r.eventStartsAt(), personId, r.companyId(), r.segment(), r.registeredAt(), r.checkedInAt());
		}).toList();
		Map<AudienceSegment, Integer> segmentDelta = new EnumMap<>(AudienceSegment.class);
		int registeredDelta = 0;
		int checkedInDelta = 0;
		int createdCount = 0;
		Set<Integer> refused = insertAll(created, Registration.class);
		for (int i = 0; i < created.size(); i++) {
			Registration r = created.get(i);
			if (refused.contains(i)) {
				// registered meanwhile by someone else (theirs stands), or by an earlier try of this batch
				continue;
			}
			createdCount++;
			registeredDelta++;
			segmentDelta.merge(r.segment(), 1, Integer::sum);
			if (r.checkedInAt() != null) {
				checkedInDelta++;
			}
		}
		Map<String, List<ObjectId>> moves = new LinkedHashMap<>();
		for (ImportBatch.SegmentMove move : batch.segmentMoves()) {
			moves.computeIfAbsent(move.from() + ">" + move.to(), (k) -> new ArrayList<>()).add(move.registrationId());
		}
		for (Map.Entry<String, List<ObjectId>> move : moves.entrySet()) {
			String[] pair = move.getKey().split(">");
			AudienceSegment from = AudienceSegment.valueOf(pair[0]);
			AudienceSegment to = AudienceSegment.valueOf(pair[1]);
			long moved = this.mongo.updateMulti(Query.query(Criteria.where("_id").in(move.getValue()).and("segment").is(from)),
					new Update().set("segment", to), Registration.class).getModifiedCount();
			segmentDelta.merge(from, (int) -moved, Integer::sum);
			segmentDelta.merge(to, (int) moved, Integer::sum);
		}
		if (!batch.checkIns().isEmpty()) {
			BulkOperations checkIns = this.mongo.bulkOps(BulkMode.UNORDERED, Registration.class);
			for (ImportBatch.CheckIn checkIn : batch.checkIns()) {
				checkIns.updateOne(Query.query(Criteria.where("_id").is(checkIn.registrationId()).and("checkedInAt").is(null)),
						new Update().set("checkedInAt", checkIn.at()));
			}
			BulkWriteResult result = checkIns.execute();
			checkedInDelta += result.getModifiedCount();
		}
		Update counters = new Update();
		boolean any = false;
		if (registeredDelta != 0) {
			counters.inc("attendance.registered", registeredDelta);
			any = true;
		}
		if (checkedInDelta != 0) {
			counters.inc("attendance.checkedIn", checkedInDelta);
			any = true;
		}
		for (Map.Entry<AudienceSegment, Integer> delta : segmentDelta.entrySet()) {
			if (delta.getValue() != 0) {
				counters.inc("attendance.bySegment." + delta.getKey().name(), delta.getValue());
				any = true;
			}
		}
		if (any) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId)), counters, Event.class);
		}
		counts[0] += createdCount;
		counts[1] += batch.updated();
		counts[2] += batch.unchanged() + (created.size() - createdCount);
	}

	/** Removes an import's staging and then its marker (what {@link #repair} reads first goes last). */
	private void discard(ObjectId importId) {
		this.mongo.remove(Query.query(Criteria.where("importId").is(importId)), ImportBatch.class);
		this.mongo.getCollection(COMMITS).deleteOne(new org.bson.Document("_id", importId));
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
		org.bson.Document marker = this.mongo.getCollection(COMMITS).find(new org.bson.Document("_id", importId)).first();
		if (marker != null) {
			ObjectId eventId = marker.getObjectId("eventId");
			apply(importId, eventId, marker.getInteger("batches"), null);
			this.registrations.repair(eventId);
			log.warn("CSV import {} into event {} had committed: finished", importId, eventId);
		}
		else {
			log.warn("CSV import {} had not committed: its staged rows removed", importId);
		}
		discard(importId);
	}

	// ---- people: the one place that matches rows to people (by email) -----------------------------

	/** A batch's people by lower-cased email, and those of them to be created (not stored yet). */
	private record People(Map<String, Person> byEmailKey, List<Person> created) {
	}

	/**
	 * The batch's people by lower-cased email: those the event's series holds with that email
	 * ({@code seriesEmailKey}), the missing ones planned (not inserted), held by that series. Matching never
	 * crosses a series: an email another series knows makes a new person here, with this file's data.
	 */
	private People resolvePeople(List<Line> batch, Map<String, ObjectId> companies, ObjectId seriesId) {
		Map<String, Person> byEmail = new HashMap<>();
		List<String> keys = batch.stream().map((l) -> Person.seriesEmailKey(seriesId, l.email())).toList();
		for (Person p : this.mongo.find(Query.query(Criteria.where("seriesEmailKey").in(keys)), Person.class)) {
			byEmail.put(p.emailKey(), p);
		}
		List<Person> missing = new ArrayList<>();
		for (Line line : batch) {
			String key = Person.emailKey(line.email());
			if (!byEmail.containsKey(key)) {
				Person person = Person.of(new ObjectId(), line.name(), null,
						(line.companyRef() != null) ? companies.get(line.companyRef()) : null, line.email(), seriesId,
						true);
				missing.add(person);
				byEmail.put(key, person);
			}
		}
		return new People(byEmail, missing);
	}

	/**
	 * Inserts the planned people. One refused by the unique email index was created meanwhile (by another
	 * import or {@code createPerson}), or by an earlier try of this batch: answers, for those, the planned
	 * id and the id of the person stored with that email.
	 */
	private Map<ObjectId, ObjectId> createPeople(List<Person> planned) {
		Set<Integer> refused = insertAll(planned, Person.class);
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

	/** One unordered insertMany; answers the positions refused by a unique index. */
	private Set<Integer> insertAll(List<?> documents, Class<?> type) {
		Set<Integer> refused = new HashSet<>();
		if (documents.isEmpty()) {
			return refused;
		}
		try {
			this.mongo.bulkOps(BulkMode.UNORDERED, type).insert(documents).execute();
		}
		catch (org.springframework.data.mongodb.BulkOperationException ex) {
			for (var error : ex.getErrors()) {
				if (error.getCode() != 11000) {
					throw ex;
				}
				refused.add(error.getIndex());
			}
		}
		return refused;
	}

	/**
	 * Every registration of the edition as CSV, streamed in batches (same columns as the import). The
	 * email column holds an email only when {@code mayReadEmail} accepts the series holding the person
	 * (the access policy's rule for {@code Person.email}): a person held by another series is exported
	 * with an empty email, never with data that came from there.
	 */
	void exportCsv(Event event, java.util.function.Predicate<ObjectId> mayReadEmail, OutputStream out)
			throws IOException {
		Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write(String.join(",", HEADER) + "\r\n");
		Map<ObjectId, String> companySlugs = new HashMap<>();
		ObjectId after = null;
		while (true) {
			Criteria criteria = Criteria.where("eventId").is(event.id());
			if (after != null) {
				criteria = criteria.and("_id").gt(after);
			}
			List<Registration> page = this.mongo.find(new Query(criteria).with(Sort.by("_id")).limit(BATCH),
					Registration.class);
			if (page.isEmpty()) {
				break;
			}
			Map<ObjectId, Person> people = new HashMap<>();
			for (Person p : this.mongo.find(Query.query(Criteria.where("_id").in(page.stream().map(Registration::personId).toList())),
					Person.class)) {
				people.put(p.id(), p);
			}
			Set<ObjectId> missing = new HashSet<>();
			page.stream().map(Registration::companyId).filter((id) -> id != null && !companySlugs.containsKey(id))
				.forEach(missing::add);
			if (!missing.isEmpty()) {
				for (Company c : this.mongo.find(Query.query(Criteria.where("_id").in(missing)), Company.class)) {
					companySlugs.put(c.id(), c.slug());
				}
			}
			for (Registration r : page) {
				Person p = people.get(r.personId());
				String email = (p != null && mayReadEmail.test(p.seriesId())) ? p.email() : null;
				writer.write(Csv.field((p != null) ? p.name() : "") + "," + Csv.field((email != null) ? email : "") + ","
						+ Csv.field((r.companyId() != null) ? companySlugs.get(r.companyId()) : "") + "," + r.segment()
						+ "," + ((r.checkedInAt() != null) ? r.checkedInAt().toString() : "false") + "\r\n");
			}
			after = page.get(page.size() - 1).id();
			writer.flush();
		}
		writer.flush();
	}

	/** Copies the body to a temporary file, refusing more than {@code maxBytes}. */
	static Path spool(InputStream body, long maxBytes) throws IOException {
		Path file = Files.createTempFile("marquee-import-", ".csv");
		try (OutputStream out = Files.newOutputStream(file)) {
			byte[] buffer = new byte[64 * 1024];
			long total = 0;
			for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
				total += n;
				if (total > maxBytes) {
					throw new TooLargeException(maxBytes);
				}
				out.write(buffer, 0, n);
			}
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
		return file;
	}

	static final class TooLargeException extends RuntimeException {

		TooLargeException(long maxBytes) {
			super("The file is larger than " + maxBytes + " bytes.");
		}

	}

}
