package dev.marquee.storage;

import java.util.function.Function;

import org.springframework.data.domain.Sort;

/**
 * A keyset ordering: one non-null sort field plus {@code _id} as the tie-breaker. Every ordering used
 * for paging has a compound index on {@code (filter fields…, field, _id)} (see docs/architecture.md).
 *
 * @param name stable name, written into cursors
 * @param field stored field to sort on
 * @param direction sort direction of both the field and {@code _id}
 * @param key reads the sort key off a document (Instant, String or Number)
 */
public record Ordering<T>(String name, String field, Sort.Direction direction, Function<T, Object> key) {

	public Sort sort() {
		return Sort.by(this.direction, this.field).and(Sort.by(this.direction, "_id"));
	}

}
