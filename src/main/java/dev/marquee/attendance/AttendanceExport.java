package dev.marquee.attendance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.marquee.company.Company;
import dev.marquee.event.Event;
import dev.marquee.program.Person;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Every registration of an edition as CSV, in the columns the import reads ({@value ImportRow#COLUMNS}),
 * streamed in keyset batches of {@value #BATCH} by {@code _id}: memory holds one batch and the company
 * slugs seen.
 */
@Service
class AttendanceExport {

	static final int BATCH = 1000;

	private final MongoTemplate mongo;

	AttendanceExport(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Writes the edition's registrations to {@code out}, flushed per batch. The email column holds an email
	 * only when {@code mayReadEmail} accepts the series holding the person (the access policy's rule for
	 * {@code Person.email}): a person held by another series is exported with an empty email, never with
	 * data that came from there.
	 */
	void exportCsv(Event event, Predicate<ObjectId> mayReadEmail, OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write(ImportRow.COLUMNS + "\r\n");
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

}
