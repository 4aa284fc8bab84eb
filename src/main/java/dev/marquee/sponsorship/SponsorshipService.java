package dev.marquee.sponsorship;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.marquee.event.Event;
import dev.marquee.event.SponsoredEvents;
import dev.marquee.graphql.Connection;
import dev.marquee.graphql.Page;
import dev.marquee.storage.KeysetPager;
import dev.marquee.storage.Ordering;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Sponsorships, read: who sponsors which edition at which tier, and retention across a series; writes are in
 * {@link SponsorshipCommands}.
 */
@Service
public class SponsorshipService implements SponsoredEvents {

	/** Most prominent tier first, then by company id for a stable order. */
	static final Comparator<Sponsorship> BY_TIER = Comparator.comparing(Sponsorship::tier)
		.thenComparing(Sponsorship::companyId);

	/** {@link #BY_TIER} in the database: {@code tierRank} is the tier's ordinal. */
	private static final org.springframework.data.domain.Sort BY_TIER_RANK = org.springframework.data.domain.Sort
		.by("tierRank", "companyId");

	/** A company's sponsorships, newest edition first; {@code _id} (newest first too) breaks ties within an edition. */
	static final Ordering<Sponsorship> NEWEST_FIRST = new Ordering<>("sponsorship-start", "eventStartsAt",
			org.springframework.data.domain.Sort.Direction.DESC, Sponsorship::eventStartsAt);

	private final MongoTemplate mongo;

	private final KeysetPager pager;

	private final AccessPolicy policy;

	SponsorshipService(MongoTemplate mongo, KeysetPager pager, AccessPolicy policy) {
		this.mongo = mongo;
		this.pager = pager;
		this.policy = policy;
	}

	/** The sponsorship with this id, if the viewer may see it (the query itself leaves out what it may not). */
	public java.util.Optional<Sponsorship> byId(ObjectId id, Viewer viewer) {
		return java.util.Optional.ofNullable(this.mongo.findOne(
				Query.query(Criteria.where("_id").is(id).andOperator(this.policy.visibleEventParts(viewer))),
				Sponsorship.class));
	}

	/**
	 * Sponsorships of each edition the viewer may see, most prominent tier first: one query over the
	 * {@code (eventId, tierRank, companyId)} index for the whole batch of editions.
	 */
	public Map<ObjectId, List<Sponsorship>> forEvents(Collection<Event> events, Viewer viewer) {
		Map<ObjectId, List<Sponsorship>> byEvent = new HashMap<>();
		if (events.isEmpty()) {
			return byEvent;
		}
		Query query = Query
			.query(Criteria.where("eventId").in(events.stream().map(Event::id).toList())
				.andOperator(this.policy.visibleEventParts(viewer)))
			.with(BY_TIER_RANK);
		for (Sponsorship sponsorship : this.mongo.find(query, Sponsorship.class)) {
			byEvent.computeIfAbsent(sponsorship.eventId(), (id) -> new ArrayList<>()).add(sponsorship);
		}
		return byEvent;
	}

	/**
	 * A page of the sponsorships by any of these companies (one company, or a subtree), newest edition
	 * first: one query, sorted and limited in the database over the {@code (companyId, eventStartsAt, _id)}
	 * index, so the answer and the read stay bounded however many the group has.
	 */
	public Connection<Sponsorship> pageForCompanies(Collection<ObjectId> companyIds, Page page, Viewer viewer) {
		return this.pager.page(Sponsorship.class,
				Criteria.where("companyId").in(companyIds).andOperator(this.policy.visibleEventParts(viewer)),
				NEWEST_FIRST, page);
	}

	/** The longest run of months one query of {@link #pageForGroup} asks for. */
	private static final int MAX_WINDOW_MONTHS = 120;

