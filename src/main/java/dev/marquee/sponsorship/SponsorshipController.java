package dev.marquee.sponsorship;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.marquee.company.Company;
import dev.marquee.company.CompanyService;
import dev.marquee.event.Event;
import dev.marquee.graphql.Connection;
import dev.marquee.graphql.Page;
import dev.marquee.node.NodeLookup;
import dev.marquee.security.Viewer;
import dev.marquee.security.Viewers;
import dev.marquee.series.EventSeries;
import dev.marquee.sponsorship.SponsorshipService.Retention;
import org.bson.types.ObjectId;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

@Controller
class SponsorshipController implements NodeLookup {

	private final SponsorshipService sponsorships;

	private final CompanyService companies;

	private final SponsorshipCommands commands;

	SponsorshipController(SponsorshipService sponsorships, CompanyService companies, SponsorshipCommands commands,
			BatchLoaderRegistry loaders) {
		this.sponsorships = sponsorships;
		this.companies = companies;
		this.commands = commands;
		loaders.<EventSponsorsKey, List<Sponsorship>>forName("eventSponsorships")
			.registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> ofEvents(keys, Viewers.of(env))));
		loaders.<CompanySponsorsKey, Connection<Sponsorship>>forName("companySponsorships")
			.registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> ofCompanies(keys, Viewers.of(env))));
	}

	@SchemaMapping(typeName = "Event")
	CompletableFuture<List<Sponsorship>> sponsorships(Event event, @Argument List<SponsorTier> tiers,
			DataLoader<EventSponsorsKey, List<Sponsorship>> eventSponsorships) {
		return eventSponsorships.load(new EventSponsorsKey(event, (tiers != null) ? Set.copyOf(tiers) : null));
	}

	/** The first page of {@link #sponsorshipConnection}: the newest {@code first} (default and most 100). */
	@SchemaMapping(typeName = "Company")
	CompletableFuture<List<Sponsorship>> sponsorships(Company company, @Argument Boolean includeSubsidiaries,
			@Argument Integer first, DataLoader<CompanySponsorsKey, Connection<Sponsorship>> companySponsorships) {
		return companySponsorships
			.load(new CompanySponsorsKey(company.id(), company.groupId(), Boolean.TRUE.equals(includeSubsidiaries),
					Page.of(first, null, Page.MAX_FIRST)))
			.thenApply(Connection::nodes);
	}

	@SchemaMapping(typeName = "Company")
	CompletableFuture<Connection<Sponsorship>> sponsorshipConnection(Company company,
			@Argument Boolean includeSubsidiaries, @Argument Integer first, @Argument String after,
			DataLoader<CompanySponsorsKey, Connection<Sponsorship>> companySponsorships) {
		return companySponsorships.load(new CompanySponsorsKey(company.id(), company.groupId(),
				Boolean.TRUE.equals(includeSubsidiaries), Page.of(first, after, 20)));
	}

	@SchemaMapping
	CompletableFuture<Event> event(Sponsorship sponsorship, DataLoader<ObjectId, Event> loader) {
		return loader.load(sponsorship.eventId());
	}

	@SchemaMapping
	CompletableFuture<Company> company(Sponsorship sponsorship, DataLoader<ObjectId, Company> loader) {
		return loader.load(sponsorship.companyId());
	}

	@BatchMapping(typeName = "EventSeries")
	Map<EventSeries, List<Retention>> sponsorRetention(List<EventSeries> series, @ContextValue Viewer viewer) {
		Map<ObjectId, List<Retention>> bySeries = this.sponsorships
			.retention(series.stream().map(EventSeries::id).toList(), viewer);
		Map<EventSeries, List<Retention>> result = new HashMap<>();
		series.forEach((s) -> result.put(s, bySeries.getOrDefault(s.id(), List.of())));
		return result;
	}

	@SchemaMapping(typeName = "SponsorRetention")
	CompletableFuture<Company> company(Retention retention, DataLoader<ObjectId, Company> loader) {
		return loader.load(retention.companyId());
	}

	@QueryMapping
	List<SponsorshipService.TopSponsor> topSponsors(@Argument Integer year, @Argument Boolean groupRollUp,
			@Argument Integer first) {
		return this.sponsorships.topSponsors(year, !Boolean.FALSE.equals(groupRollUp), dev.marquee.graphql.Page.of(first, null, 20).first());
	}

	@SchemaMapping(typeName = "TopSponsor")
	CompletableFuture<Company> company(SponsorshipService.TopSponsor sponsor, DataLoader<ObjectId, Company> loader) {
		return loader.load(sponsor.companyId());
	}

	private Map<EventSponsorsKey, List<Sponsorship>> ofEvents(Set<EventSponsorsKey> keys, Viewer viewer) {
		Map<ObjectId, Event> events = new HashMap<>();
		keys.forEach((key) -> events.put(key.event().id(), key.event()));
		Map<ObjectId, List<Sponsorship>> byEvent = this.sponsorships.forEvents(events.values(), viewer);
		Map<EventSponsorsKey, List<Sponsorship>> result = new HashMap<>();
		for (EventSponsorsKey key : keys) {
			List<Sponsorship> all = byEvent.getOrDefault(key.event().id(), List.of());
			result.put(key, (key.tiers() == null) ? all
					: all.stream().filter((s) -> key.tiers().contains(s.tier())).toList());
		}
		return result;
	}

	/**
	 * A page of sponsorships for each key: one query over companies' ancestor chains when any key asks
	 * for subsidiaries, then one sorted, limited query per key (a company page asks for one; a list of
	 * companies for one each), so no key reads more than its page.
	 */
	private Map<CompanySponsorsKey, Connection<Sponsorship>> ofCompanies(Set<CompanySponsorsKey> keys, Viewer viewer) {
		Set<ObjectId> roots = new LinkedHashSet<>();
		keys.stream()
			.filter((key) -> key.includeSubsidiaries() && !key.wholeGroup())
			.forEach((key) -> roots.add(key.companyId()));
		Map<ObjectId, List<ObjectId>> subtrees = roots.isEmpty() ? Map.of() : this.companies.subtrees(roots);
		Map<CompanySponsorsKey, Connection<Sponsorship>> result = new HashMap<>();
		for (CompanySponsorsKey key : keys) {
			if (!key.includeSubsidiaries()) {
				result.put(key, this.sponsorships.pageForCompanies(List.of(key.companyId()), key.page(), viewer));
				continue;
			}
			// a whole group is read through its month buckets (its members only if totalCount is asked for);
			// a subtree below the top, by its members
			result.put(key, key.wholeGroup()
					? this.sponsorships.pageForGroup(key.groupId(),
							() -> this.companies.subtrees(List.of(key.groupId())).get(key.groupId()), key.page(), viewer)
					: this.sponsorships.pageForCompanies(subtrees.get(key.companyId()), key.page(), viewer));
		}
		return result;
	}

	@MutationMapping
	SponsorshipPayload addSponsorship(@Argument SponsorshipCommands.AddSponsorshipInput input,
			@ContextValue Viewer viewer) {
		return payload(this.commands.add(viewer, input));
	}

	@MutationMapping
	SponsorshipPayload removeSponsorship(@Argument String id, @ContextValue Viewer viewer) {
		return payload(this.commands.remove(viewer, id));
	}

	private static SponsorshipPayload payload(dev.marquee.graphql.Outcome<Sponsorship> outcome) {
		return new SponsorshipPayload(outcome.value(), outcome.errors());
	}

	record SponsorshipPayload(Sponsorship sponsorship, List<dev.marquee.graphql.UserError> errors) {
	}

	@Override
	public String type() {
		return "Sponsorship";
	}

	@Override
	public Optional<Sponsorship> findNode(ObjectId id, Viewer viewer) {
		return this.sponsorships.byId(id, viewer);
	}

	/** DataLoader key of {@code Event.sponsorships(tiers)}; null tiers means all. */
	record EventSponsorsKey(Event event, Set<SponsorTier> tiers) {
	}

	/** DataLoader key of {@code Company.sponsorships(includeSubsidiaries, first)} and {@code sponsorshipConnection}. */
	record CompanySponsorsKey(ObjectId companyId, ObjectId groupId, boolean includeSubsidiaries, Page page) {

		/** With subsidiaries, of the company at the top of its group: the whole group. */
		boolean wholeGroup() {
			return this.includeSubsidiaries && this.companyId.equals(this.groupId);
		}
	}

}
