package dev.marquee.attendance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.marquee.attendance.Attendance.SegmentCount;
import dev.marquee.company.CompanyService;
import dev.marquee.event.Event;
import dev.marquee.event.EventService;
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
 * Applies the privacy threshold for callers who do not organize the series.
 */
@Service
public class AttendanceAnalytics {

	private final MongoTemplate mongo;

	private final EventService events;

	private final CompanyService companies;

	private final AnalyticsProperties properties;

	AttendanceAnalytics(MongoTemplate mongo, EventService events, CompanyService companies,
			AnalyticsProperties properties) {
		this.mongo = mongo;
		this.events = events;
		this.companies = companies;
		this.properties = properties;
	}

	/** Segment counts of an edition as this viewer may see them. */
	public List<SegmentCount> segments(Event event, Viewer viewer) {
		List<SegmentCount> all = event.attendanceOrNone().segments();
		if (viewer.organizes(event.seriesId())) {
			return all;
		}
		return all.stream().filter((s) -> s.count() >= this.properties.minCell()).toList();
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
				boolean exact = viewer.organizes(edition.seriesId());
				points.add(new ReturningPoint(edition.year(), edition, came, shown(came - fresh, exact), shown(fresh, exact)));
			}
			bySeries.put(entry.getKey(), points);
		}
		return bySeries;
	}

	/** A breakdown count as the viewer may see it: exact for organizers, else null below the threshold. */
	private Integer shown(int count, boolean exact) {
		return (exact || count >= this.properties.minCell()) ? count : null;
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
	 * (when asked), one aggregation grouping check-ins by (company, edition), one read of the editions.
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
					rows.add(new CompanyAttendance(edition.year(), edition, shown(n, viewer.organizes(edition.seriesId()))));
				}
			});
			rows.sort(java.util.Comparator.comparing((CompanyAttendance r) -> r.event().startsAt()));
			result.put(key, rows);
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

}