	/**
	 * A page of the sponsorships of a whole corporate group (the company at its top and every company
	 * below), newest edition first, read a few months at a time through the {@code groupMonth} buckets:
	 * the newest month first, then windows of 2, 4, 8… older months (at most 120 each) until the page is
	 * full or the oldest sponsorship is passed. Each window is one query on the
	 * {@code (groupMonth, eventStartsAt, _id)} index, sorted and limited to what the page still needs; the
	 * windows are disjoint and each older than the one before, so the rows come out in the ordering's
	 * order. So a page reads about as many sponsorships as it answers, however many the group has — where
	 * {@code companyId $in} the group's members reads all of them on the embedded default, which narrows
	 * by one field only. The bounds are the newest and oldest {@code eventStartsAt} of the collection (or
	 * the cursor's), each one walk of the {@code (eventStartsAt, _id)} index. {@code totalCount} counts
	 * the members' sponsorships, and only then are the members looked up.
	 */
	public Connection<Sponsorship> pageForGroup(ObjectId groupId, java.util.function.Supplier<Collection<ObjectId>> members,
			Page page, Viewer viewer) {
		Criteria visible = this.policy.visibleEventParts(viewer);
		java.util.function.LongSupplier total = () -> this.mongo.count(
				Query.query(Criteria.where("companyId").in(members.get()).andOperator(this.policy.visibleEventParts(viewer))),
				Sponsorship.class);
		if (page.first() == 0) {
			return KeysetPager.connection(List.of(), page, NEWEST_FIRST, total);
		}
		java.time.Instant newest = (page.after() != null)
				? (java.time.Instant) dev.marquee.graphql.Cursor.decode(page.after(), NEWEST_FIRST.name()).key()
				: boundary(org.springframework.data.domain.Sort.Direction.DESC);
		java.time.Instant oldest = boundary(org.springframework.data.domain.Sort.Direction.ASC);
		List<Sponsorship> rows = new ArrayList<>(page.first() + 1);
		if (newest == null || oldest == null) {
			return KeysetPager.connection(rows, page, NEWEST_FIRST, total);
		}
		java.time.YearMonth month = java.time.YearMonth.from(newest.atZone(java.time.ZoneOffset.UTC));
		java.time.YearMonth last = java.time.YearMonth.from(oldest.atZone(java.time.ZoneOffset.UTC));
		Criteria after = (page.after() != null) ? KeysetPager.after(NEWEST_FIRST, page) : null;
		for (int span = 1; rows.size() <= page.first() && !month.isBefore(last); span = Math.min(span * 2,
				MAX_WINDOW_MONTHS)) {
			List<String> buckets = new ArrayList<>(span);
			for (int i = 0; i < span && !month.isBefore(last); i++) {
				buckets.add(Sponsorship.groupMonth(groupId, month));
				month = month.minusMonths(1);
			}
			Criteria window = Criteria.where("groupMonth").in(buckets);
			Query query = Query.query((after != null) ? window.andOperator(visible, after) : window.andOperator(visible))
				.with(NEWEST_FIRST.sort())
				.limit(page.first() + 1 - rows.size());
			rows.addAll(this.mongo.find(query, Sponsorship.class));
		}
		return KeysetPager.connection(rows, page, NEWEST_FIRST, total);
	}

	/** The newest (DESC) or oldest (ASC) edition start of any sponsorship, or null when there is none. */
	private java.time.Instant boundary(org.springframework.data.domain.Sort.Direction direction) {
		Query query = new Query().with(org.springframework.data.domain.Sort.by(direction, "eventStartsAt", "_id"))
			.limit(1);
		query.fields().include("eventStartsAt");
		Document edge = this.mongo.findOne(query, Document.class, Sponsorship.COLLECTION);
		return (edge != null && edge.getDate("eventStartsAt") != null) ? edge.getDate("eventStartsAt").toInstant() : null;
	}

	/** Ids of the editions any of these companies sponsors. */
	@Override
	public Set<ObjectId> eventIdsSponsoredBy(Collection<ObjectId> companyIds, Viewer viewer) {
		Query query = Query.query(
				Criteria.where("companyId").in(companyIds).andOperator(this.policy.visibleEventParts(viewer)));
		return new java.util.HashSet<>(this.mongo.findDistinct(query, "eventId", Sponsorship.class, ObjectId.class));
	}

