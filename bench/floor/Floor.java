import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Facet;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The floor of the benchmark: for each read query of bench/queries, plain MongoDB driver reads of the
 * documents that query needs plus JSON writing, over com.sun.net.httpserver; no Spring, no GraphQL.
 * /static answers fixed bytes (the HTTP floor). Usage: Floor <mongodb-uri> <port>
 */
public class Floor {

	static MongoDatabase db;

	static final Bson PUBLIC_EVENT = Filters.ne("status", "DRAFT");

	static final Bson PUBLISHED = Filters.eq("draft", false);

	public static void main(String[] args) throws IOException {
		MongoClient client = MongoClients.create(args[0]);
		db = client.getDatabase(args.length > 2 ? args[2] : "marquee");
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 256);
		server.setExecutor(Executors.newFixedThreadPool(64));
		byte[] fixed = "{\"data\":{\"ok\":true}}".getBytes(StandardCharsets.UTF_8);
		server.createContext("/static", (ex) -> send(ex, fixed));
		server.createContext("/event-page", (ex) -> send(ex, eventPage("synthetic-series-0001-2025")));
		server.createContext("/events-list", (ex) -> send(ex, eventsList(param(ex, "after"))));
		server.createContext("/company-group", (ex) -> send(ex, companyGroup("synthetic-co-0001")));
		server.createContext("/series-analytics", (ex) -> send(ex, seriesAnalytics("synthetic-series-0001")));
		server.createContext("/search", (ex) -> send(ex, search("synthetic series 004", 20)));
		server.start();
		System.out.println("floor listening on " + args[1]);
	}

	static String param(HttpExchange ex, String name) {
		String query = ex.getRequestURI().getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith(name + "=")) {
				return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	static void send(HttpExchange ex, byte[] body) throws IOException {
		ex.getRequestBody().readAllBytes();
		ex.getResponseHeaders().set("Content-Type", "application/json");
		ex.sendResponseHeaders(200, body.length);
		try (OutputStream out = ex.getResponseBody()) {
			out.write(body);
		}
	}

	static void send(HttpExchange ex, Document data) throws IOException {
		try {
			send(ex, new Document("data", data).toJson().getBytes(StandardCharsets.UTF_8));
		}
		catch (RuntimeException e) {
			byte[] body = ("{\"errors\":[\"" + e + "\"]}").getBytes(StandardCharsets.UTF_8);
			ex.sendResponseHeaders(500, body.length);
			try (OutputStream out = ex.getResponseBody()) {
				out.write(body);
			}
		}
	}

	static Map<Object, Document> byId(String collection, Set<ObjectId> ids) {
		Map<Object, Document> map = new LinkedHashMap<>();
		if (!ids.isEmpty()) {
			db.getCollection(collection).find(Filters.in("_id", ids)).forEach((d) -> map.put(d.get("_id"), d));
		}
		return map;
	}

	// event(slug) { tracks, sponsorships { company { group } }, sessions(first: 50) { speakers { company } } }
	static Document eventPage(String slug) {
		Document event = db.getCollection("events").find(Filters.and(Filters.eq("slug", slug), PUBLIC_EVENT)).first();
		if (event == null) {
			return new Document("event", null);
		}
		ObjectId id = event.getObjectId("_id");
		// as the app: the children by eventId through its index, drafts left out by the query, in order
		List<Document> sponsorships = db.getCollection("sponsorships")
			.find(Filters.and(Filters.eq("eventId", id), Filters.eq("draft", false)))
			.sort(Sorts.ascending("tierRank", "companyId"))
			.into(new ArrayList<>());
		List<Document> sessions = db.getCollection("sessions")
			.find(Filters.and(Filters.eq("eventId", id), Filters.eq("draft", false)))
			.sort(Sorts.ascending("sortAt", "_id"))
			.limit(51)
			.into(new ArrayList<>());
		boolean hasNext = sessions.size() > 50;
		if (hasNext) {
			sessions = sessions.subList(0, 50);
		}
		Set<ObjectId> speakerIds = new LinkedHashSet<>();
		sessions.forEach((s) -> speakerIds.addAll(s.getList("speakerIds", ObjectId.class)));
		Map<Object, Document> people = byId("people", speakerIds);
		Set<ObjectId> companyIds = new LinkedHashSet<>();
		sponsorships.forEach((s) -> companyIds.add(s.getObjectId("companyId")));
		people.values().forEach((p) -> {
			if (p.getObjectId("companyId") != null) {
				companyIds.add(p.getObjectId("companyId"));
			}
		});
		Map<Object, Document> companies = byId("companies", companyIds);
		Set<ObjectId> groupIds = new LinkedHashSet<>();
		companies.values().forEach((c) -> {
			if (!companies.containsKey(c.getObjectId("groupId"))) {
				groupIds.add(c.getObjectId("groupId"));
			}
		});
		companies.putAll(byId("companies", groupIds));
		List<Document> sponsorOut = new ArrayList<>();
		sponsorships.sort(Comparator.comparing((Document s) -> s.getString("tier")));
		for (Document s : sponsorships) {
			Document company = companies.get(s.getObjectId("companyId"));
			Document group = companies.get(company.getObjectId("groupId"));
			sponsorOut.add(new Document("tier", s.getString("tier")).append("company", brief(company).append("group", brief(group))));
		}
		List<Document> sessionOut = new ArrayList<>();
		for (Document s : sessions) {
			List<Document> speakers = new ArrayList<>();
			for (ObjectId speakerId : s.getList("speakerIds", ObjectId.class)) {
				Document p = people.get(speakerId);
				speakers.add(new Document("id", p.getObjectId("_id").toHexString()).append("name", p.getString("name"))
					.append("headline", p.getString("headline"))
					.append("company", (p.getObjectId("companyId") != null) ? brief(companies.get(p.getObjectId("companyId"))) : null));
			}
			sessionOut.add(new Document("id", s.getObjectId("_id").toHexString()).append("title", s.getString("title"))
				.append("kind", s.getString("kind")).append("startsAt", iso(s.getDate("startsAt")))
				.append("endsAt", iso(s.getDate("endsAt"))).append("speakers", speakers));
		}
		Document attendance = event.get("attendance", Document.class);
		return new Document("event", new Document("id", id.toHexString()).append("slug", event.getString("slug"))
			.append("name", event.getString("name")).append("year", event.getInteger("year"))
			.append("status", event.getString("status")).append("format", event.getString("format"))
			.append("startsAt", iso(event.getDate("startsAt"))).append("endsAt", iso(event.getDate("endsAt")))
			.append("timeZone", event.getString("timeZone")).append("days", event.getInteger("days"))
			.append("venue", event.get("venue")).append("tracks", event.get("tracks"))
			.append("attendance", attendance)
			.append("sponsorships", sponsorOut)
			.append("sessions", new Document("pageInfo", new Document("hasNextPage", hasNext)).append("nodes", sessionOut)));
	}

	// events(filter: {status: [COMPLETED]}, orderBy: START_ASC, first: 10, after) { series }
	static Document eventsList(String after) {
		List<Bson> parts = new ArrayList<>(List.of(PUBLIC_EVENT, Filters.in("status", List.of("COMPLETED"))));
		if (after != null) {
			String[] cursor = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split("\\|", 3);
			Date key = new Date(Long.parseLong(cursor[2].substring(2)));
			ObjectId id = new ObjectId(cursor[1]);
			parts.add(Filters.or(Filters.gt("startsAt", key), Filters.and(Filters.eq("startsAt", key), Filters.gt("_id", id))));
		}
		List<Document> rows = db.getCollection("events").find(Filters.and(parts))
			.sort(Sorts.ascending("startsAt", "_id")).limit(11).into(new ArrayList<>());
		boolean hasNext = rows.size() > 10;
		if (hasNext) {
			rows = rows.subList(0, 10);
		}
		Set<ObjectId> seriesIds = new LinkedHashSet<>();
		rows.forEach((e) -> seriesIds.add(e.getObjectId("seriesId")));
		Map<Object, Document> series = byId("series", seriesIds);
		List<Document> nodes = new ArrayList<>();
		for (Document e : rows) {
			Document a = e.get("attendance", Document.class);
			nodes.add(new Document("id", e.getObjectId("_id").toHexString()).append("slug", e.getString("slug"))
				.append("name", e.getString("name")).append("startsAt", iso(e.getDate("startsAt")))
				.append("venue", e.get("venue")).append("series", brief(series.get(e.getObjectId("seriesId"))))
				.append("attendance", new Document("registered", a.get("registered")).append("checkedIn", a.get("checkedIn"))));
		}
		Document last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
		String endCursor = (last == null) ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(
				("start|" + last.getObjectId("_id").toHexString() + "|d:" + last.getDate("startsAt").getTime()).getBytes(StandardCharsets.UTF_8));
		return new Document("events", new Document("pageInfo", new Document("hasNextPage", hasNext).append("endCursor", endCursor))
			.append("nodes", nodes));
	}

	// company(slug) { group, subsidiaries, sponsorships(includeSubsidiaries: true) { event } }
	static Document companyGroup(String slug) {
		Document company = db.getCollection("companies").find(Filters.eq("slug", slug)).first();
		if (company == null) {
			return new Document("company", null);
		}
		ObjectId id = company.getObjectId("_id");
		Document group = id.equals(company.getObjectId("groupId")) ? company
				: db.getCollection("companies").find(Filters.eq("_id", company.getObjectId("groupId"))).first();
		List<Document> subsidiaries = db.getCollection("companies").find(Filters.eq("parentId", id))
			.sort(Sorts.ascending("nameKey", "_id")).into(new ArrayList<>());
		List<Object> subtree = new ArrayList<>(List.of(id));
		db.getCollection("companies").find(Filters.in("ancestorIds", id)).projection(Projections.include("_id"))
			.forEach((d) -> subtree.add(d.get("_id")));
		List<Document> sponsorships = db.getCollection("sponsorships")
			.find(Filters.and(Filters.in("companyId", subtree), PUBLISHED)).into(new ArrayList<>());
		sponsorships.sort(Comparator.comparing((Document s) -> s.getDate("eventStartsAt")).reversed());
		Set<ObjectId> eventIds = new LinkedHashSet<>();
		sponsorships.forEach((s) -> eventIds.add(s.getObjectId("eventId")));
		Map<Object, Document> events = new LinkedHashMap<>();
		if (!eventIds.isEmpty()) {
			db.getCollection("events").find(Filters.and(Filters.in("_id", eventIds), PUBLIC_EVENT))
				.forEach((e) -> events.put(e.get("_id"), e));
		}
		List<Document> sponsorOut = new ArrayList<>();
		for (Document s : sponsorships) {
			Document e = events.get(s.getObjectId("eventId"));
			sponsorOut.add(new Document("tier", s.getString("tier")).append("event", (e == null) ? null
					: new Document("id", e.getObjectId("_id").toHexString()).append("slug", e.getString("slug"))
						.append("name", e.getString("name")).append("year", e.getInteger("year"))
						.append("startsAt", iso(e.getDate("startsAt")))));
		}
		List<Document> subsidiaryOut = new ArrayList<>();
		subsidiaries.forEach((c) -> subsidiaryOut.add(brief(c).append("kind", c.getString("kind"))));
		return new Document("company", brief(company).append("kind", company.getString("kind")).append("group", brief(group))
			.append("subsidiaries", subsidiaryOut).append("sponsorships", sponsorOut));
	}

	// series(slug) { attendanceTrend { points { event } }, sponsorRetention { company } }
	static Document seriesAnalytics(String slug) {
		Document series = db.getCollection("series").find(Filters.eq("slug", slug)).first();
		if (series == null) {
			return new Document("series", null);
		}
		ObjectId id = series.getObjectId("_id");
		List<Document> editions = db.getCollection("events").find(Filters.and(Filters.eq("seriesId", id), PUBLIC_EVENT))
			.sort(Sorts.ascending("startsAt", "_id")).into(new ArrayList<>());
		List<Document> points = new ArrayList<>();
		for (Document e : editions) {
			Document a = e.get("attendance", Document.class);
			Integer reported = a.getInteger("reported");
			int checkedIn = a.getInteger("checkedIn", 0);
			if (!"CANCELLED".equals(e.getString("status")) && (reported != null || checkedIn > 0)) {
				points.add(new Document("year", e.getInteger("year")).append("attendees", (reported != null) ? reported : checkedIn)
					.append("event", new Document("slug", e.getString("slug"))));
			}
		}
		Double growth = null;
		Double cagr = null;
		if (points.size() >= 2 && points.get(0).getInteger("attendees") > 0) {
			growth = (double) points.get(points.size() - 1).getInteger("attendees") / points.get(0).getInteger("attendees");
			int years = points.get(points.size() - 1).getInteger("year") - points.get(0).getInteger("year");
			cagr = (years > 0) ? Math.pow(growth, 1.0 / years) - 1 : null;
		}
		List<Document> retention = db.getCollection("sponsorships").aggregate(List.of(
				Aggregates.match(Filters.and(Filters.in("seriesId", List.of(id)), PUBLISHED)),
				Aggregates.group(new Document("seriesId", "$seriesId").append("companyId", "$companyId"),
						com.mongodb.client.model.Accumulators.addToSet("years", "$year"))))
			.into(new ArrayList<>());
		Set<ObjectId> companyIds = new LinkedHashSet<>();
		retention.forEach((r) -> companyIds.add(r.get("_id", Document.class).getObjectId("companyId")));
		Map<Object, Document> companies = byId("companies", companyIds);
		List<Document> retentionOut = new ArrayList<>();
		for (Document r : retention) {
			List<Integer> years = new ArrayList<>(new java.util.TreeSet<>(r.getList("years", Integer.class)));
			retentionOut.add(new Document("years", years).append("returning", years.size() > 1)
				.append("company", brief(companies.get(r.get("_id", Document.class).getObjectId("companyId")))));
		}
		retentionOut.sort(Comparator.comparing((Document r) -> -r.getList("years", Integer.class).size()));
		return new Document("series", brief(series)
			.append("attendanceTrend", new Document("growthFactor", growth).append("cagr", cagr).append("points", points))
			.append("sponsorRetention", retentionOut));
	}

	// search(text, first): the portable engine's five $match + $facet aggregations, merged and cut
	static Document search(String query, int first) {
		String prefix = "^" + java.util.regex.Pattern.quote(query).replace("\\Q", "").replace("\\E", "");
		String[][] sources = { { "series", "nameKey", "slug" }, { "events", "nameKey", "slug" },
				{ "companies", "nameKey", "slug" }, { "people", "nameKey", null }, { "sessions", "titleKey", null } };
		List<Document> hits = new ArrayList<>();
		for (String[] source : sources) {
			Bson match = Filters.regex("terms", prefix);
			if (source[0].equals("events")) {
				match = Filters.and(match, PUBLIC_EVENT);
			}
			else if (source[0].equals("sessions")) {
				match = Filters.and(match, PUBLISHED);
			}
			Bson exact = (source[2] != null)
					? Filters.or(Filters.eq(source[1], query), Filters.eq("slug", query.replace(' ', '-')))
					: Filters.eq(source[1], query);
			Document facets = db.getCollection(source[0]).aggregate(List.of(Aggregates.match(match),
					Aggregates.facet(new Facet("exact", Aggregates.match(exact), Aggregates.limit(first)),
							new Facet("prefix", Aggregates.match(Filters.regex(source[1], prefix)), Aggregates.limit(first)),
							new Facet("word", Aggregates.limit(3 * first)))))
				.first();
			if (facets == null) {
				continue;
			}
			Set<Object> seen = new java.util.HashSet<>();
			String[] tiers = { "exact", "prefix", "word" };
			for (int rank = 0; rank < 3; rank++) {
				for (Document d : facets.getList(tiers[rank], Document.class)) {
					if (seen.add(d.get("_id"))) {
						String key = d.getString(source[1]);
						hits.add(new Document("rank", rank).append("key", (key != null) ? key : "").append("type", source[0])
							.append("doc", new Document("id", d.getObjectId("_id").toHexString())
								.append("name", d.containsKey("name") ? d.getString("name") : d.getString("title"))
								.append("slug", d.getString("slug"))));
					}
				}
			}
		}
		hits.sort(Comparator.comparingInt((Document h) -> h.getInteger("rank"))
			.thenComparingInt((Document h) -> h.getString("key").length())
			.thenComparing((Document h) -> h.getString("key")));
		List<Document> out = new ArrayList<>();
		for (Document h : hits.subList(0, Math.min(first, hits.size()))) {
			out.add(h.get("doc", Document.class).append("__typename", h.getString("type")));
		}
		return new Document("search", out);
	}

	static Document brief(Document d) {
		if (d == null) {
			return null;
		}
		Document out = new Document("id", d.getObjectId("_id").toHexString()).append("name", d.getString("name"));
		if (d.containsKey("slug")) {
			out.append("slug", d.getString("slug"));
		}
		return out;
	}

	static String iso(Date date) {
		return (date != null) ? Instant.ofEpochMilli(date.getTime()).toString() : null;
	}

}
