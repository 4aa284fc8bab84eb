package dev.marquee.attendance;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.marquee.audit.AuditLog;
import dev.marquee.graphql.GlobalId;
import dev.marquee.graphql.UserError;
import dev.marquee.program.Person;
import dev.marquee.program.ProgramService;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * {@code erasePerson}, the right to erasure (ADMIN only). Every document that holds or copies a
 * person's data is cleared: the person (name, email, headline, company link, search terms: see
 * {@link ProgramService#erase}), the sessions it spoke at (it leaves their speakers), its registrations
 * (their copy of the company link) and the audit entries about it (their summary named it). The
 * registrations themselves stay, under the same person id, so totals, segments, trends and returning
 * attendance do not change. Each step is idempotent: erasing an erased person again finishes an erasure
 * a crash interrupted and answers the same count.
 */
@Service
class PersonErasure {

	static final String REDACTED = "personal data erased";

	private final MongoTemplate mongo;

	private final ProgramService program;

	private final AccessPolicy policy;

	private final AuditLog audit;

	private final Clock clock;

	PersonErasure(MongoTemplate mongo, ProgramService program, AccessPolicy policy, AuditLog audit,
			Optional<Clock> clock) {
		this.mongo = mongo;
		this.program = program;
		this.policy = policy;
		this.audit = audit;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	record ErasePayload(int anonymizedRegistrations, List<UserError> errors) {
	}

	ErasePayload erase(Viewer viewer, String personId) {
		Optional<UserError> denied = this.policy.mayAdminister(viewer);
		if (denied.isPresent()) {
			return new ErasePayload(0, List.of(denied.get()));
		}
		Optional<Person> found = GlobalId.decode(personId, "Person")
			.flatMap((id) -> Optional.ofNullable(this.program.peopleByIds(List.of(id)).get(id)));
		if (found.isEmpty()) {
			return new ErasePayload(0, List.of(UserError.notFound("No person with this ID.", "id")));
		}
		Person person = found.get();
		this.program.erase(person, Instant.now(this.clock));
		long anonymized = this.mongo
			.updateMulti(Query.query(Criteria.where("personId").is(person.id())), new Update().unset("companyId"),
					Registration.class)
			.getMatchedCount();
		this.audit.redact("Person", person.id(), REDACTED);
		this.audit.record(viewer, "erasePerson", "Person", person.id(), person.seriesId(), null, null,
				"erased a person; " + anonymized + " registrations anonymized");
		return new ErasePayload((int) anonymized, List.of());
	}

}
