package dev.marquee.attendance;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.marquee.company.Company;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The import's first pass: reads the whole file once and reports every problem (header, each row's
 * columns, an email twice in the file, companies that do not exist), writing nothing. Memory holds the
 * emails seen, the company references and the errors, all bounded by the file size limit.
 */
@Component
class ImportValidator {

	private final MongoTemplate mongo;

	ImportValidator(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** A checked file: the ids of the companies it names (by reference), or its errors in file order. */
	record Checked(Map<String, ObjectId> companies, List<LineError> errors) {

		boolean isValid() {
			return this.errors.isEmpty();
		}

	}

	Checked check(Path file, Instant now) throws IOException {
		List<LineError> errors = new ArrayList<>();
		Map<String, List<Integer>> companyRefs = new LinkedHashMap<>();
		Set<String> emails = new HashSet<>();
		try (BufferedReader reader = Csv.open(file)) {
			Csv.Parser parser = new Csv.Parser(reader);
			if (!ImportRow.isHeader(parser.next())) {
				return new Checked(Map.of(),
						List.of(new LineError(1, 1, "The first line must be the header " + ImportRow.COLUMNS + ".")));
			}
			for (Csv.Row record = parser.next(); record != null; record = parser.next()) {
				if (ImportRow.isBlank(record)) {
					continue;
				}
				ImportRow row = ImportRow.parse(record, now, errors);
				if (row == null) {
					continue;
				}
				if (!emails.add(row.emailKey())) {
					errors.add(new LineError(row.line(), 2, "This email appears on an earlier line of the file."));
				}
				if (row.companyRef() != null) {
					companyRefs.computeIfAbsent(row.companyRef(), (ref) -> new ArrayList<>()).add(row.line());
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
		errors.sort(LineError.IN_FILE_ORDER);
		return new Checked(companies, errors);
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

}
