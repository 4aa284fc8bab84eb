package dev.marquee.program;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.marquee.graphql.Connection;
import dev.marquee.graphql.Page;
import dev.marquee.search.SearchText;
import dev.marquee.storage.KeysetPager;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * Pages of {@code Event.sessions(first, after, trackName)} for a batch of editions, in one query: a
 * keyset query limited to {@code first + 1} when the batch holds one edition (an event page), else
 * one read of the batch's sessions cut per edition (a list of editions; tens to hundreds each).
 */
@Component
class ProgramPages {

	private final ProgramService program;

	ProgramPages(ProgramService program) {
		this.program = program;
	}

	Map<SessionsKey, Connection<Session>> sessions(Set<SessionsKey> keys, Viewer viewer) {
		Map<SessionsKey, Connection<Session>> result = new HashMap<>();
		if (keys.size() == 1) {
			SessionsKey key = keys.iterator().next();
			Criteria criteria = key.criteria(this.program.visible(viewer));
			// first + 1 rows, also for first: 0, so hasNextPage tells whether any row follows
			List<Session> rows = this.program.sessions((key.page().after() != null)
					? new Criteria().andOperator(criteria, KeysetPager.after(ProgramService.BY_TIME, key.page()))
					: criteria, key.page().first() + 1);
			result.put(key, KeysetPager.connection(rows, key.page(), ProgramService.BY_TIME,
					() -> this.program.countSessions(criteria)));
			return result;
		}
		Set<ObjectId> eventIds = new LinkedHashSet<>();
		keys.forEach((key) -> eventIds.add(key.eventId()));
		Map<ObjectId, List<Session>> byEvent = new HashMap<>();
		for (Session session : this.program
			.sessions(Criteria.where("eventId").in(eventIds).andOperator(this.program.visible(viewer)), 0)) {
			byEvent.computeIfAbsent(session.eventId(), (id) -> new ArrayList<>()).add(session);
		}
		for (SessionsKey key : keys) {
			List<Session> ofEvent = byEvent.getOrDefault(key.eventId(), List.of());
			String track = key.trackKey();
			List<Session> rows = (track == null) ? ofEvent
					: ofEvent.stream().filter((s) -> track.equals(s.trackKey())).toList();
			result.put(key, KeysetPager.slice(rows, ProgramService.BY_TIME, key.page()));
		}
		return result;
	}

	/** DataLoader key of {@code Event.sessions(first, after, trackName)}. */
	record SessionsKey(ObjectId eventId, Page page, String trackName) {

		String trackKey() {
			return (this.trackName != null) ? SearchText.normalize(this.trackName) : null;
		}

		Criteria criteria(Criteria visible) {
			Criteria criteria = Criteria.where("eventId").is(this.eventId).andOperator(visible);
			return (this.trackName != null) ? criteria.and("trackKey").is(trackKey()) : criteria;
		}

	}

}
