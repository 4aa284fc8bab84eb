package dev.marquee.event;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.marquee.company.Company;
import dev.marquee.company.CompanyService;
import dev.marquee.graphql.Connection;
import dev.marquee.graphql.GlobalId;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.Page;
import dev.marquee.storage.SearchText;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.series.EventSeries;
import dev.marquee.series.SeriesService;
import dev.marquee.storage.KeysetPager;
import dev.marquee.storage.Lookups;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Editions: lookups (also the edition an organizer may change), the filtered and ordered {@code events} list, and each series' editions. */
@Service
public class EventService {

	private final MongoTemplate mongo;

	private final KeysetPager pager;

	private final SeriesService series;

	private final CompanyService companies;

	private final SponsoredEvents sponsored;

	private final AccessPolicy policy;

	EventService(MongoTemplate mongo, KeysetPager pager, SeriesService series, CompanyService companies,
			SponsoredEvents sponsored, AccessPolicy policy) {
		this.policy = policy;
		this.mongo = mongo;
		this.pager = pager;
		this.series = series;
		this.companies = companies;
		this.sponsored = sponsored;
	}

	public Optional<Event> bySlug(String slug, Viewer viewer) {
		// the unique slug alone, so the embedded server answers from its index; visibility checked here
		return Optional.ofNullable(this.mongo.findOne(Query.query(Criteria.where("slug").is(slug)), Event.class))
			.filter((event) -> this.policy.maySeeEvent(event.isPublic(), event.seriesId(), viewer));
	}

	public Map<ObjectId, Event> byIds(Collection<ObjectId> ids, Viewer viewer) {
		return Lookups.byIds(this.mongo, Event.class, ids, (event) -> this.policy.maySeeEvent(event.isPublic(), event.seriesId(), viewer));
	}

	/**
	 * The edition with this id as stored, whoever asks: for a caller that then checks {@link #visibleTo} for
	 * each of its viewers (live updates read an edition once per change for all its subscribers).
	 */
	public Optional<Event> byIdForEveryViewer(ObjectId id) {
		return Optional.ofNullable(this.mongo.findById(id, Event.class));
	}

	/** Whether {@code viewer} may see this edition: what {@link #bySlug} and {@link #byIds} filter by. */
	public boolean visibleTo(Event event, Viewer viewer) {
		return this.policy.maySeeEvent(event.isPublic(), event.seriesId(), viewer);
	}

	/**
	 * The event named by a global ID, for a change by {@code viewer}: NOT_FOUND when there is no such
	 * event (or the viewer may not see it), FORBIDDEN when the viewer does not organize its series.
	 */
	public Outcome<Event> forOrganizer(Viewer viewer, String id, String... field) {
		Optional<Event> event = GlobalId.decode(id, "Event")
			.flatMap((oid) -> Optional.ofNullable(byIds(List.of(oid), viewer).get(oid)));
		if (event.isEmpty()) {
			return Outcome.failed(this.policy.missing(viewer, "No event with this ID.", field));
		}
		Optional<UserError> denied = this.policy.mayOrganize(viewer, event.get().seriesId());
		return denied.isPresent() ? Outcome.failed(denied.get()) : Outcome.ok(event.get());
	}

	Connection<Event> list(EventFilter filter, EventOrder order, Page page, Viewer viewer) {
		Optional<Criteria> criteria = criteria((filter != null) ? filter : EventFilter.NONE, viewer);
		if (criteria.isEmpty()) {
			return KeysetPager.connection(List.of(), page, order.ordering(), () -> 0);
		}
		return this.pager.page(Event.class, criteria.get(), order.ordering(), page);
	}

	/** The filter as one criteria, or empty when a named series or sponsor does not exist. */
	private Optional<Criteria> criteria(EventFilter filter, Viewer viewer) {
		List<Criteria> parts = new ArrayList<>();
		parts.add(this.policy.visibleEvents(viewer));
		if (filter.seriesSlug() != null) {
			Optional<EventSeries> series = this.series.bySlug(filter.seriesSlug());
			if (series.isEmpty()) {
				return Optional.empty();
			}
			parts.add(Criteria.where("seriesId").is(series.get().id()));
		}
		if (filter.year() != null) {
			parts.add(Criteria.where("year").is(filter.year()));
		}
		if (filter.startsAfter() != null) {
			parts.add(Criteria.where("startsAt").gt(filter.startsAfter().toInstant()));
		}
		if (filter.startsBefore() != null) {
			parts.add(Criteria.where("startsAt").lt(filter.startsBefore().toInstant()));
		}
		if (filter.city() != null) {
			parts.add(Criteria.where("cityKey").is(SearchText.normalize(filter.city())));
		}
		if (filter.country() != null) {
			parts.add(Criteria.where("venue.country").is(filter.country().toString()));
		}
		if (filter.status() != null && !filter.status().isEmpty()) {
			parts.add(Criteria.where("status").in(filter.status()));
		}
		if (filter.trackName() != null) {
			parts.add(Criteria.where("trackKeys").is(Event.trackKey(filter.trackName())));
		}
		if (filter.sponsorSlug() != null) {
			Optional<Company> sponsor = this.companies.bySlug(filter.sponsorSlug());
			if (sponsor.isEmpty()) {
				return Optional.empty();
			}
			List<ObjectId> sponsorIds = Boolean.TRUE.equals(filter.includeSponsorGroup())
					? this.companies.groupMemberIds(sponsor.get().groupId()) : List.of(sponsor.get().id());
			Set<ObjectId> eventIds = this.sponsored.eventIdsSponsoredBy(sponsorIds, viewer);
			parts.add(Criteria.where("_id").in(eventIds));
		}
		return Optional.of(new Criteria().andOperator(parts));
	}

	/** Public editions each company hosts, newest first; one query for the whole batch. */
	Map<ObjectId, List<Event>> hostedBy(Collection<ObjectId> companyIds, Viewer viewer) {
		Query query = Query.query(Criteria.where("hostId").in(companyIds).andOperator(this.policy.visibleEvents(viewer)))
			.with(Sort.by(Sort.Direction.DESC, "startsAt"));
		Map<ObjectId, List<Event>> byHost = new HashMap<>();
		for (Event event : this.mongo.find(query, Event.class)) {
			byHost.computeIfAbsent(event.hostId(), (id) -> new ArrayList<>()).add(event);
		}
		return byHost;
	}

	/**
	 * Public editions of each series, oldest first: one query for the whole batch (a series has tens
	 * of editions, not thousands).
	 */
	public Map<ObjectId, List<Event>> editionsOf(Collection<ObjectId> seriesIds, Viewer viewer) {
		Query query = Query.query(Criteria.where("seriesId").in(seriesIds).andOperator(this.policy.visibleEvents(viewer)))
			.with(EventOrder.START_ASC.ordering().sort());
		Map<ObjectId, List<Event>> bySeries = new LinkedHashMap<>();
		seriesIds.forEach((id) -> bySeries.put(id, new ArrayList<>()));
		for (Event event : this.mongo.find(query, Event.class)) {
			bySeries.get(event.seriesId()).add(event);
		}
		return bySeries;
	}

	/** The {@code EventFilter} input of the {@code events} list; every field optional, all given ones must hold. */
	public record EventFilter(String seriesSlug, Integer year, OffsetDateTime startsAfter,
			OffsetDateTime startsBefore, String city, Object country, List<EventStatus> status, String sponsorSlug,
			Boolean includeSponsorGroup, String trackName) {

		static final EventFilter NONE = new EventFilter(null, null, null, null, null, null, null, null, false, null);

	}

}
