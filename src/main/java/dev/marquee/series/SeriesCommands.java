package dev.marquee.series;

import java.util.Optional;

import dev.marquee.audit.AuditLog;
import dev.marquee.changes.ChangeKind;
import dev.marquee.changes.ChangeLog;
import dev.marquee.company.Company;
import dev.marquee.company.CompanyService;
import dev.marquee.graphql.Checks;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** Creating a series: the creating organizer is granted it. */
@Service
public class SeriesCommands {

	private final MongoTemplate mongo;

	private final SeriesService series;

	private final CompanyService companies;

	private final SeriesGrants grants;

	private final AccessPolicy policy;

	private final AuditLog audit;

	private final ChangeLog changeLog;

	SeriesCommands(MongoTemplate mongo, SeriesService series, CompanyService companies, SeriesGrants grants,
			AccessPolicy policy, AuditLog audit, ChangeLog changeLog) {
		this.changeLog = changeLog;
		this.mongo = mongo;
		this.series = series;
		this.companies = companies;
		this.grants = grants;
		this.policy = policy;
		this.audit = audit;
	}

	record CreateSeriesInput(String slug, String name, String description, String organizerSlug) {
	}

	/**
	 * Grants the series to its creator first, then inserts it: if the insert fails, the grant is taken
	 * back; if the process stops in between, the account holds the id of a series that does not exist,
	 * which grants nothing.
	 */
	Outcome<EventSeries> create(Viewer viewer, CreateSeriesInput input) {
		Optional<UserError> denied = this.policy.mayCreateSeries(viewer);
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		Checks checks = new Checks().slug(input.slug(), "input", "slug")
			.name(input.name(), "input", "name")
			.optionalText(input.description(), 2000, "input", "description");
		ObjectId organizerId = null;
		if (input.organizerSlug() != null) {
			Optional<Company> organizer = this.companies.bySlug(input.organizerSlug());
			checks.require(organizer.isPresent(), UserErrorCode.NOT_FOUND,
					"No company with the slug `" + input.organizerSlug() + "`.", "input", "organizerSlug");
			organizerId = organizer.map(Company::id).orElse(null);
		}
		if (!checks.failed() && this.series.bySlug(input.slug()).isPresent()) {
			checks.add(duplicate(input.slug()));
		}
		if (checks.failed()) {
			return checks.outcome();
		}
		EventSeries created = EventSeries.of(new ObjectId(), input.slug(), input.name(), input.description(),
				organizerId);
		boolean grant = this.policy.isGrantedWhatItCreates(viewer);
		if (grant) {
			this.grants.addGrant(viewer.accountId(), created.id());
		}
		try {
			this.mongo.insert(created);
		}
		catch (DuplicateKeyException ex) {
			if (grant) {
				this.grants.removeGrant(viewer.accountId(), created.id());
			}
			return Outcome.failed(duplicate(input.slug()));
		}
		this.changeLog.append(ChangeKind.SERIES, created.id(), null, created.id(),
				new org.bson.Document("action", "created"));
		this.audit.record(viewer, "createSeries", "EventSeries", created.id(), created.id(), null, null,
				"created series " + created.slug());
		return Outcome.ok(created);
	}

	/** Inserts a series without policy checks (the demo data, test fixtures); the slug index refuses a taken one. */
	public EventSeries insert(String slug, String name, String description, ObjectId organizerId) {
		return this.mongo.insert(EventSeries.of(new ObjectId(), slug, name, description, organizerId));
	}

	private static UserError duplicate(String slug) {
		// the same answer as createEvent's for any taken slug
		return UserError.of(UserErrorCode.DUPLICATE, "This slug is not available; choose another.", "input", "slug");
	}

}
