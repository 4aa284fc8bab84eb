package dev.marquee.sponsorship;

import java.util.List;
import java.util.Optional;

import dev.marquee.audit.AuditLog;
import dev.marquee.company.Company;
import dev.marquee.company.CompanyService;
import dev.marquee.event.Event;
import dev.marquee.event.EventService;
import dev.marquee.graphql.GlobalId;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Adding and removing sponsorships; one document each, unique per (event, company). */
@Service
class SponsorshipCommands {

	private final SponsorshipService sponsorships;

	private final EventService events;

	private final CompanyService companies;

	private final AccessPolicy policy;

	private final AuditLog audit;

	SponsorshipCommands(SponsorshipService sponsorships, EventService events,
			CompanyService companies, AccessPolicy policy, AuditLog audit) {
		this.sponsorships = sponsorships;
		this.events = events;
		this.companies = companies;
		this.policy = policy;
		this.audit = audit;
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
			Sponsorship added = this.sponsorships.add(e, company.get(), input.tier());
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
		this.sponsorships.remove(sponsorship);
		this.audit.record(viewer, "removeSponsorship", "Sponsorship", sponsorship.id(), sponsorship.seriesId(), null,
				null, "removed the " + sponsorship.tier() + " sponsorship of company "
						+ sponsorship.companyId().toHexString() + " from event " + sponsorship.eventId().toHexString());
		return Outcome.ok(sponsorship);
	}


}
