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
import dev.marquee.event.Event;
import dev.marquee.program.Person;
import dev.marquee.search.SearchText;
import dev.marquee.security.Viewer;
import dev.marquee.storage.PendingWrites;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Bulk attendance as CSV ({@code name,email,company,segment,checked_in}). An import is all or nothing:
 * the body is spooled to a temporary file while its size is checked, validated completely (every
 * error is reported, nothing is written), then written in batches of {@value #BATCH} rows; memory stays
 * bounded whatever the row count. People are matched by email (case-insensitive) or created. A later
 * file adds to what is there: it creates missing registrations, updates segments and check-ins, and
 * never removes or un-checks. The edition's counters move by the exact outcome of each batch's
 * conditional writes, so concurrent check-ins are counted once; the whole import runs under a
 * pending-write intent whose repair recounts the edition.
 */
@Service
class AttendanceImport {

	static final int BATCH = 1000;

	static final List<String> HEADER = List.of("name", "email", "company", "segment", "checked_in");

	private final MongoTemplate mongo;

	private final PendingWrites pending;

	private final AuditLog audit;

	private final Clock clock;

	AttendanceImport(MongoTemplate mongo, PendingWrites pending, AuditLog audit, Optional<Clock> clock) {
		this.mongo = mongo;
		this.pending = pending;
		this.audit = audit;
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
				if (!emails.add(line.email().toLowerCase(Locale.ROOT))) {
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
		// pass 2: write in batches
		int[] counts = new int[3];
		ObjectId intent = this.pending.begin(RegistrationService.COUNTERS, event.id());
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
					write(event, batch, companies, now, counts);
					batch.clear();
				}
			}
			write(event, batch, companies, now, counts);
		}
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

	private void write(Event event, List<Line> batch, Map<String, ObjectId> companies, Instant now, int[] counts) {
		if (batch.isEmpty()) {
			return;
		}
		Map<String, Person> people = people(batch, companies);
		Map<ObjectId, Registration> existing = new HashMap<>();
		List<ObjectId> personIds = people.values().stream().map(Person::id).toList();
		for (Registration r : this.mongo.find(
				Query.query(Criteria.where("eventId").is(event.id()).and("personId").in(personIds)), Registration.class)) {
			existing.put(r.personId(), r);
		}
		List<Registration> created = new ArrayList<>();
		Map<String, List<ObjectId>> segmentMoves = new HashMap<>();
		BulkOperations checkIns = this.mongo.bulkOps(BulkMode.UNORDERED, Registration.class);
		int checkInCount = 0;
		int unchanged = 0;
		for (Line line : batch) {
			Person person = people.get(line.email().toLowerCase(Locale.ROOT));
			Registration r = existing.get(person.id());
			ObjectId companyId = (line.companyRef() != null) ? companies.get(line.companyRef()) : person.companyId();
			if (r == null) {
				created.add(new Registration(new ObjectId(), event.id(), event.seriesId(), event.year(), event.startsAt(),
						person.id(), companyId, line.segment(), now, line.checkedInAt()));
				continue;
			}
			boolean changes = false;
			if (r.segment() != line.segment()) {
				segmentMoves.computeIfAbsent(r.segment() + ">" + line.segment(), (k) -> new ArrayList<>()).add(r.id());
				changes = true;
			}
			if (line.checkedInAt() != null && r.checkedInAt() == null) {
				checkIns.updateOne(Query.query(Criteria.where("_id").is(r.id()).and("checkedInAt").is(null)),
						new Update().set("checkedInAt", line.checkedInAt()));
				checkInCount++;
				changes = true;
			}
			if (!changes) {
				unchanged++;
			}
		}
		Map<AudienceSegment, Integer> segmentDelta = new EnumMap<>(AudienceSegment.class);
		int registeredDelta = 0;
		int checkedInDelta = 0;
		int createdCount = 0;
		Set<Integer> refused = insertAll(created, Registration.class);
		for (int i = 0; i < created.size(); i++) {
			Registration r = created.get(i);
			if (refused.contains(i)) {
				// registered meanwhile by someone else: theirs stands
				unchanged++;
				continue;
			}
			createdCount++;
			registeredDelta++;
			segmentDelta.merge(r.segment(), 1, Integer::sum);
			if (r.checkedInAt() != null) {
				checkedInDelta++;
			}
		}
		Set<ObjectId> updatedIds = new HashSet<>();
		for (Map.Entry<String, List<ObjectId>> move : segmentMoves.entrySet()) {
			String[] pair = move.getKey().split(">");
			AudienceSegment from = AudienceSegment.valueOf(pair[0]);
			AudienceSegment to = AudienceSegment.valueOf(pair[1]);
			long moved = this.mongo.updateMulti(Query.query(Criteria.where("_id").in(move.getValue()).and("segment").is(from)),
					new Update().set("segment", to), Registration.class).getModifiedCount();
			segmentDelta.merge(from, (int) -moved, Integer::sum);
			segmentDelta.merge(to, (int) moved, Integer::sum);
			updatedIds.addAll(move.getValue());
		}
		if (checkInCount > 0) {
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
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(event.id())), counters, Event.class);
		}
		int updated = batch.size() - createdCount - unchanged;
		counts[0] += createdCount;
		counts[1] += updated;
		counts[2] += unchanged;
	}

	/** The batch's people by lower-cased email: found by email, the missing ones created. */
	private Map<String, Person> people(List<Line> batch, Map<String, ObjectId> companies) {
		Map<String, Person> byEmail = new HashMap<>();
		List<String> keys = batch.stream().map((l) -> l.email().toLowerCase(Locale.ROOT)).toList();
		for (Person p : this.mongo.find(Query.query(Criteria.where("emailKey").in(keys)), Person.class)) {
			byEmail.put(p.emailKey(), p);
		}
		List<Person> missing = new ArrayList<>();
		for (Line line : batch) {
			String key = line.email().toLowerCase(Locale.ROOT);
			if (!byEmail.containsKey(key)) {
				missing.add(new Person(new ObjectId(), line.name(), null,
						(line.companyRef() != null) ? companies.get(line.companyRef()) : null, line.email(), key,
						SearchText.normalize(line.name()), SearchText.terms(line.name()), true));
			}
		}
		Set<Integer> refused = insertAll(missing, Person.class);
		List<String> raced = new ArrayList<>();
		for (int i = 0; i < missing.size(); i++) {
			if (refused.contains(i)) {
				raced.add(missing.get(i).emailKey());
			}
			else {
				byEmail.put(missing.get(i).emailKey(), missing.get(i));
			}
		}
		if (!raced.isEmpty()) {
			// created meanwhile by another import or mutation: use those people
			for (Person p : this.mongo.find(Query.query(Criteria.where("emailKey").in(raced)), Person.class)) {
				byEmail.put(p.emailKey(), p);
			}
		}
		return byEmail;
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

	/** Every registration of the edition as CSV, streamed in batches (same columns as the import). */
	void exportCsv(Event event, OutputStream out) throws IOException {
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
				writer.write(Csv.field((p != null) ? p.name() : "") + "," + Csv.field((p != null) ? p.email() : "") + ","
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
