package dev.marquee.event;

import dev.marquee.storage.Ordering;

import org.springframework.data.domain.Sort.Direction;

/** The orderings of {@code events}; each is a keyset ordering with its own cursor name. */
public enum EventOrder {

	START_ASC(new Ordering<>("start", "startsAt", Direction.ASC, Event::startsAt)),

	START_DESC(new Ordering<>("start-desc", "startsAt", Direction.DESC, Event::startsAt)),

	NAME_ASC(new Ordering<>("name", "nameKey", Direction.ASC, Event::nameKey));

	private final Ordering<Event> ordering;

	EventOrder(Ordering<Event> ordering) {
		this.ordering = ordering;
	}

	Ordering<Event> ordering() {
		return this.ordering;
	}

}
