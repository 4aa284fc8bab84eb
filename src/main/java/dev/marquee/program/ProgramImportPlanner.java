package dev.marquee.program;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.marquee.event.Event;
import dev.marquee.event.Track;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * A checked program file against what the edition holds now, read only: the problems only the edition
 * can show (times outside it), then the plan. Sessions are matched by {@code sourceKey} among the
 * edition's sessions from the same system, speakers by {@code sourceKey} among the people the edition's
 * series holds; a match whose fields are all equal is unchanged and not written. Sessions of the edition
 * from the same system that the file no longer has are removed; hand-made sessions and sessions from
 * the other system are left alone. Speakers and tracks are never removed: a speaker may speak at other
 * editions, a track may hold hand-made sessions.
 */
@Component
class ProgramImportPlanner {

	/** At most this many speakers or sessions per staged batch (a batch stays well under 16 MB). */
	static final int BATCH = 200;

	private final MongoTemplate mongo;

	ProgramImportPlanner(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** How one kind of thing came out of an import. */
	record Counts(int created, int updated, int unchanged, int removed) {

		static final Counts NONE = new Counts(0, 0, 0, 0);

		boolean changed() {
			return this.created + this.updated + this.removed > 0;
		}

		Map<String, Integer> toMap() {
			Map<String, Integer> map = new LinkedHashMap<>();
			map.put("created", this.created);
			map.put("updated", this.updated);
			map.put("unchanged", this.unchanged);
			map.put("removed", this.removed);
			return map;
		}

	}

	/** The staged batches (empty when nothing changes) and what they do. */
	record Plan(List<ProgramImportBatch> batches, Counts sessions, Counts speakers, Counts tracks) {

		boolean changes() {
			return this.sessions.changed() || this.speakers.changed() || this.tracks.changed();
		}

		String summary() {
			return "sessions " + this.sessions.toMap() + ", speakers " + this.speakers.toMap() + ", tracks "
					+ this.tracks.toMap();
		}

	}

	/** At most this many tracks on an edition, as {@code createEvent} and {@code updateEvent} take. */
	static final int MAX_TRACKS = 50;

	/**
	 * What is wrong with the file for this edition: sessions outside its time range (the rule
	 * {@code scheduleSession} and the edition's own date changes keep), more tracks than an edition has.
	 */
	List<ProgramFile.Problem> check(Event event, ProgramFile file) {
		List<ProgramFile.Problem> problems = new ArrayList<>();
		Set<String> tracks = new HashSet<>(Event.trackKeys(event.tracks()));
		for (ProgramFile.Item item : file.sessions()) {
			if (item.track() != null && tracks.add(Event.trackKey(item.track())) && tracks.size() == MAX_TRACKS + 1) {
				problems.add(new ProgramFile.Problem(item.path() + ".track", "With `" + item.track()
						+ "` the edition would have more than " + MAX_TRACKS + " tracks."));
			}
		}
		for (ProgramFile.Item item : file.sessions()) {
			if (item.startsAt() != null && item.endsAt() != null
					&& (item.startsAt().isBefore(event.startsAt()) || item.endsAt().isAfter(event.endsAt()))) {
				if (problems.size() == ProgramFile.MAX_PROBLEMS) {
					problems.add(new ProgramFile.Problem("", "… and more sessions outside the edition."));
					break;
				}
				problems.add(new ProgramFile.Problem(item.path() + ".startsAt", "The session (" + item.startsAt() + " – "
						+ item.endsAt() + ") must lie within the edition (" + event.startsAt() + " – " + event.endsAt()
						+ ")."));
			}
		}
		return problems;
	}

	Plan plan(ObjectId importId, Event event, ProgramFile file, Instant now) {
		String system = file.system();
		// tracks: the edition's spelling when it has the track, else the file's first spelling, added
		Map<String, String> trackNames = new HashMap<>();
		for (Track track : event.tracks()) {
			trackNames.put(Event.trackKey(track.name()), track.name());
		}
		List<String> newTracks = new ArrayList<>();
		Set<String> usedTracks = new HashSet<>();
		for (ProgramFile.Item item : file.sessions()) {
			if (item.track() != null) {
				String key = Event.trackKey(item.track());
				usedTracks.add(key);
				if (!trackNames.containsKey(key)) {
					trackNames.put(key, item.track());
					newTracks.add(item.track());
				}
			}
		}
		Counts tracks = new Counts(newTracks.size(), 0, usedTracks.size() - newTracks.size(), 0);

		// speakers, by source key within the series
		Map<String, Person> storedSpeakers = new HashMap<>();
		List<String> speakerKeys = new ArrayList<>();
		file.speakers().values().forEach((s) -> speakerKeys.add(speakerKey(event, system, s.id())));
		for (int from = 0; from < speakerKeys.size(); from += 1000) {
			List<String> chunk = speakerKeys.subList(from, Math.min(speakerKeys.size(), from + 1000));
			this.mongo.find(Query.query(Criteria.where("sourceKey").in(chunk)), Person.class)
				.forEach((p) -> storedSpeakers.put(p.sourceKey(), p));
		}
		Map<String, ObjectId> speakerIds = new HashMap<>();
		List<Person> createSpeakers = new ArrayList<>();
		List<Person> updateSpeakers = new ArrayList<>();
		int unchangedSpeakers = 0;
		for (ProgramFile.Speaker speaker : file.speakers().values()) {
			String key = speakerKey(event, system, speaker.id());
			Person stored = storedSpeakers.get(key);
			Person planned = Person.speaker((stored != null) ? stored.id() : new ObjectId(), speaker.name(),
					speaker.headline(), speaker.bio(), speaker.photoUrl(), event.seriesId(),
					(stored != null) ? stored.unlisted() : true, new ProgramSource(system, speaker.id()));
			speakerIds.put(speaker.id(), planned.id());
			if (stored == null) {
				createSpeakers.add(planned);
			}
			else if (sameProfile(stored, planned)) {
				unchangedSpeakers++;
			}
			else {
				updateSpeakers.add(planned);
			}
		}
		Counts speakers = new Counts(createSpeakers.size(), updateSpeakers.size(), unchangedSpeakers, 0);

		// sessions, by source key within the edition, among those from this system
		Map<String, Session> storedSessions = new HashMap<>();
		this.mongo.find(Query.query(Criteria.where("eventId").is(event.id()).and("source.system").is(system)),
				Session.class).forEach((s) -> storedSessions.put(s.sourceKey(), s));
		List<ProgramImportBatch.Staged> createSessions = new ArrayList<>();
		List<ProgramImportBatch.Staged> updateSessions = new ArrayList<>();
		int unchangedSessions = 0;
		Set<String> inFile = new HashSet<>();
		for (ProgramFile.Item item : file.sessions()) {
			ProgramSource source = new ProgramSource(system, item.id());
			String key = ProgramSource.key(event.id(), source);
			inFile.add(key);
			Session stored = storedSessions.get(key);
			List<ObjectId> ids = item.speakerIds().stream().map(speakerIds::get).toList();
			List<String> keys = item.speakerIds().stream().map((id) -> speakerKey(event, system, id)).toList();
			String trackName = (item.track() != null) ? trackNames.get(Event.trackKey(item.track())) : null;
			Session planned = Session.of((stored != null) ? stored.id() : new ObjectId(), event.id(), event.seriesId(),
					item.title(), item.kind(), trackName, item.startsAt(), item.endsAt(), ids, !event.isPublic(),
					item.description(), item.room(), (stored != null) ? stored.version() + 1 : 0, now, source);
			if (stored == null) {
				createSessions.add(new ProgramImportBatch.Staged(planned, keys));
			}
			else if (sameContent(stored, planned)) {
				unchangedSessions++;
			}
			else {
				updateSessions.add(new ProgramImportBatch.Staged(planned, keys));
			}
		}
		List<ObjectId> removeSessions = storedSessions.values()
			.stream()
			.filter((s) -> !inFile.contains(s.sourceKey()))
			.map(Session::id)
			.toList();
		Counts sessions = new Counts(createSessions.size(), updateSessions.size(), unchangedSessions,
				removeSessions.size());

		Plan counts = new Plan(List.of(), sessions, speakers, tracks);
		if (!counts.changes()) {
			return counts;
		}
		return new Plan(batches(importId, newTracks, createSpeakers, updateSpeakers, createSessions, updateSessions,
				removeSessions), sessions, speakers, tracks);
	}

	/**
	 * The plan cut into batches applied in order: the tracks first (sessions need them), then speakers
	 * (sessions link them), then sessions, then the removals, so every prefix of the batches is a state a
	 * reader may see.
	 */
	private static List<ProgramImportBatch> batches(ObjectId importId, List<String> tracks, List<Person> createSpeakers,
			List<Person> updateSpeakers, List<ProgramImportBatch.Staged> createSessions,
			List<ProgramImportBatch.Staged> updateSessions, List<ObjectId> removeSessions) {
		List<ProgramImportBatch> batches = new ArrayList<>();
		batches.add(new ProgramImportBatch(new ObjectId(), importId, 0, tracks, List.of(), List.of(), List.of(),
				List.of(), List.of()));
		for (int from = 0; from < createSpeakers.size(); from += BATCH) {
			batches.add(new ProgramImportBatch(new ObjectId(), importId, batches.size(), List.of(),
					createSpeakers.subList(from, Math.min(createSpeakers.size(), from + BATCH)), List.of(), List.of(),
					List.of(), List.of()));
		}
		for (int from = 0; from < updateSpeakers.size(); from += BATCH) {
			batches.add(new ProgramImportBatch(new ObjectId(), importId, batches.size(), List.of(), List.of(),
					updateSpeakers.subList(from, Math.min(updateSpeakers.size(), from + BATCH)), List.of(), List.of(),
					List.of()));
		}
		for (int from = 0; from < createSessions.size(); from += BATCH) {
			batches.add(new ProgramImportBatch(new ObjectId(), importId, batches.size(), List.of(), List.of(), List.of(),
					createSessions.subList(from, Math.min(createSessions.size(), from + BATCH)), List.of(), List.of()));
		}
		for (int from = 0; from < updateSessions.size(); from += BATCH) {
			batches.add(new ProgramImportBatch(new ObjectId(), importId, batches.size(), List.of(), List.of(), List.of(),
					List.of(), updateSessions.subList(from, Math.min(updateSessions.size(), from + BATCH)), List.of()));
		}
		for (int from = 0; from < removeSessions.size(); from += 5 * BATCH) {
			batches.add(new ProgramImportBatch(new ObjectId(), importId, batches.size(), List.of(), List.of(), List.of(),
					List.of(), List.of(), removeSessions.subList(from, Math.min(removeSessions.size(), from + 5 * BATCH))));
		}
		return batches;
	}

	static String speakerKey(Event event, String system, String id) {
		return ProgramSource.key(event.seriesId(), new ProgramSource(system, id));
	}

	private static boolean sameProfile(Person stored, Person planned) {
		return Objects.equals(stored.name(), planned.name()) && Objects.equals(stored.headline(), planned.headline())
				&& Objects.equals(stored.bio(), planned.bio()) && Objects.equals(stored.photoUrl(), planned.photoUrl());
	}

	private static boolean sameContent(Session stored, Session planned) {
		return Objects.equals(stored.title(), planned.title()) && stored.kind() == planned.kind()
				&& Objects.equals(stored.trackName(), planned.trackName())
				&& Objects.equals(stored.startsAt(), planned.startsAt())
				&& Objects.equals(stored.endsAt(), planned.endsAt())
				&& Objects.equals(stored.speakerIds(), planned.speakerIds())
				&& Objects.equals(stored.description(), planned.description())
				&& Objects.equals(stored.room(), planned.room());
	}

}
