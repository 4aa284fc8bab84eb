package dev.marquee.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.marquee.event.Attendance;
import dev.marquee.event.AudienceSegment;
import dev.marquee.attendance.Registration;
import dev.marquee.company.Company;
import dev.marquee.company.CompanyKind;
import dev.marquee.event.Event;
import dev.marquee.event.EventSchedule;
import dev.marquee.event.EventStatus;
import dev.marquee.event.Track;
import dev.marquee.event.Venue;
import dev.marquee.program.Person;
import dev.marquee.program.Session;
import dev.marquee.program.SessionKind;
import dev.marquee.series.EventSeries;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.sponsorship.Sponsorship;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database with a deterministic, clearly synthetic hub for the benchmark kit (see
 * docs/benchmarks.md). Active only under {@code generate} ({@link GenerateCommand}).
 *
 * <p>Documents are the application's own records with the derived fields computed by the same code the
 * services call ({@link Company#of}, {@link EventSeries#of}, {@link Session#of}, {@link Person#of}, the
 * derivations on {@link Event}, {@link EventSchedule}), the copies (draft flags, series, year, group)
 * taken as the services take them, and each edition's {@link Attendance} counters agree with the
 * registrations written for it. Writes go out in batches of {@value #BATCH}.
 *
 * <p>Shape at scale 1 (everything multiplies with the scale): 180 series of 1–10 yearly editions whose
 * registrations grow edition by edition (about 1,000 editions, 200,000 registrations, about a third
 * of each later edition's registrants returning from earlier ones); 250 corporate groups 1–3 levels
 * deep with power-law sizes; 5–30 sponsors per edition who mostly stay on; 20–200 sessions per
 * edition with speakers drawn, skewed, from a shared pool. Series 0001 is the flagship (ten editions,
 * 200 sessions in 2025) and company 0001 tops the largest group: the benchmark queries name them.
 */
@Component
@ConditionalOnProperty(name = GenerateCommand.ENABLED, havingValue = "true")
class HubGenerator implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(HubGenerator.class);

	static final int BATCH = 5000;

	/** "Now" of the synthetic hub: editions before it are over, later ones are upcoming. */
	static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

	private static final int ID_EPOCH = (int) Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();

	private static final String[][] CITIES = { { "Los Angeles", "CA", "US", "America/Los_Angeles" },
			{ "Burbank", "CA", "US", "America/Los_Angeles" }, { "Atlanta", "GA", "US", "America/New_York" },
			{ "New York", "NY", "US", "America/New_York" }, { "Vancouver", "BC", "CA", "America/Vancouver" },
			{ "Toronto", "ON", "CA", "America/Toronto" }, { "London", null, "GB", "Europe/London" },
			{ "Berlin", null, "DE", "Europe/Berlin" }, { "Paris", null, "FR", "Europe/Paris" },
			{ "Amsterdam", null, "NL", "Europe/Amsterdam" }, { "Cannes", null, "FR", "Europe/Paris" },
			{ "Madrid", null, "ES", "Europe/Madrid" }, { "Mumbai", null, "IN", "Asia/Kolkata" },
			{ "Seoul", null, "KR", "Asia/Seoul" }, { "Tokyo", null, "JP", "Asia/Tokyo" },
			{ "Sydney", "NSW", "AU", "Australia/Sydney" }, { "São Paulo", "SP", "BR", "America/Sao_Paulo" },
			{ "Las Vegas", "NV", "US", "America/Los_Angeles" }, { "Austin", "TX", "US", "America/Chicago" },
			{ "Dublin", null, "IE", "Europe/Dublin" } };

	private static final String[] TRACKS = { "Pre-Production", "Virtual Production", "VFX", "Post-Production",
			"Sound", "Distribution", "Generative AI", "Cloud Workflows", "Colour", "Animation", "Live Events",
			"Business Affairs" };

	private static final String[] TOPICS = { "Pipelines", "Workflows", "Rendering", "Archives", "Budgets",
			"Metadata", "Dailies", "Localisation", "Audiences", "Rights", "Storage", "Remote Teams" };

	private static final AudienceSegment[] SEGMENTS = AudienceSegment.values();

	/** Relative weights of the audience segments, in the enum's order. */
	private static final int[] SEGMENT_WEIGHTS = { 6, 14, 8, 10, 18, 16, 12, 4, 8, 4 };

	private final MongoTemplate mongo;

	private Random random;

	private long nextId;

	/** Each generated company's corporate group, for the sponsorships' copy. */
	private final Map<ObjectId, ObjectId> groupOf = new java.util.HashMap<>();

	HubGenerator(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	private static final List<Class<?>> TYPES = List.of(EventSeries.class, Event.class, Company.class,
			Sponsorship.class, Session.class, Person.class, Registration.class);

	@Override
	public void run(ApplicationArguments args) {
		GenerateOptions options = GenerateOptions.parse(List.of(args.getSourceArgs()));
		List<String> nonEmpty = TYPES.stream()
			.filter((type) -> this.mongo.exists(new Query(), type))
			.map(this.mongo::getCollectionName)
			.toList();
		if (!nonEmpty.isEmpty()) {
			if (!options.force()) {
				throw new GenerateOptions.Refused("the database already holds " + nonEmpty
						+ "; refusing to write into a non-empty database (add --force to empty those collections first)");
			}
			for (Class<?> type : TYPES) {
				this.mongo.remove(new Query(), type);
			}
			System.out.println("generate: --force: emptied " + nonEmpty);
		}
		long started = System.nanoTime();
		Map<String, Integer> written = generate(options);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		int total = written.values().stream().mapToInt(Integer::intValue).sum();
		System.out.printf(Locale.ROOT, "generate: scale %d, seed %d: wrote %s = %,d documents in %.1f s (%,.0f docs/s)%n",
				options.scale(), options.seed(), written, total, took.toMillis() / 1000.0,
				total / Math.max(0.001, took.toMillis() / 1000.0));
	}

	Map<String, Integer> generate(GenerateOptions options) {
		this.random = new Random(options.seed());
		this.nextId = 0;
		Batches out = new Batches(this.mongo);
		int scale = options.scale();
		List<Company> companies = companies(250 * scale, out);
		List<Person> speakers = speakers(3000 * scale, companies, out);
		Counter people = new Counter();
		for (int s = 0; s < 180 * scale; s++) {
			series(s, companies, speakers, people, out);
		}
		out.flushAll();
		return out.counts();
	}

	// ---- companies: groups with power-law sizes, 1–3 levels deep

	private List<Company> companies(int groups, Batches out) {
		List<Company> all = new ArrayList<>();
		CompanyKind[] kinds = CompanyKind.values();
		for (int g = 0; g < groups; g++) {
			int size = (g == 0) ? 60 : (int) Math.min(120, Math.floor(1 / Math.pow(1 - this.random.nextDouble(), 1 / 1.3)));
			Company top = company(all.size() + 1, (g == 0) ? CompanyKind.CONGLOMERATE : kinds[this.random.nextInt(kinds.length)], null);
			all.add(top);
			out.add(top);
			int remaining = size - 1;
			int children = (remaining <= 3) ? remaining : (int) Math.ceil(Math.sqrt(remaining));
			List<Company> level2 = new ArrayList<>();
			for (int i = 0; i < children; i++, remaining--) {
				Company child = company(all.size() + 1, kinds[this.random.nextInt(kinds.length)], top);
				level2.add(child);
				all.add(child);
				out.add(child);
			}
			for (int i = 0; remaining > 0; i++, remaining--) {
				Company grandchild = company(all.size() + 1, kinds[this.random.nextInt(kinds.length)],
						level2.get(i % level2.size()));
				all.add(grandchild);
				out.add(grandchild);
			}
		}
		return all;
	}

	/** As {@code CompanyCommands.insert} builds it. */
	private Company company(int number, CompanyKind kind, Company parent) {
		String slug = "synthetic-co-%04d".formatted(number);
		Company company = Company.of(id(), slug, "Synthetic Co %04d".formatted(number), kind,
				"https://" + slug + ".example", parent, null);
		this.groupOf.put(company.id(), company.groupId());
		return company;
	}

	// ---- people: a shared speaker pool, attendees per series

	private List<Person> speakers(int count, List<Company> companies, Batches out) {
		List<Person> speakers = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			Person speaker = person("Synthetic Speaker %05d".formatted(i), "Synthetic headline " + (i % 97),
					companies.get(skewed(companies.size(), 2.0)).id(), null, null, false);
			speakers.add(speaker);
			out.add(speaker);
		}
		return speakers;
	}

	/**
	 * As {@code ProgramCommands.insertPerson} builds it (speakers, held by no series), or the CSV import
	 * (attendees, unlisted and held by the series they registered for).
	 */
	private Person person(String name, String headline, ObjectId companyId, String email, ObjectId seriesId,
			boolean unlisted) {
		return Person.of(id(), name, headline, companyId, email, seriesId, unlisted);
	}

	// ---- a series and its editions

	private void series(int index, List<Company> companies, List<Person> speakers, Counter people, Batches out) {
		int number = index + 1;
		String name = "Synthetic Series %04d".formatted(number);
		String slug = "synthetic-series-%04d".formatted(number);
		Company organizer = companies.get(skewed(companies.size(), 1.5));
		EventSeries series = EventSeries.of(id(), slug, name, "A synthetic series for benchmarks.", organizer.id());
		out.add(series);
		int editions = (index == 0) ? 10 : 1 + this.random.nextInt(10);
		int lastYear = (index == 0) ? 2026 : 2020 + this.random.nextInt(8);
		String[] city = CITIES[this.random.nextInt(CITIES.length)];
		int month = 1 + this.random.nextInt(12);
		int baseRegistrations = 50 + this.random.nextInt(100);
		Map<ObjectId, SponsorTier> sponsors = new LinkedHashMap<>();
		List<Attendee> pool = new ArrayList<>();
		for (int k = 0; k < editions; k++) {
			int year = lastYear - editions + 1 + k;
			edition(series, year, k, editions, city, month, baseRegistrations, index == 0 && year == 2025, organizer,
					companies, speakers, sponsors, pool, people, out);
		}
	}

	private void edition(EventSeries series, int year, int k, int editions, String[] city, int month, int baseRegistrations,
			boolean flagship, Company organizer, List<Company> companies, List<Person> speakers,
			Map<ObjectId, SponsorTier> sponsors, List<Attendee> pool, Counter people, Batches out) {
		ZoneId zone = ZoneId.of(city[3]);
		int days = 1 + this.random.nextInt(3);
		boolean halfDay = days == 1 && this.random.nextInt(5) == 0;
		Instant startsAt = LocalDateTime.of(year, month, 1 + this.random.nextInt(25), 9, 0).atZone(zone).toInstant();
		Instant endsAt = halfDay ? startsAt.plus(Duration.ofHours(4))
				: startsAt.plus(Duration.ofDays(days - 1)).plus(Duration.ofHours(8));
		EventStatus status;
		if (startsAt.isBefore(NOW)) {
			status = (this.random.nextInt(25) == 0) ? EventStatus.CANCELLED : EventStatus.COMPLETED;
		}
		else {
			int roll = this.random.nextInt(4);
			status = (roll == 0) ? EventStatus.DRAFT : (roll == 1) ? EventStatus.ANNOUNCED : EventStatus.PUBLISHED;
		}
		boolean draft = status == EventStatus.DRAFT;
		boolean past = status == EventStatus.COMPLETED;
		ObjectId eventId = id();
		String slug = series.slug() + "-" + year;
		String name = series.name() + " " + year;

		List<Track> tracks = new ArrayList<>();
		int trackCount = 2 + this.random.nextInt(5);
		int firstTrack = this.random.nextInt(TRACKS.length);
		for (int t = 0; t < trackCount; t++) {
			String track = TRACKS[(firstTrack + t) % TRACKS.length];
			tracks.add(new Track(track, "Synthetic track: " + track));
		}

		// sponsors: most of the last edition's stay on (some move a tier), new ones join
		Map<ObjectId, SponsorTier> kept = new LinkedHashMap<>();
		SponsorTier[] tiers = SponsorTier.values();
		sponsors.forEach((company, tier) -> {
			if (this.random.nextDouble() < 0.65) {
				int moved = Math.max(0, Math.min(tiers.length - 1, tier.ordinal() + this.random.nextInt(3) - 1));
				kept.put(company, tiers[moved]);
			}
		});
		int wanted = Math.min(30, 5 + this.random.nextInt(10) + 2 * k);
		while (kept.size() < wanted) {
			kept.putIfAbsent(companies.get(skewed(companies.size(), 1.5)).id(),
					tiers[Math.min(tiers.length - 1, (int) (tiers.length * Math.pow(this.random.nextDouble(), 0.7)))]);
		}
		sponsors.clear();
		sponsors.putAll(kept);
		kept.forEach((company, tier) -> {
			Sponsorship sponsorship = Sponsorship.of(id(), eventId, company, tier, series.id(), year, startsAt, draft,
					this.groupOf.get(company));
			out.add(sponsorship);
		});

		// sessions: as ProgramCommands.insertSession builds them
		int sessionCount = flagship ? 200 : 20 + this.random.nextInt(30 + (150 * (k + 1)) / editions);
		sessionCount = Math.min(200, sessionCount);
		SessionKind[] kinds = SessionKind.values();
		for (int i = 0; i < sessionCount; i++) {
			String title = "Synthetic %s %s %03d".formatted(TOPICS[this.random.nextInt(TOPICS.length)],
					kinds[i % kinds.length].name().charAt(0) + kinds[i % kinds.length].name().substring(1).toLowerCase(Locale.ROOT),
					i + 1);
			String trackName = (this.random.nextInt(10) == 0) ? null : tracks.get(this.random.nextInt(tracks.size())).name();
			Instant sessionStart = (this.random.nextInt(20) == 0) ? null
					: startsAt.plus(Duration.ofDays(i % days)).plus(Duration.ofMinutes(45L * ((i / days) % 10)));
			Instant sessionEnd = (sessionStart != null) ? sessionStart.plus(Duration.ofMinutes(40)) : null;
			Set<ObjectId> speakerIds = new LinkedHashSet<>();
			int speakerCount = 1 + this.random.nextInt(3);
			while (speakerIds.size() < speakerCount) {
				speakerIds.add(speakers.get(skewed(speakers.size(), 2.0)).id());
			}
			Session session = Session.of(id(), eventId, series.id(), title, kinds[i % kinds.length], trackName,
					sessionStart, sessionEnd, List.copyOf(speakerIds), draft);
			out.add(session);
		}

		// registrations: none for drafts; about a third of a later edition's registrants return
		int registered = 0;
		int checkedIn = 0;
		Map<AudienceSegment, Integer> bySegment = new EnumMap<>(AudienceSegment.class);
		if (!draft) {
			int count = (int) (baseRegistrations * (1 + 0.3 * k) * (0.85 + 0.3 * this.random.nextDouble()));
			int returning = pool.isEmpty() ? 0 : Math.min(pool.size(), count / 3);
			List<Attendee> attendees = new ArrayList<>(count);
			Set<Integer> picked = new LinkedHashSet<>();
			while (picked.size() < returning) {
				picked.add(this.random.nextInt(pool.size()));
			}
			picked.forEach((i) -> attendees.add(pool.get(i)));
			for (int i = returning; i < count; i++) {
				int n = people.next();
				Person person = person("Synthetic Person %07d".formatted(n), null,
						(this.random.nextBoolean()) ? companies.get(skewed(companies.size(), 1.5)).id() : null,
						"synthetic.person.%07d@example.invalid".formatted(n), series.id(), true);
				out.add(person);
				Attendee attendee = new Attendee(person.id(), person.companyId(), segment());
				attendees.add(attendee);
				pool.add(attendee);
			}
			for (Attendee attendee : attendees) {
				Instant registeredAt = startsAt.minus(Duration.ofHours(1 + this.random.nextInt(90 * 24)));
				Instant checkedInAt = (past && this.random.nextInt(100) < 80)
						? startsAt.plus(Duration.ofMinutes(this.random.nextInt(180))) : null;
				out.add(new Registration(id(), eventId, series.id(), year, startsAt, attendee.personId(),
						attendee.companyId(), attendee.segment(), registeredAt, checkedInAt));
				registered++;
				checkedIn += (checkedInAt != null) ? 1 : 0;
				bySegment.merge(attendee.segment(), 1, Integer::sum);
			}
		}
		boolean reports = past && this.random.nextInt(4) == 0;
		Attendance attendance = new Attendance(reports ? (int) Math.round(checkedIn * 1.1) : null,
				reports ? "Synthetic press release" : null, registered, checkedIn, bySegment);

		// the edition, as EventCommands.insert derives it
		EventSchedule schedule = EventSchedule.of(startsAt, endsAt, zone);
		Venue venue = new Venue("Synthetic Hall " + (1 + this.random.nextInt(40)), city[0], city[1], city[2]);
		out.add(new Event(eventId, slug, series.id(), name, schedule.year(), status, schedule.format(), startsAt, endsAt,
				zone.getId(), schedule.days(), venue, this.random.nextBoolean() ? organizer.id() : null, List.copyOf(tracks),
				attendance, 1, (status == EventStatus.CANCELLED) ? "Synthetic cancellation" : null,
				Event.nameKey(name), Event.cityKey(venue), Event.trackKeys(tracks), Event.terms(name, slug)));
	}

	private AudienceSegment segment() {
		int total = 0;
		for (int w : SEGMENT_WEIGHTS) {
			total += w;
		}
		int roll = this.random.nextInt(total);
		for (int i = 0; i < SEGMENTS.length; i++) {
			roll -= SEGMENT_WEIGHTS[i];
			if (roll < 0) {
				return SEGMENTS[i];
			}
		}
		return AudienceSegment.OTHER;
	}

	/** An index in [0, size) skewed towards 0: higher {@code power}, heavier head. */
	private int skewed(int size, double power) {
		return Math.min(size - 1, (int) (size * Math.pow(this.random.nextDouble(), power)));
	}

	/** Deterministic ids: a fixed timestamp and a counter, so the same seed writes the same hub. */
	private ObjectId id() {
		ByteBuffer bytes = ByteBuffer.allocate(12);
		bytes.putInt(ID_EPOCH).putLong(++this.nextId);
		return new ObjectId(bytes.array());
	}

	private record Attendee(ObjectId personId, ObjectId companyId, AudienceSegment segment) {
	}

	private static final class Counter {

		private int value;

		int next() {
			return ++this.value;
		}

	}

	/** Per-type buffers flushed with one {@code insert(Collection, Class)} per {@value #BATCH} documents. */
	private static final class Batches {

		private final MongoTemplate mongo;

		private final Map<Class<?>, List<Object>> buffers = new LinkedHashMap<>();

		private final Map<String, Integer> counts = new LinkedHashMap<>();

		Batches(MongoTemplate mongo) {
			this.mongo = mongo;
		}

		void add(Object document) {
			List<Object> buffer = this.buffers.computeIfAbsent(document.getClass(), (type) -> new ArrayList<>(BATCH));
			buffer.add(document);
			if (buffer.size() >= BATCH) {
				flush(document.getClass(), buffer);
			}
		}

		void flushAll() {
			this.buffers.forEach(this::flush);
		}

		private void flush(Class<?> type, List<Object> buffer) {
			if (buffer.isEmpty()) {
				return;
			}
			this.mongo.insert(buffer, type);
			this.counts.merge(this.mongo.getCollectionName(type), buffer.size(), Integer::sum);
			buffer.clear();
		}

		Map<String, Integer> counts() {
			return this.counts;
		}

	}

}
