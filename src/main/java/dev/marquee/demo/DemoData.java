package dev.marquee.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.marquee.company.Company;
import dev.marquee.company.CompanyKind;
import dev.marquee.company.CompanyCommands;
import dev.marquee.company.CompanyService;
import dev.marquee.event.Event;
import dev.marquee.event.EventCommands;
import dev.marquee.event.EventStatus;
import dev.marquee.event.Track;
import dev.marquee.event.Venue;
import dev.marquee.series.EventSeries;
import dev.marquee.series.SeriesCommands;
import dev.marquee.series.SeriesService;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.sponsorship.SponsorshipCommands;
import dev.marquee.storage.PendingWrites;
import dev.marquee.storage.StorageProperties;
import org.bson.types.ObjectId;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Loads {@code demo/ai-on-the-lot.json} into an empty database: on the embedded default always, on a
 * real MongoDB only with {@code marquee.demo-data=always}. Written through the features' services, so
 * the demo documents are shaped exactly as the application writes them. The load skips what exists and
 * runs under a pending-write intent, so a start that dies half-way finishes it at the next start.
 */
@Component
@org.springframework.core.annotation.Order(1)
class DemoData implements ApplicationRunner, PendingWrites.Repair {

	static final String KIND = "demo-data";

	/** The intent's target: the demo data set as a whole. */
	private static final ObjectId DATA_SET = new ObjectId("000000000000000000000001");

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	static final String RESOURCE = "demo/ai-on-the-lot.json";

	private final StorageProperties properties;

	private final boolean embedded;

	private final MongoTemplate mongo;

	private final CompanyService companies;

	private final CompanyCommands companyCommands;

	private final SeriesService series;

	private final SeriesCommands seriesCommands;

	private final EventCommands events;

	private final SponsorshipCommands sponsorships;

	private final PendingWrites pending;

	DemoData(StorageProperties properties, ObjectProvider<de.bwaldvogel.mongo.MongoServer> embeddedServer,
			MongoTemplate mongo, CompanyService companies, CompanyCommands companyCommands, SeriesService series,
			SeriesCommands seriesCommands, EventCommands events, SponsorshipCommands sponsorships, PendingWrites pending) {
		this.pending = pending;
		this.properties = properties;
		this.embedded = embeddedServer.getIfAvailable() != null;
		this.mongo = mongo;
		this.companies = companies;
		this.companyCommands = companyCommands;
		this.series = series;
		this.seriesCommands = seriesCommands;
		this.events = events;
		this.sponsorships = sponsorships;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean wanted = switch (this.properties.demoData()) {
			case ALWAYS -> true;
			case EMBEDDED -> this.embedded;
			case NEVER -> false;
		};
		if (!wanted || !isEmpty()) {
			return;
		}
		this.pending.run(KIND, DATA_SET, () -> {
			load();
			return null;
		});
		log.info("Loaded the demo data set ({}) into the empty database", RESOURCE);
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public void repair(ObjectId target) {
		load();
	}

	private boolean isEmpty() {
		return List.of(EventSeries.class, Event.class, Company.class)
			.stream()
			.noneMatch((type) -> this.mongo.exists(new Query(), type));
	}

	/** Writes every demo document that is not there yet (by slug), so it can run again after a failure. */
	void load() {
		Document data;
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			data = Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, Company> companyBySlug = new HashMap<>();
		for (Document c : data.getList("companies", Document.class)) {
			Company parent = (c.getString("parentSlug") != null) ? companyBySlug.get(c.getString("parentSlug")) : null;
			Company company = this.companies.bySlug(c.getString("slug"))
				.orElseGet(() -> this.companyCommands.insert(c.getString("slug"), c.getString("name"),
						CompanyKind.valueOf(c.getString("kind")), c.getString("website"), parent, null));
			companyBySlug.put(company.slug(), company);
		}
		Map<String, EventSeries> seriesBySlug = new HashMap<>();
		for (Document s : data.getList("series", Document.class)) {
			EventSeries created = this.series.bySlug(s.getString("slug"))
				.orElseGet(() -> this.seriesCommands.insert(s.getString("slug"), s.getString("name"),
						s.getString("description"), null));
			seriesBySlug.put(created.slug(), created);
		}
		for (Document e : data.getList("events", Document.class)) {
			Document v = e.get("venue", Document.class);
			Venue venue = (v != null) ? new Venue(v.getString("name"), v.getString("city"), v.getString("region"),
					v.getString("country")) : null;
			List<Track> tracks = e.getList("tracks", Document.class, List.of())
				.stream()
				.map((t) -> new Track(t.getString("name"), t.getString("description")))
				.toList();
			Company host = (e.getString("hostSlug") != null) ? companyBySlug.get(e.getString("hostSlug")) : null;
			EventStatus status = EventStatus.valueOf(e.getString("status"));
			Event existing = this.mongo.findOne(Query.query(Criteria.where("slug").is(e.getString("slug"))), Event.class);
			Event event = (existing != null) ? existing : this.events.insert(seriesBySlug.get(e.getString("seriesSlug")).id(), e.getString("slug"),
					e.getString("name"), status, OffsetDateTime.parse(e.getString("startsAt")).toInstant(),
					OffsetDateTime.parse(e.getString("endsAt")).toInstant(), e.getString("timeZone"), venue,
					(host != null) ? host.id() : null, tracks, e.getInteger("reported"),
					e.getString("reportedSource"));
			for (Document s : e.getList("sponsorships", Document.class, List.of())) {
				try {
					this.sponsorships.insert(event, companyBySlug.get(s.getString("companySlug")),
							SponsorTier.valueOf(s.getString("tier")));
				}
				catch (DuplicateKeyException ex) {
					// written by the earlier, interrupted load
				}
			}
		}
	}

}
