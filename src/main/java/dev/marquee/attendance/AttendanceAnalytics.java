package dev.marquee.attendance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.marquee.event.Attendance;
import dev.marquee.event.Attendance.SegmentCount;
import dev.marquee.company.Company;
import dev.marquee.company.CompanyService;
import dev.marquee.event.Event;
import dev.marquee.event.EventService;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/**
 * Attendance across editions and companies, computed in MongoDB by aggregations over the
 * registrations (only small results cross the wire) or read off the editions' maintained counters.
 * For callers who do not organize the series, every breakdown goes through {@link Suppression}: counts
 * below the privacy threshold are hidden, and so are enough others of the same sum that no hidden count
 * can be worked out from the published ones and their totals.
 */
@Service
public class AttendanceAnalytics {

	private final MongoTemplate mongo;

	private final EventService events;

	private final CompanyService companies;

	private final Suppression suppression;

	private final AccessPolicy policy;

	AttendanceAnalytics(MongoTemplate mongo, EventService events, CompanyService companies,
			AnalyticsProperties properties, AccessPolicy policy) {
		this.mongo = mongo;
		this.policy = policy;
		this.events = events;
		this.companies = companies;
		this.suppression = new Suppression(properties.minCell());
	}

	/**
	 * {@code Event.attendance}: the edition's counters, with the segments this viewer may see. The same
	 * value for the query and for the {@code attendanceChanged} subscription.
	 */
	public AttendanceSummary summary(Event event, Viewer viewer) {
		Attendance counters = event.attendanceOrNone();
		return new AttendanceSummary(counters.reported(), counters.reportedSource(), counters.registered(),
				counters.checkedIn(), segments(event, viewer));
	}

