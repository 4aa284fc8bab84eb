package dev.marquee.program;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.marquee.graphql.Checks;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * A program file read and checked on its own, before anything stored is looked at: a Sessionize "All
 * data" export ({@code {sessions, speakers, categories, rooms, questions}}) or a frab-compatible
 * {@code schedule.json} as pretalx and frab write it ({@code {"schedule": {"conference": {…, "days":
 * [{"rooms": {"<room>": [session…]}}]}}}}), recognized by its shape. The file is streamed: one session or
 * speaker object at a time is a tree, what is kept is the program's own fields, so memory stays about the
 * size of the text. Local times (Sessionize's {@code startsAt}, a frab {@code date} without offset) are in
 * the edition's time zone; a local time the clocks skip is a problem, one they repeat is the earlier. Text
 * is stored as plain text ({@link ProgramText}). Every problem is listed with its path
 * ({@code sessions[3].startsAt}); a file with problems is imported not at all.
 */
final class ProgramFile {

	/** At most this many problems are listed; the last entry then says how many more there were. */
	static final int MAX_PROBLEMS = 200;

	static final int MAX_DESCRIPTION = 10_000;

	static final int MAX_BIO = 10_000;

	static final int MAX_HEADLINE = 300;

	static final int MAX_ID = 200;

	static final int MAX_URL = 2_000;

	static final int MAX_SPEAKERS_PER_SESSION = 20;

	private static final Pattern DURATION = Pattern.compile("^(?:(\\d{1,2}):)?(\\d{1,3}):(\\d{2})$");

	/** A session as the file gives it, checked and converted: instants, plain text, the speakers' source ids. */
	record Item(String path, String id, String title, String description, SessionKind kind, String track, String room,
			Instant startsAt, Instant endsAt, List<String> speakerIds) {
	}

	/** A speaker as the file gives it, checked and converted. */
	record Speaker(String path, String id, String name, String headline, String bio, String photoUrl) {
	}

	/** What is wrong with the file, where: a JSON-pointer-like path and a message. */
	record Problem(String path, String message) {
	}

	private final String system;

	private final List<Item> sessions;

	private final Map<String, Speaker> speakers;

	private final List<Problem> problems;

	private ProgramFile(String system, List<Item> sessions, Map<String, Speaker> speakers, List<Problem> problems) {
		this.system = system;
		this.sessions = sessions;
		this.speakers = speakers;
		this.problems = problems;
	}

	/** The format, {@link ProgramSource#SESSIONIZE} or {@link ProgramSource#FRAB}; null when neither. */
	String system() {
		return this.system;
	}

	List<Item> sessions() {
		return this.sessions;
	}

	/** The speakers by source id, in the file's order. */
	Map<String, Speaker> speakers() {
		return this.speakers;
	}

	List<Problem> problems() {
		return this.problems;
	}

	boolean isValid() {
		return this.problems.isEmpty();
	}

	/** Reads {@code file} (UTF-8 JSON, as JSON must be) with local times in {@code zone}. */
	static ProgramFile read(JsonMapper json, Path file, ZoneId zone) throws IOException {
		Reader reader = new Reader(json, zone);
		try (JsonParser parser = json.createParser(file)) {
			reader.root(parser);
			return reader.finish();
		}
		catch (NotAProgram ex) {
			return new ProgramFile(null, List.of(), Map.of(), List.of(new Problem("", ex.getMessage())));
		}
		catch (JacksonException ex) {
			var at = ex.getLocation();
			reader.problems.add(new Problem("", "Not valid JSON" + ((at != null && at.getLineNr() > 0)
					? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "") + ": "
					+ ex.getOriginalMessage()));
			return new ProgramFile(null, List.of(), Map.of(), reader.bounded());
		}
	}

	/** The streaming reader of one file: collects the raw parts, then resolves and checks them. */
	private static final class Reader {

		private final ObjectReader trees;

		private final ZoneId zone;

		private final List<Problem> problems = new ArrayList<>();

		private int problemCount;

		private boolean sawSessions;

		private boolean sawSpeakers;

		private boolean sawSchedule;

		private boolean sawConference;

		private final List<RawSession> rawSessions = new ArrayList<>();

		private final List<Speaker> rawSpeakers = new ArrayList<>();

		private final Map<String, String> rooms = new HashMap<>();

		/** Sessionize category item id → (category title, item name). */
		private final Map<String, String[]> categoryItems = new HashMap<>();

		private final List<Item> frabSessions = new ArrayList<>();

		private final Map<String, Speaker> frabSpeakers = new LinkedHashMap<>();

		Reader(JsonMapper json, ZoneId zone) {
			// one element at a time: the rest of the file follows the tree read
			this.trees = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
			this.zone = zone;
		}

		void problem(String path, String message) {
			this.problemCount++;
			if (this.problems.size() < MAX_PROBLEMS) {
				this.problems.add(new Problem(path, message));
			}
		}

		List<Problem> bounded() {
			List<Problem> all = new ArrayList<>(this.problems);
			if (this.problemCount > this.problems.size()) {
				all.add(new Problem("", "… and " + (this.problemCount - this.problems.size()) + " more problems."));
			}
			return List.copyOf(all);
		}

		void root(JsonParser parser) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new NotAProgram();
			}
			fields(parser, (name, p) -> {
				switch (name) {
					case "sessions" -> {
						this.sawSessions = true;
						int[] index = { 0 };
						elements(p, "sessions", (node) -> this.rawSessions.add(sessionizeRaw(node, "sessions[" + index[0]++ + "]")));
					}
					case "speakers" -> {
						this.sawSpeakers = true;
						int[] index = { 0 };
						elements(p, "speakers", (node) -> this.rawSpeakers.add(sessionizeSpeaker(node, "speakers[" + index[0]++ + "]")));
					}
					case "rooms" -> elements(p, "rooms", this::sessionizeRoom);
					case "categories" -> elements(p, "categories", this::sessionizeCategory);
					case "schedule" -> schedule(p);
					default -> p.skipChildren();
				}
			});
		}

		/** Calls {@code field} for each member of the object the parser is at, positioned on its value. */
		private void fields(JsonParser parser, BiConsumer<String, JsonParser> field) {
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				parser.nextToken();
				field.accept(name, parser);
			}
		}

		/** Reads each element of the array the parser is at as a tree; anything else is a problem at {@code path}. */
		private void elements(JsonParser parser, String path, Consumer<JsonNode> element) {
			if (parser.currentToken() != JsonToken.START_ARRAY) {
				problem(path, "Expected an array.");
				parser.skipChildren();
				return;
			}
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				element.accept(this.trees.readTree(parser));
			}
		}

		// ---- Sessionize ----------------------------------------------------------------------------

		private void sessionizeRoom(JsonNode room) {
			if (room.isObject() && room.hasNonNull("id")) {
				this.rooms.put(room.get("id").asString(), text(room, "name"));
			}
		}

		private void sessionizeCategory(JsonNode category) {
			String title = text(category, "title");
			for (JsonNode item : category.path("items").values()) {
				if (item.hasNonNull("id")) {
					this.categoryItems.put(item.get("id").asString(), new String[] { title, text(item, "name") });
				}
			}
		}

		private Speaker sessionizeSpeaker(JsonNode node, String path) {
			String id = id(node, "id", path);
			String name = text(node, "fullName");
			if (name == null || name.isBlank()) {
				String first = text(node, "firstName");
				String last = text(node, "lastName");
				name = ((first != null) ? first : "") + " " + ((last != null) ? last : "");
			}
			return speaker(path, id, name, "fullName", text(node, "tagLine"), "tagLine", text(node, "bio"), "bio",
					text(node, "profilePicture"), "profilePicture");
		}

		/**
		 * The parts of a Sessionize session kept until the file is read: its rooms, categories and
		 * speakers may come after it, so references are resolved in {@link #finish}.
		 */
		private record RawSession(String path, String id, String title, String description, Instant startsAt,
				Instant endsAt, boolean timesRead, String roomId, String room, List<String> categoryItemIds,
				List<String> speakerIds, boolean service) {
		}

		private RawSession sessionizeRaw(JsonNode node, String path) {
			List<String> categories = new ArrayList<>();
			for (JsonNode item : node.path("categoryItems").values()) {
				categories.add(item.isObject() ? item.path("id").asString() : item.asString());
			}
			List<String> speakers = new ArrayList<>();
			for (JsonNode speaker : node.path("speakers").values()) {
				speakers.add(speaker.isObject() ? speaker.path("id").asString() : speaker.asString());
			}
			String id = id(node, "id", path);
			String title = title(node, "title", path);
			String description = description(text(node, "description"), path + ".description");
			int before = this.problemCount;
			Instant startsAt = localTime(text(node, "startsAt"), path + ".startsAt");
			Instant endsAt = localTime(text(node, "endsAt"), path + ".endsAt");
			return new RawSession(path, id, title, description, startsAt, endsAt, this.problemCount == before,
					node.hasNonNull("roomId") ? node.get("roomId").asString() : null, text(node, "room"), categories,
					speakers, node.path("isServiceSession").asBoolean(false));
		}

		private Item sessionizeSession(RawSession raw, Set<String> speakerIds) {
			String path = raw.path();
			String track = null;
			String format = null;
			for (String itemId : raw.categoryItemIds()) {
				String[] category = this.categoryItems.get(itemId);
				if (category == null || category[0] == null) {
					continue;
				}
				String title = category[0].toLowerCase(Locale.ROOT);
				if (title.equals("track") || title.equals("tracks")) {
					track = category[1];
				}
				else if (title.contains("format") || title.contains("type")) {
					format = category[1];
				}
			}
			SessionKind kind = (format != null) ? kind(format) : raw.service() ? SessionKind.NETWORKING : SessionKind.TALK;
			String room = raw.room();
			if (raw.roomId() != null) {
				room = this.rooms.get(raw.roomId());
				if (room == null) {
					problem(path + ".roomId", "No room with the id `" + raw.roomId() + "` in `rooms`.");
				}
			}
			List<String> speakers = new ArrayList<>();
			for (int i = 0; i < raw.speakerIds().size(); i++) {
				String speakerId = raw.speakerIds().get(i);
				if (!speakerIds.contains(speakerId)) {
					problem(path + ".speakers[" + i + "]", "No speaker with the id `" + speakerId + "` in `speakers`.");
				}
				else if (!speakers.contains(speakerId)) {
					speakers.add(speakerId);
				}
			}
			return item(path, raw.id(), raw.title(), raw.description(), kind, track, room, raw.startsAt(), raw.endsAt(),
					raw.timesRead(), speakers);
		}

		// ---- frab / pretalx ------------------------------------------------------------------------

		private void schedule(JsonParser parser) {
			this.sawSchedule = true;
			if (parser.currentToken() != JsonToken.START_OBJECT) {
				parser.skipChildren();
				return;
			}
			fields(parser, (name, p) -> {
				if (name.equals("conference") && p.currentToken() == JsonToken.START_OBJECT) {
					this.sawConference = true;
					fields(p, (field, c) -> {
						if (field.equals("days")) {
							days(c);
						}
						else {
							c.skipChildren();
						}
					});
				}
				else {
					p.skipChildren();
				}
			});
		}

		private void days(JsonParser parser) {
			String daysPath = "schedule.conference.days";
			if (parser.currentToken() != JsonToken.START_ARRAY) {
				problem(daysPath, "Expected an array.");
				parser.skipChildren();
				return;
			}
			int day = 0;
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				String dayPath = daysPath + "[" + day++ + "]";
				if (parser.currentToken() != JsonToken.START_OBJECT) {
					problem(dayPath, "Expected an object.");
					parser.skipChildren();
					continue;
				}
				String[] date = { null };
				List<JsonNode> events = new ArrayList<>();
				List<String> paths = new ArrayList<>();
				List<String> roomNames = new ArrayList<>();
				fields(parser, (name, p) -> {
					if (name.equals("date")) {
						date[0] = p.getValueAsString();
					}
					else if (name.equals("rooms") && p.currentToken() == JsonToken.START_OBJECT) {
						fields(p, (room, r) -> {
							String roomPath = dayPath + ".rooms[\"" + room + "\"]";
							int[] index = { 0 };
							elements(r, roomPath, (event) -> {
								events.add(event);
								paths.add(roomPath + "[" + index[0]++ + "]");
								roomNames.add(room);
							});
						});
					}
					else {
						p.skipChildren();
					}
				});
				for (int i = 0; i < events.size(); i++) {
					this.frabSessions.add(frabSession(events.get(i), paths.get(i), roomNames.get(i), date[0]));
				}
			}
		}

		private Item frabSession(JsonNode node, String path, String roomName, String dayDate) {
			String id = node.hasNonNull("guid") ? id(node, "guid", path) : id(node, "id", path);
			String title = title(node, "title", path);
			// pretalx's abstract is the short text, its description the long one: both, each as text
			String summary = ProgramText.plain(text(node, "abstract"));
			String body = ProgramText.plain(text(node, "description"));
			String description = (summary != null && body != null && !summary.equals(body)) ? summary + "\n\n" + body
					: (summary != null) ? summary : body;
			if (description != null && description.length() > MAX_DESCRIPTION) {
				problem(path + ((body != null) ? ".description" : ".abstract"),
						"A description is at most " + MAX_DESCRIPTION + " characters (as text).");
			}
			String type = text(node, "type");
			SessionKind kind = (type != null) ? kind(type) : SessionKind.TALK;
			String room = node.hasNonNull("room") ? text(node, "room") : roomName;
			int before = this.problemCount;
			Instant startsAt = frabStart(node, path, dayDate);
			Instant endsAt = null;
			Duration duration = duration(text(node, "duration"), path + ".duration");
			boolean timesRead = this.problemCount == before;
			if (startsAt != null && duration != null) {
				endsAt = startsAt.plus(duration);
			}
			List<String> speakers = new ArrayList<>();
			int index = 0;
			for (JsonNode person : node.path("persons").values()) {
				String personPath = path + ".persons[" + index++ + "]";
				String personId = person.hasNonNull("code") ? id(person, "code", personPath)
						: person.hasNonNull("guid") ? id(person, "guid", personPath) : id(person, "id", personPath);
				if (personId == null) {
					continue;
				}
				if (!this.frabSpeakers.containsKey(personId)) {
					String name = firstText(person, "name", "public_name", "full_name");
					this.frabSpeakers.put(personId, speaker(personPath, personId, name, "name", null, null,
							firstText(person, "biography", "abstract", "description"), "biography",
							firstText(person, "avatar", "image"), "avatar"));
				}
				if (!speakers.contains(personId)) {
					speakers.add(personId);
				}
			}
			return item(path, id, title, description, kind, text(node, "track"), room, startsAt, endsAt, timesRead,
					speakers);
		}

		/** A frab start: {@code date} (with its offset, or local), else the day's date and {@code start}. */
		private Instant frabStart(JsonNode node, String path, String dayDate) {
			String date = text(node, "date");
			if (date != null) {
				return localTime(date, path + ".date");
			}
			String start = text(node, "start");
			if (dayDate == null || start == null) {
				problem(path + ".date", "A session needs its `date`, or its day's `date` and its `start`.");
				return null;
			}
			try {
				return at(LocalDateTime.of(LocalDate.parse(dayDate.substring(0, Math.min(10, dayDate.length()))),
						LocalTime.parse(start)), path + ".start");
			}
			catch (DateTimeException ex) {
				problem(path + ".start", "`" + start + "` on `" + dayDate + "` is not a time such as `09:30`.");
				return null;
			}
		}

		private Duration duration(String value, String path) {
			Matcher matcher = (value != null) ? DURATION.matcher(value.strip()) : null;
			if (matcher == null || !matcher.matches()) {
				problem(path, "A duration is `HH:MM` (or `D:HH:MM`), like `00:45`.");
				return null;
			}
			long days = (matcher.group(1) != null) ? Long.parseLong(matcher.group(1)) : 0;
			Duration duration = Duration.ofDays(days)
				.plusHours(Long.parseLong(matcher.group(2)))
				.plusMinutes(Long.parseLong(matcher.group(3)));
			if (duration.isZero() || Long.parseLong(matcher.group(3)) > 59) {
				problem(path, "A duration is `HH:MM` (or `D:HH:MM`) and longer than zero, like `00:45`.");
				return null;
			}
			return duration;
		}

		// ---- both ----------------------------------------------------------------------------------

		ProgramFile finish() {
			String system;
			List<Item> sessions = new ArrayList<>();
			Map<String, Speaker> speakers = new LinkedHashMap<>();
			if (this.sawSchedule && !this.sawSessions && !this.sawSpeakers) {
				system = ProgramSource.FRAB;
				if (!this.sawConference) {
					problem("schedule.conference", "A frab schedule has `schedule.conference` with its `days`.");
				}
				sessions.addAll(this.frabSessions);
				this.frabSpeakers.values().forEach((s) -> speakers.put(s.id(), s));
			}
			else if (this.sawSessions && this.sawSpeakers && !this.sawSchedule) {
				system = ProgramSource.SESSIONIZE;
				Map<String, String> seen = new HashMap<>();
				for (Speaker speaker : this.rawSpeakers) {
					if (speaker.id() == null) {
						continue;
					}
					String first = seen.putIfAbsent(speaker.id(), speaker.path());
					if (first != null) {
						problem(speaker.path() + ".id", "Another speaker (" + first + ") has this id.");
					}
					else {
						speakers.put(speaker.id(), speaker);
					}
				}
				for (RawSession raw : this.rawSessions) {
					sessions.add(sessionizeSession(raw, speakers.keySet()));
				}
			}
			else {
				throw new NotAProgram();
			}
			Map<String, String> seen = new HashMap<>();
			for (Item item : sessions) {
				if (item.id() == null) {
					continue;
				}
				String first = seen.putIfAbsent(item.id(), item.path());
				if (first != null) {
					problem(item.path() + (system.equals(ProgramSource.FRAB) ? ".guid" : ".id"),
							"Another session (" + first + ") has this id.");
				}
			}
			return new ProgramFile(system, List.copyOf(sessions), speakers, bounded());
		}

		private Item item(String path, String id, String title, String description, SessionKind kind, String track,
				String room, Instant startsAt, Instant endsAt, boolean timesRead, List<String> speakers) {
			String trackName = ProgramText.line(track);
			if (trackName != null && trackName.length() > Checks.MAX_NAME) {
				problem(path + ".track", "A track name is at most " + Checks.MAX_NAME + " characters.");
			}
			String roomName = ProgramText.line(room);
			if (roomName != null && roomName.length() > Checks.MAX_NAME) {
				problem(path + ".room", "A room name is at most " + Checks.MAX_NAME + " characters.");
			}
			if (!timesRead) {
				// an unreadable time is not also a missing one
			}
			else if ((startsAt == null) != (endsAt == null)) {
				problem(path + ((startsAt == null) ? ".startsAt" : ".endsAt"),
						"Give both the start and the end, or neither for an unscheduled session.");
			}
			else if (startsAt != null && !endsAt.isAfter(startsAt)) {
				problem(path + ".endsAt", "The session ends (" + endsAt + ") before it starts (" + startsAt + ").");
			}
			if (speakers.size() > MAX_SPEAKERS_PER_SESSION) {
				problem(path + ".speakers", "A session has at most " + MAX_SPEAKERS_PER_SESSION + " speakers.");
			}
			return new Item(path, id, title, description, kind, trackName, roomName, startsAt, endsAt, List.copyOf(speakers));
		}

		private Speaker speaker(String path, String id, String rawName, String nameField, String rawHeadline,
				String headlineField, String rawBio, String bioField, String rawPhoto, String photoField) {
			String name = ProgramText.line(rawName);
			if (name == null || name.length() > Checks.MAX_NAME) {
				problem(path + "." + nameField, "A name is 1 to " + Checks.MAX_NAME + " characters and not blank.");
			}
			String headline = ProgramText.line(rawHeadline);
			if (headline != null && headline.length() > MAX_HEADLINE) {
				problem(path + "." + headlineField, "A tag line is at most " + MAX_HEADLINE + " characters.");
			}
			String bio = ProgramText.plain(rawBio);
			if (bio != null && bio.length() > MAX_BIO) {
				problem(path + "." + bioField, "A biography is at most " + MAX_BIO + " characters (as text).");
			}
			String photo = (rawPhoto != null && !rawPhoto.isBlank()) ? rawPhoto.strip() : null;
			if (photo != null && !isWebUrl(photo)) {
				problem(path + "." + photoField, "A photo is an absolute http(s) URL of at most " + MAX_URL + " characters.");
			}
			return new Speaker(path, id, name, headline, bio, photo);
		}

		private String title(JsonNode node, String field, String path) {
			String title = ProgramText.line(text(node, field));
			if (title == null || title.length() > Checks.MAX_NAME) {
				problem(path + "." + field, "A title is 1 to " + Checks.MAX_NAME + " characters and not blank.");
			}
			return title;
		}

		private String description(String raw, String path) {
			String description = ProgramText.plain(raw);
			if (description != null && description.length() > MAX_DESCRIPTION) {
				problem(path, "A description is at most " + MAX_DESCRIPTION + " characters (as text).");
			}
			return description;
		}

		/** A source id: a string or an integer, not blank; null (and a problem) otherwise. */
		private String id(JsonNode node, String field, String path) {
			JsonNode value = node.get(field);
			String id = (value != null && (value.isString() || value.isIntegralNumber())) ? value.asString().strip() : null;
			if (id == null || id.isEmpty() || id.length() > MAX_ID) {
				problem(path + "." + field, "An id (a string or an integer of at most " + MAX_ID + " characters) is required.");
				return null;
			}
			return id;
		}

		/** A time with an offset, or a local time in the edition's zone; null for none (and a problem when unreadable). */
		private Instant localTime(String value, String path) {
			if (value == null || value.isBlank()) {
				return null;
			}
			try {
				return OffsetDateTime.parse(value.strip()).toInstant();
			}
			catch (DateTimeException notOffset) {
				try {
					return at(LocalDateTime.parse(value.strip()), path);
				}
				catch (DateTimeException ex) {
					problem(path, "`" + value + "` is not a date and time such as `2026-05-14T09:30:00`.");
					return null;
				}
			}
		}

		/** A local time in the edition's zone: one the clocks skip is a problem, one they repeat is the earlier. */
		private Instant at(LocalDateTime local, String path) {
			if (this.zone.getRules().getValidOffsets(local).isEmpty()) {
				problem(path, "`" + local + "` does not exist in " + this.zone.getId()
						+ ": the clocks skip it (daylight saving time).");
				return null;
			}
			return local.atZone(this.zone).toInstant();
		}

		private static String text(JsonNode node, String field) {
			JsonNode value = node.get(field);
			return (value != null && !value.isNull() && !value.isObject() && !value.isArray()) ? value.asString() : null;
		}

		private static String firstText(JsonNode node, String... fields) {
			for (String field : fields) {
				String value = text(node, field);
				if (value != null && !value.isBlank()) {
					return value;
				}
			}
			return null;
		}

	}

	/** Neither a Sessionize export nor a frab schedule. */
	static final class NotAProgram extends RuntimeException {

		NotAProgram() {
			super("Neither a Sessionize export ({sessions, speakers, categories, rooms, questions}) nor a frab/pretalx "
					+ "schedule.json ({\"schedule\": {\"conference\": …}}).", null, false, false);
		}

	}

	/** The session kind a program tool's format or type names; unknown ones are talks. */
	static SessionKind kind(String format) {
		String name = format.toLowerCase(Locale.ROOT);
		if (name.contains("keynote")) {
			return SessionKind.KEYNOTE;
		}
		if (name.contains("panel")) {
			return SessionKind.PANEL;
		}
		if (name.contains("fireside")) {
			return SessionKind.FIRESIDE_CHAT;
		}
		if (name.contains("workshop") || name.contains("tutorial") || name.contains("hands-on")
				|| name.contains("training")) {
			return SessionKind.WORKSHOP;
		}
		if (name.contains("demo")) {
			return SessionKind.DEMO;
		}
		if (name.contains("networking") || name.contains("break") || name.contains("lunch")
				|| name.contains("social") || name.contains("reception") || name.contains("meetup")) {
			return SessionKind.NETWORKING;
		}
		return SessionKind.TALK;
	}

	static boolean isWebUrl(String value) {
		if (value.length() > MAX_URL) {
			return false;
		}
		try {
			URI uri = new URI(value);
			return uri.isAbsolute() && uri.getHost() != null
					&& ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
		}
		catch (java.net.URISyntaxException ex) {
			return false;
		}
	}


}