	/**
	 * Per series, each sponsoring company with the years it sponsored: one {@code $group} aggregation
	 * over the {@code (seriesId, companyId)} index for the whole batch of series.
	 */
	public Map<ObjectId, List<Retention>> retention(Collection<ObjectId> seriesIds, Viewer viewer) {
		Aggregation aggregation = Aggregation.newAggregation(
				Aggregation.match(
						Criteria.where("seriesId").in(seriesIds).andOperator(this.policy.visibleEventParts(viewer))),
				Aggregation.group("seriesId", "companyId").push("eventStartsAt").as("starts").push("year").as("years")
					.push("tier").as("tiers"));
		Map<ObjectId, List<Retention>> bySeries = new HashMap<>();
		for (Document row : this.mongo.aggregate(aggregation, Sponsorship.COLLECTION, Document.class)) {
			Document key = row.get("_id", Document.class);
			List<java.util.Date> starts = row.getList("starts", java.util.Date.class);
			List<Object> years = row.getList("years", Object.class);
			List<String> tiers = row.getList("tiers", String.class);
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < starts.size(); i++) {
				order.add(i);
			}
			order.sort(Comparator.comparing(starts::get));
			bySeries.computeIfAbsent(key.getObjectId("seriesId"), (id) -> new ArrayList<>())
				.add(new Retention(key.getObjectId("companyId"),
						order.stream().map((i) -> ((Number) years.get(i)).intValue()).toList(),
						order.stream().map((i) -> SponsorTier.valueOf(tiers.get(i))).toList()));
		}
		bySeries.values().forEach((list) -> list.sort(Retention.ORDER));
		return bySeries;
	}

	/**
	 * Companies, or whole corporate groups, by editions sponsored (each edition once per group), best
	 * tier as the tie-break; drafts left out. One aggregation: by (sponsor, edition), then by sponsor,
	 * sorted and limited in the database.
	 */
	public List<TopSponsor> topSponsors(Integer year, boolean groupRollUp, int first) {
		if (first == 0) {
			return List.of();
		}
		Criteria match = Criteria.where("draft").is(false);
		if (year != null) {
			match = match.and("year").is(year);
		}
		String sponsor = groupRollUp ? "groupId" : "companyId";
		Aggregation aggregation = Aggregation.newAggregation(Aggregation.match(match),
				Aggregation.group(sponsor, "eventId").min("tierRank").as("rank").first("year").as("year"),
				Aggregation.group(sponsor).count().as("editions").min("rank").as("bestRank").addToSet("year").as("years"),
				Aggregation.sort(org.springframework.data.domain.Sort.by(org.springframework.data.domain.Sort.Order.desc("editions"),
						org.springframework.data.domain.Sort.Order.asc("bestRank"), org.springframework.data.domain.Sort.Order.asc("_id"))),
				Aggregation.limit(first));
		List<TopSponsor> ranking = new ArrayList<>();
		for (Document row : this.mongo.aggregate(aggregation, Sponsorship.COLLECTION, Document.class)) {
			Set<Integer> years = new TreeSet<>();
			row.getList("years", Object.class).forEach((y) -> years.add(((Number) y).intValue()));
			ranking.add(new TopSponsor(row.getObjectId("_id"), ((Number) row.get("editions")).intValue(),
					SponsorTier.values()[((Number) row.get("bestRank")).intValue()], List.copyOf(years)));
		}
		return ranking;
	}

	/** A sponsor in the ranking: a company, or with group roll-up the top of a corporate group. */
	public record TopSponsor(ObjectId companyId, int editions, SponsorTier bestTier, List<Integer> years) {
	}

	/**
	 * A company's sponsorship record in one series.
	 *
	 * @param companyId the sponsor
	 * @param years years of the editions it sponsored, ascending (one per edition)
	 * @param tiers its tier at each of those editions, aligned with {@code years}
	 */
	public record Retention(ObjectId companyId, List<Integer> years, List<SponsorTier> tiers) {

		/** Most loyal first (most editions), then earliest first year, then company id. */
		static final Comparator<Retention> ORDER = Comparator
			.comparing((Retention r) -> -r.years().size())
			.thenComparing((Retention r) -> r.years().get(0))
			.thenComparing(Retention::companyId);

		public boolean returning() {
			return this.years.size() > 1;
		}

	}

}
