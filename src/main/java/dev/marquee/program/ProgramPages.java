package dev.marquee.program;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.marquee.event.Event;
import dev.marquee.graphql.Connection;
import dev.marquee.graphql.Page;
import dev.marquee.storage.KeysetPager;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;

import org.springframework.stereotype.Component;

/**
 * Pages of {@code Event.sessions(first, after, trackName)} for a batch of editions, in one query: the
 * visible sessions of every edition of the batch (tens to a couple of hundred each), read by
 * {@code eventId} in time order through the {@code (eventId, sortAt, _id)} index, then filtered by track
 * and cut per edition with the same cursors as a keyset query.
 */
@Component
class ProgramPages {

	private final ProgramService program;

	ProgramPages(ProgramService program) {
		this.program = program;
	}

	Map<SessionsKey, Connection<Session>> sessions(Set<SessionsKey> keys, Viewer viewer) {
		Set<ObjectId> eventIds = new LinkedHashSet<>();
		keys.forEach((key) -> eventIds.add(key.event().id()));
		Map<ObjectId, List<Session>> byEvent = this.program.sessionsOfEvents(eventIds, viewer);
		Map<SessionsKey, Connection<Session>> result = new HashMap<>();
		for (SessionsKey key : keys) {
			List<Session> ofEvent = byEvent.getOrDefault(key.event().id(), List.of());
			String track = key.trackKey();
			List<Session> rows = (track == null) ? ofEvent
					: ofEvent.stream().filter((s) -> track.equals(s.trackKey())).toList();
			result.put(key, KeysetPager.slice(rows, ProgramService.BY_TIME, key.page()));
		}
		return result;
	}

	/** DataLoader key of {@code Event.sessions(first, after, trackName)}. */
	record SessionsKey(Event event, Page page, String trackName) {

		String trackKey() {
			return Event.trackKey(this.trackName);
		}

	}

}
