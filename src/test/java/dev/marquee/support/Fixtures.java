package dev.marquee.support;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.marquee.account.Account;
import dev.marquee.account.AccountCommands;
import dev.marquee.security.Role;
import dev.marquee.event.AudienceSegment;
import dev.marquee.attendance.Registration;
import dev.marquee.attendance.RegistrationCommands;
import dev.marquee.company.Company;
import dev.marquee.company.CompanyKind;
import dev.marquee.company.CompanyCommands;
import dev.marquee.event.Event;
import dev.marquee.event.EventCommands;
import dev.marquee.event.EventStatus;
import dev.marquee.event.Track;
import dev.marquee.event.Venue;
import dev.marquee.program.Person;
import dev.marquee.program.ProgramCommands;
import dev.marquee.program.Session;
import dev.marquee.account.TokenService;
import dev.marquee.program.SessionKind;
import dev.marquee.series.EventSeries;
import dev.marquee.series.SeriesCommands;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.sponsorship.Sponsorship;
import dev.marquee.sponsorship.SponsorshipCommands;
import org.bson.types.ObjectId;

import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The one way tests create data: through the application's own services, so every document has
 * exactly the shape production writes. Defaults keep tests short; say only what the test is about.
 */
public final class Fixtures {

	private final CompanyCommands companies;

	private final SeriesCommands series;

	private final EventCommands events;

	private final SponsorshipCommands sponsorships;

	private final ProgramCommands program;

	private final AccountCommands accounts;

	private final TokenService tokens;

	/** The password of every account the fixtures create (meets the password policy). */
	public static final String PASSWORD = "correct-horse-battery";

	private final RegistrationCommands registrations;

	private final MongoTemplate mongo;

	private final ApplicationContext context;

	public Fixtures(ApplicationContext context) {
		this.context = context;
		this.registrations = context.getBean(RegistrationCommands.class);
		this.mongo = context.getBean(MongoTemplate.class);
		this.companies = context.getBean(CompanyCommands.class);
		this.series = context.getBean(SeriesCommands.class);
		this.events = context.getBean(EventCommands.class);
		this.sponsorships = context.getBean(SponsorshipCommands.class);
		this.program = context.getBean(ProgramCommands.class);
		this.accounts = context.getBean(AccountCommands.class);
		this.tokens = context.getBean(TokenService.class);
	}

	/** An ADMIN account with {@link #PASSWORD}. */
	public Account admin(String username) {
		return this.accounts.insert(username, PASSWORD, Set.of(Role.ADMIN));
	}

	/** An ORGANIZER account with {@link #PASSWORD}, granted these series. */
	public Account organizer(String username, EventSeries... granted) {
		Account account = this.accounts.insert(username, PASSWORD, Set.of(Role.ORGANIZER));
		for (EventSeries s : granted) {
			account = this.accounts.grant(account.id(), s.id());
		}
		return account;
	}

	/** A bearer token for the account, as {@code POST /auth/token} would issue it. */
	public String token(Account account) {
		return this.tokens.issue(account).value();
	}

	/** A company created by this account (which may then update it). */
	public Company company(String slug, String name, Account createdBy) {
		return this.companies.insert(slug, name, CompanyKind.STUDIO, "https://" + slug + ".example", null,
				createdBy.id());
	}

	public Company company(String slug, String name) {
		return company(slug, name, CompanyKind.STUDIO, null);
	}

	public Company company(String slug, String name, CompanyKind kind) {
		return company(slug, name, kind, null);
	}

	public Company company(String slug, String name, CompanyKind kind, Company parent) {
		return this.companies.insert(slug, name, kind, "https://" + slug + ".example", parent, null);
	}

	public Company subsidiary(Company parent, String slug, String name) {
		return company(slug, name, CompanyKind.STUDIO, parent);
	}

	public EventSeries series(String slug, String name) {
		return this.series.insert(slug, name, null, null);
	}

	public EventSeries series(String slug, String name, Company organizer) {
		return this.series.insert(slug, name, null, (organizer != null) ? organizer.id() : null);
	}

	/** An edition, PUBLISHED, 8 hours from 2026-06-01 09:00 in Los Angeles unless told otherwise. */
	public EventBuilder event(EventSeries series, String slug) {
		return new EventBuilder(series, slug);
	}

	/** A sponsorship, a draft exactly when the edition is (as the application keeps it). */
	public Sponsorship sponsor(Event event, Company company, SponsorTier tier) {
		return this.sponsorships.insert(event, company, tier);
	}

	public Person person(String name, Company company) {
		return person(name, company, null);
	}

	/** A public speaker profile, held by no series (its email, if any, visible to admins only). */
	public Person person(String name, Company company, String email) {
		return this.program.insertPerson(name, null, (company != null) ? company.id() : null, email, null);
	}

