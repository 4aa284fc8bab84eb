package dev.marquee.sponsorship;

import java.util.List;
import java.util.Optional;

import dev.marquee.audit.AuditLog;
import dev.marquee.changes.ChangeKind;
import dev.marquee.changes.ChangeLog;
import dev.marquee.company.Company;
import dev.marquee.company.CompanyCopies;
import dev.marquee.company.CompanyService;
import dev.marquee.event.Event;
import dev.marquee.event.EventCopies;
import dev.marquee.event.EventService;
import dev.marquee.graphql.GlobalId;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Adding and removing sponsorships (one document each, unique per (event, company)), and the copies each
 * keeps of its edition ({@link EventCopies}) and of its company's group ({@link CompanyCopies}).
 */
@Service
public class SponsorshipCommands implements EventCopies, CompanyCopies {

	private final MongoTemplate mongo;

	private final SponsorshipService sponsorships;

	private final EventService events;

	private final CompanyService companies;

	private final AccessPolicy policy;

	private final AuditLog audit;

	private final ChangeLog changeLog;

	SponsorshipCommands(MongoTemplate mongo, SponsorshipService sponsorships, EventService events,
			CompanyService companies, AccessPolicy policy, AuditLog audit, ChangeLog changeLog) {
		this.mongo = mongo;
		this.sponsorships = sponsorships;
		this.events = events;
		this.companies = companies;
		this.policy = policy;
		this.audit = audit;
		this.changeLog = changeLog;
	}

	record AddSponsorshipInput(String eventId, String companySlug, SponsorTier tier) {
	}

	Outcome<Sponsorship> add(Viewer viewer, AddSponsorshipInput input) {
		Outcome<Event> event = this.events.forOrganizer(viewer, input.eventId(), "input", "eventId");
		if (!event.isOk()) {
			return Outcome.failed(event.errors());
		}
		Optional<Company> company = this.companies.bySlug(input.companySlug());
		if (company.isEmpty()) {
			return Outcome.failed(UserError.notFound("No company with the slug `" + input.companySlug() + "`.", "input",
					"companySlug"));
		}
		Event e = event.value();
		try {
			Sponsorship added = insert(e, company.get(), input.tier());
			append(added, "added");
			this.audit.record(viewer, "addSponsorship", "Sponsorship", added.id(), e.seriesId(), null, null,
					company.get().slug() + " sponsors " + e.slug() + " at " + input.tier());
			return Outcome.ok(added);
		}
		catch (DuplicateKeyException ex) {
			return Outcome.failed(UserError.of(UserErrorCode.DUPLICATE,
					company.get().slug() + " already sponsors " + e.slug() + ".", "input", "companySlug"));
		}
	}

	Outcome<Sponsorship> remove(Viewer viewer, String id) {
		Optional<Sponsorship> found = GlobalId.decode(id, "Sponsorship").flatMap((oid) -> this.sponsorships.byId(oid, viewer));
		if (found.isEmpty()) {
			return Outcome.failed(this.policy.missing(viewer, "No sponsorship with this ID.", "id"));
		}
		Sponsorship sponsorship = found.get();
		Optional<UserError> denied = this.policy.mayOrganize(viewer, sponsorship.seriesId());
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		delete(sponsorship);
		append(sponsorship, "removed");
		this.audit.record(viewer, "removeSponsorship", "Sponsorship", sponsorship.id(), sponsorship.seriesId(), null,
				null, "removed the " + sponsorship.tier() + " sponsorship of company "
						+ sponsorship.companyId().toHexString() + " from event " + sponsorship.eventId().toHexString());
		return Outcome.ok(sponsorship);
	}

	/**
	 * Inserts a sponsorship without policy checks (for {@link #add}, the demo data and test fixtures); a
	 * second one for the same (event, company) is refused by the unique index.
	 */
	public Sponsorship insert(Event event, Company company, SponsorTier tier) {
		Sponsorship sponsorship = Sponsorship.of(new ObjectId(), event.id(), company.id(), tier, event.seriesId(),
				event.year(), event.startsAt(), !event.isPublic(), company.groupId());
		return this.mongo.insert(sponsorship);
	}

	/** The change-log entry of a sponsorship added or removed: its company and tier, by id. */
	private void append(Sponsorship sponsorship, String action) {
		this.changeLog.append(ChangeKind.SPONSORSHIPS, sponsorship.seriesId(), sponsorship.eventId(), sponsorship.id(),
				new org.bson.Document("action", action).append("companyId", sponsorship.companyId())
					.append("tier", sponsorship.tier().name()));
	}

	private void delete(Sponsorship sponsorship) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(sponsorship.id())), Sponsorship.class);
	}

	/**
	 * Keeps the sponsorships' copy of their company's group (and the group month built from it) in step
	 * after a company moved: one update per sponsorship of the company, each setting what it derives.
	 */
	@Override
	public void syncCompanyGroup(ObjectId companyId, ObjectId groupId) {
		Query ofCompany = Query.query(Criteria.where("companyId").is(companyId));
		ofCompany.fields().include("_id", "eventStartsAt");
		for (org.bson.Document sponsorship : this.mongo.find(ofCompany, org.bson.Document.class, Sponsorship.COLLECTION)) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(sponsorship.getObjectId("_id"))),
					new Update().set("groupId", groupId)
						.set("groupMonth",
								Sponsorship.groupMonth(groupId, sponsorship.getDate("eventStartsAt").toInstant())),
					Sponsorship.class);
		}
	}

	/**
	 * Keeps the sponsorships' copies of their edition's series, year, start and draft flag in step, and
	 * the group month when the start moved to another month (one update per sponsorship of the edition).
	 */
	@Override
	public void syncEventCopies(Event event) {
		this.mongo.updateMulti(Query.query(Criteria.where("eventId").is(event.id())),
				new Update().set("seriesId", event.seriesId())
					.set("year", event.year())
					.set("eventStartsAt", event.startsAt())
					.set("draft", !event.isPublic()),
				Sponsorship.class);
		Query ofEvent = Query.query(Criteria.where("eventId").is(event.id()));
		ofEvent.fields().include("_id", "groupId", "groupMonth");
		for (org.bson.Document sponsorship : this.mongo.find(ofEvent, org.bson.Document.class, Sponsorship.COLLECTION)) {
			String month = Sponsorship.groupMonth(sponsorship.getObjectId("groupId"), event.startsAt());
			if (!month.equals(sponsorship.getString("groupMonth"))) {
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is(sponsorship.getObjectId("_id"))),
						new Update().set("groupMonth", month), Sponsorship.class);
			}
		}
	}

}