	/**
	 * Segment counts of an edition as this viewer may see them: all for organizers; else those left
	 * after suppression of the sum {@code registered} = Σ segments.
	 */
	public List<SegmentCount> segments(Event event, Viewer viewer) {
		List<SegmentCount> all = event.attendanceOrNone().segments();
		if (this.policy.maySeeExactCounts(viewer, event.seriesId())) {
			return all;
		}
		boolean[] hidden = this.suppression.hide(all.stream().mapToInt(SegmentCount::count).toArray());
		List<SegmentCount> shown = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			if (!hidden[i]) {
				shown.add(all.get(i));
			}
		}
		return shown;
	}

	/**
	 * Per series, per edition with check-ins: attendees, returning and newcomers. One aggregation for
	 * the whole batch: check-ins grouped by (series, person) to each person's first start in the series,
	 * whose check-ins at that start are newcomers of their edition (editions starting at the same time
	 * are none earlier than the other); and check-ins grouped by edition.
	 */
	Map<ObjectId, List<ReturningPoint>> returning(Collection<ObjectId> seriesIds, Viewer viewer) {
		Map<ObjectId, List<Event>> editions = this.events.editionsOf(seriesIds, viewer);
		AggregationOperation unwindVisits = (context) -> new Document("$unwind", "$visits");
		AggregationOperation markFirsts = (context) -> new Document("$project", new Document("eventId", "$visits.e")
			.append("isFirst", new Document("$eq", List.of("$visits.s", "$first"))));
		Aggregation aggregation = Aggregation.newAggregation(
				Aggregation.match(Criteria.where("seriesId").in(seriesIds).and("checkedInAt").ne(null)),
				Aggregation.facet(
						Aggregation.group("seriesId", "personId")
							.min("eventStartsAt")
							.as("first")
							.push(new Document("e", "$eventId").append("s", "$eventStartsAt"))
							.as("visits"),
						unwindVisits, markFirsts, Aggregation.match(Criteria.where("isFirst").is(true)),
						Aggregation.group("eventId").count().as("newcomers"))
					.as("firsts")
					.and(Aggregation.group("eventId").count().as("attendees"))
					.as("perEdition"));
		Document result = this.mongo.aggregate(aggregation, Registration.COLLECTION, Document.class)
			.getUniqueMappedResult();
		Map<ObjectId, Integer> attendees = new HashMap<>();
		Map<ObjectId, Integer> newcomers = new HashMap<>();
		if (result != null) {
			for (Document row : result.getList("perEdition", Document.class)) {
				attendees.put(row.getObjectId("_id"), ((Number) row.get("attendees")).intValue());
			}
			for (Document row : result.getList("firsts", Document.class)) {
				newcomers.put(row.getObjectId("_id"), ((Number) row.get("newcomers")).intValue());
			}
		}
		Map<ObjectId, List<ReturningPoint>> bySeries = new HashMap<>();
		for (Map.Entry<ObjectId, List<Event>> entry : editions.entrySet()) {
			List<ReturningPoint> points = new ArrayList<>();
			for (Event edition : entry.getValue()) {
				int came = attendees.getOrDefault(edition.id(), 0);
				if (came == 0) {
					continue;
				}
				int fresh = newcomers.getOrDefault(edition.id(), 0);
				// attendees = returning + newcomers: one sum, suppressed as a whole
				boolean[] hidden = this.policy.maySeeExactCounts(viewer, edition.seriesId()) ? new boolean[2]
						: this.suppression.hide(new int[] { came - fresh, fresh });
				points.add(new ReturningPoint(edition.year(), edition, came, Suppression.shown(came - fresh, hidden[0]),
						Suppression.shown(fresh, hidden[1])));
			}
			bySeries.put(entry.getKey(), points);
		}
		return bySeries;
	}

	/** Per series, per edition: registrations and their segments, read off the editions' counters. */
	Map<ObjectId, List<EditionAudience>> audienceMix(Collection<ObjectId> seriesIds, Viewer viewer) {
		Map<ObjectId, List<EditionAudience>> bySeries = new HashMap<>();
		this.events.editionsOf(seriesIds, viewer).forEach((seriesId, editions) -> bySeries.put(seriesId,
				editions.stream()
					.map((e) -> new EditionAudience(e.year(), e, e.attendanceOrNone().registered(), segments(e, viewer)))
					.toList()));
		return bySeries;
	}

	/**
	 * Checked-in people per edition for each company, or its whole subtree: one query for the subtrees
	 * (when asked), one aggregation grouping check-ins by (company, edition), one read of the editions;
	 * for editions whose series the viewer does not organize, the suppression of their company tree
	 * ({@link #hiddenCompanyCounts}).
	 */
	Map<CompanyAttendanceKey, List<CompanyAttendance>> companyAttendance(Set<CompanyAttendanceKey> keys,
			Viewer viewer) {
		Set<ObjectId> roots = new LinkedHashSet<>();
		keys.stream().filter(CompanyAttendanceKey::includeSubsidiaries).forEach((k) -> roots.add(k.companyId()));
		Map<ObjectId, List<ObjectId>> subtrees = roots.isEmpty() ? Map.of() : this.companies.subtrees(roots);
		Set<ObjectId> companyIds = new HashSet<>();
		keys.forEach((k) -> companyIds.addAll(members(k, subtrees)));
		Aggregation aggregation = Aggregation.newAggregation(
				Aggregation.match(Criteria.where("companyId").in(companyIds).and("checkedInAt").ne(null)),
				Aggregation.group("companyId", "eventId").count().as("n"));
		Map<ObjectId, Map<ObjectId, Integer>> byCompany = new HashMap<>();
		Set<ObjectId> eventIds = new HashSet<>();
		for (Document row : this.mongo.aggregate(aggregation, Registration.COLLECTION, Document.class)) {
			Document key = row.get("_id", Document.class);
			eventIds.add(key.getObjectId("eventId"));
			byCompany.computeIfAbsent(key.getObjectId("companyId"), (id) -> new HashMap<>())
				.put(key.getObjectId("eventId"), ((Number) row.get("n")).intValue());
		}
		Map<ObjectId, Event> editions = this.events.byIds(eventIds, viewer);
		Map<ObjectId, HiddenCompanyCounts> hidden = hiddenCompanyCounts(editions.values()
			.stream()
			.filter((e) -> !this.policy.maySeeExactCounts(viewer, e.seriesId()))
			.map(Event::id)
			.toList());
		Map<CompanyAttendanceKey, List<CompanyAttendance>> result = new HashMap<>();
		for (CompanyAttendanceKey key : keys) {
			Map<ObjectId, Integer> perEdition = new HashMap<>();
			for (ObjectId member : members(key, subtrees)) {
				byCompany.getOrDefault(member, Map.of()).forEach((event, n) -> perEdition.merge(event, n, Integer::sum));
			}
			List<CompanyAttendance> rows = new ArrayList<>();
			perEdition.forEach((eventId, n) -> {
				Event edition = editions.get(eventId);
				if (edition != null) {
					HiddenCompanyCounts suppressed = hidden.get(eventId);
					boolean hide = suppressed != null && suppressed.hides(key);
					rows.add(new CompanyAttendance(edition.year(), edition, Suppression.shown(n, hide)));
				}
			});
			rows.sort(java.util.Comparator.comparing((CompanyAttendance r) -> r.event().startsAt()));
			result.put(key, rows);
		}
		return result;
	}

	/**
	 * Per edition, which company counts are hidden. An edition's check-ins form a tree of sums: the
	 * edition's check-ins = Σ over the groups' subtree counts + people without a company (never
	 * published); each company's subtree count = its own count + Σ over its subsidiaries' subtree counts.
	 * They are suppressed from the top down, a hidden subtree count passed on as a hidden total. Reads:
	 * one aggregation of the editions' check-ins by company ({eventId, personId} index), one read of
	 * those companies for their ancestor chains.
	 */
	private Map<ObjectId, HiddenCompanyCounts> hiddenCompanyCounts(List<ObjectId> eventIds) {
		if (eventIds.isEmpty()) {
			return Map.of();
		}
		Aggregation aggregation = Aggregation.newAggregation(
				Aggregation.match(Criteria.where("eventId").in(eventIds).and("checkedInAt").ne(null)),
				Aggregation.group("eventId", "companyId").count().as("n"));
		Map<ObjectId, Map<ObjectId, Integer>> ownByEdition = new HashMap<>();
		Map<ObjectId, Integer> withoutCompany = new HashMap<>();
		Set<ObjectId> companyIds = new HashSet<>();
		for (Document row : this.mongo.aggregate(aggregation, Registration.COLLECTION, Document.class)) {
			Document key = row.get("_id", Document.class);
			ObjectId eventId = key.getObjectId("eventId");
			ObjectId companyId = key.getObjectId("companyId");
			int n = ((Number) row.get("n")).intValue();
			if (companyId == null) {
				withoutCompany.merge(eventId, n, Integer::sum);
			}
			else {
				companyIds.add(companyId);
				ownByEdition.computeIfAbsent(eventId, (id) -> new HashMap<>()).put(companyId, n);
			}
		}
		Map<ObjectId, Company> companies = this.companies.byIds(companyIds);
		Map<ObjectId, HiddenCompanyCounts> result = new HashMap<>();
		for (ObjectId eventId : eventIds) {
			Map<ObjectId, Integer> own = ownByEdition.getOrDefault(eventId, Map.of());
			int none = withoutCompany.getOrDefault(eventId, 0);
			result.put(eventId, CompanyTree.of(own, companies).suppress(this.suppression, none));
		}
		return result;
	}

	private static Collection<ObjectId> members(CompanyAttendanceKey key, Map<ObjectId, List<ObjectId>> subtrees) {
		return key.includeSubsidiaries() ? subtrees.getOrDefault(key.companyId(), List.of(key.companyId()))
				: List.of(key.companyId());
	}

	public record ReturningPoint(int year, Event event, int attendees, Integer returning, Integer newcomers) {
	}

	public record EditionAudience(int year, Event event, int total, List<SegmentCount> segments) {
	}

	public record CompanyAttendance(int year, Event event, Integer attendees) {
	}

	/** DataLoader key of {@code Company.attendance(includeSubsidiaries)}. */
	record CompanyAttendanceKey(ObjectId companyId, boolean includeSubsidiaries) {
	}

	/** The company counts of one edition hidden from the viewer: own counts and subtree counts. */
	record HiddenCompanyCounts(Set<ObjectId> own, Set<ObjectId> subtree) {

		boolean hides(CompanyAttendanceKey key) {
			return (key.includeSubsidiaries() ? this.subtree : this.own).contains(key.companyId());
		}

	}

	/**
	 * The companies with check-ins at one edition and every company above them, with their own and
	 * subtree counts. A company missing from the companies read counts as the top of its own group.
	 */
	private record CompanyTree(Map<ObjectId, Integer> own, Map<ObjectId, Integer> subtree,
			Map<ObjectId, List<ObjectId>> children, List<ObjectId> tops) {

		static CompanyTree of(Map<ObjectId, Integer> own, Map<ObjectId, Company> companies) {
			Map<ObjectId, Integer> subtree = new HashMap<>();
			Map<ObjectId, ObjectId> parents = new HashMap<>();
			own.forEach((id, n) -> {
				Company company = companies.get(id);
				List<ObjectId> ancestors = (company != null && company.ancestorIds() != null) ? company.ancestorIds()
						: List.of();
				subtree.merge(id, n, Integer::sum);
				ObjectId below = id;
				for (ObjectId ancestor : ancestors) {
					subtree.merge(ancestor, n, Integer::sum);
					parents.put(below, ancestor);
					below = ancestor;
				}
			});
			Map<ObjectId, List<ObjectId>> children = new HashMap<>();
			List<ObjectId> tops = new ArrayList<>();
			for (ObjectId id : subtree.keySet()) {
				ObjectId parent = parents.get(id);
				if (parent == null) {
					tops.add(id);
				}
				else {
					children.computeIfAbsent(parent, (p) -> new ArrayList<>()).add(id);
				}
			}
			tops.sort(null);
			children.values().forEach((list) -> list.sort(null));
			return new CompanyTree(own, subtree, children, tops);
		}

		HiddenCompanyCounts suppress(Suppression suppression, int withoutCompany) {
			Set<ObjectId> hiddenOwn = new HashSet<>();
			Set<ObjectId> hiddenSubtree = new HashSet<>();
			// the edition: Σ tops' subtrees + people without a company (never published)
			int[] parts = new int[this.tops.size() + 1];
			boolean[] unpublished = new boolean[parts.length];
			for (int i = 0; i < this.tops.size(); i++) {
				parts[i] = this.subtree.get(this.tops.get(i));
			}
			parts[this.tops.size()] = withoutCompany;
			unpublished[this.tops.size()] = true;
			boolean[] hidden = suppression.hide(parts, false, unpublished);
			for (int i = 0; i < this.tops.size(); i++) {
				if (hidden[i]) {
					hiddenSubtree.add(this.tops.get(i));
				}
			}
			// each company: its subtree = its own + Σ its subsidiaries' subtrees, from the top down
			Deque<ObjectId> todo = new ArrayDeque<>(this.tops);
			while (!todo.isEmpty()) {
				ObjectId id = todo.pop();
				List<ObjectId> below = this.children.getOrDefault(id, List.of());
				int[] sum = new int[below.size() + 1];
				sum[0] = this.own.getOrDefault(id, 0);
				for (int i = 0; i < below.size(); i++) {
					sum[i + 1] = this.subtree.get(below.get(i));
				}
				boolean[] hide = suppression.hide(sum, hiddenSubtree.contains(id), new boolean[sum.length]);
				if (hide[0]) {
					hiddenOwn.add(id);
				}
				for (int i = 0; i < below.size(); i++) {
					if (hide[i + 1]) {
						hiddenSubtree.add(below.get(i));
					}
				}
				todo.addAll(below);
			}
			return new HiddenCompanyCounts(hiddenOwn, hiddenSubtree);
		}

	}

}