	/** A person the series holds (as its CSV import or {@code createPerson(seriesId:)} creates one): unlisted. */
	public Person attendee(EventSeries series, String name, Company company, String email) {
		return attendee(series.id(), name, company, email);
	}

	/** A person held by the edition's series. */
	public Person attendee(Event edition, String name, Company company, String email) {
		return attendee(edition.seriesId(), name, company, email);
	}

	private Person attendee(ObjectId seriesId, String name, Company company, String email) {
		return this.program.insertPerson(name, null, (company != null) ? company.id() : null, email, seriesId);
	}

	/**
	 * Registers the person for the edition, checked in at {@code checkedInAt} unless null, the company
	 * being the person's; the edition's counters are then recounted as the application repairs them.
	 */
	public Registration registration(Event event, Person person, AudienceSegment segment, Instant checkedInAt) {
		Registration registration = this.mongo.insert(new Registration(new ObjectId(), event.id(), event.seriesId(),
				event.year(), event.startsAt(), person.id(), person.companyId(), segment, Instant.now(), checkedInAt));
		this.registrations.repair(event.id());
		return registration;
	}

	/** A TALK of the edition, unscheduled and without speakers unless told otherwise. */
	public SessionBuilder session(Event event, String title) {
		return new SessionBuilder(event, title);
	}

	public final class EventBuilder {

		private final EventSeries series;

		private final String slug;

		private String name;

		private EventStatus status = EventStatus.PUBLISHED;

		private Instant startsAt = OffsetDateTime.parse("2026-06-01T09:00:00-07:00").toInstant();

		private Duration length = Duration.ofHours(8);

		private String timeZone = "America/Los_Angeles";

		private Venue venue;

		private Company host;

		private final List<Track> tracks = new ArrayList<>();

		private Integer reported;

		EventBuilder(EventSeries series, String slug) {
			this.series = series;
			this.slug = slug;
			this.name = slug;
		}

		public EventBuilder name(String name) {
			this.name = name;
			return this;
		}

		public EventBuilder status(EventStatus status) {
			this.status = status;
			return this;
		}

		public EventBuilder draft() {
			return status(EventStatus.DRAFT);
		}

		/** Start as an ISO offset date-time, e.g. {@code 2026-05-12T09:00:00-07:00}. */
		public EventBuilder startsAt(String isoOffsetDateTime) {
			this.startsAt = OffsetDateTime.parse(isoOffsetDateTime).toInstant();
			return this;
		}

		public EventBuilder lasting(Duration length) {
			this.length = length;
			return this;
		}

		public EventBuilder timeZone(String zone) {
			this.timeZone = zone;
			return this;
		}

		public EventBuilder venue(String city, String country) {
			this.venue = new Venue(city + " Convention Center", city, null, country);
			return this;
		}

		public EventBuilder host(Company host) {
			this.host = host;
			return this;
		}

		public EventBuilder tracks(String... names) {
			Arrays.stream(names).forEach((n) -> this.tracks.add(new Track(n, n + " track")));
			return this;
		}

		public EventBuilder reported(int attendees) {
			this.reported = attendees;
			return this;
		}

		public Event create() {
			return Fixtures.this.events.insert(this.series.id(), this.slug, this.name, this.status, this.startsAt,
					this.startsAt.plus(this.length), this.timeZone, this.venue,
					(this.host != null) ? this.host.id() : null, this.tracks, this.reported,
					(this.reported != null) ? "test fixture" : null);
		}

	}

	public final class SessionBuilder {

		private final Event event;

		private final String title;

		private SessionKind kind = SessionKind.TALK;

		private String trackName;

		private Instant startsAt;

		private final List<Person> speakers = new ArrayList<>();

		SessionBuilder(Event event, String title) {
			this.event = event;
			this.title = title;
		}

		public SessionBuilder kind(SessionKind kind) {
			this.kind = kind;
			return this;
		}

		public SessionBuilder track(String trackName) {
			this.trackName = trackName;
			return this;
		}

		/** Starts this many minutes after the edition does, and lasts 45 minutes. */
		public SessionBuilder at(int minutesAfterEventStart) {
			this.startsAt = this.event.startsAt().plus(Duration.ofMinutes(minutesAfterEventStart));
			return this;
		}

		public SessionBuilder speakers(Person... people) {
			this.speakers.addAll(Arrays.asList(people));
			return this;
		}

		public Session create() {
			return Fixtures.this.program.insertSession(this.event.id(), this.event.seriesId(),
					this.event.status() == EventStatus.DRAFT, this.title, this.kind, this.trackName, this.startsAt,
					(this.startsAt != null) ? this.startsAt.plus(Duration.ofMinutes(45)) : null,
					this.speakers.stream().map(Person::id).toList());
		}

	}

}
