package dev.marquee.storage;

import java.util.ArrayList;
import java.util.List;

import dev.marquee.graphql.Connection;
import dev.marquee.graphql.Connection.Edge;
import dev.marquee.graphql.Cursor;
import dev.marquee.graphql.InvalidInputException;
import dev.marquee.graphql.Page;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Relay pages by keyset: {@code (sortKey, _id) > cursor}, sorted, limited to {@code first + 1}. Never
 * {@code skip}, so a deep page costs what the first one does. {@code totalCount} runs only when read.
 */
@Component
public class KeysetPager {

	private final MongoTemplate mongo;

	KeysetPager(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	public <T extends HasId> Connection<T> page(Class<T> type, Criteria filter, Ordering<T> ordering, Page page) {
		Query query = new Query(page.after() != null ? new Criteria().andOperator(filter, after(ordering, page))
				: filter);
		query.with(ordering.sort()).limit(page.first() + 1);
		List<T> rows = this.mongo.find(query, type);
		return connection(rows, page, ordering,
				() -> this.mongo.count(Query.query(filter), type));
	}

	/** Builds a page from rows already sorted by {@code ordering}, at most {@code first + 1} of them. */
	public static <T extends HasId> Connection<T> connection(List<T> rows, Page page, Ordering<T> ordering,
			java.util.function.LongSupplier totalCount) {
		boolean hasNext = rows.size() > page.first();
		List<Edge<T>> edges = new ArrayList<>(Math.min(rows.size(), page.first()));
		for (T row : hasNext ? rows.subList(0, page.first()) : rows) {
			edges.add(new Edge<>(cursorOf(ordering, row).encode(), row));
		}
		return new Connection<>(edges, hasNext, page.after() != null, totalCount);
	}

	/**
	 * A page cut from rows already read and sorted by {@code ordering} (a batch of small nested lists):
	 * the same cursors and edges as a page read with {@link #page}.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static <T extends HasId> Connection<T> slice(List<T> sortedRows, Ordering<T> ordering, Page page) {
		List<T> rows = sortedRows;
		if (page.after() != null) {
			Cursor cursor = Cursor.decode(page.after(), ordering.name());
			int sign = (ordering.direction() == Sort.Direction.ASC) ? 1 : -1;
			int from = 0;
			if (cursor.key() == null) {
				throw forgedCursor();
			}
			try {
				while (from < rows.size()) {
					T row = rows.get(from);
					Comparable key = comparable(ordering.key().apply(row));
					int byKey = key.compareTo(comparable(cursor.key()));
					int cmp = (byKey != 0) ? byKey : row.id().compareTo(cursor.id());
					if (cmp * sign > 0) {
						break;
					}
					from++;
				}
			}
			catch (ClassCastException ex) {
				throw forgedCursor();
			}
			rows = rows.subList(from, rows.size());
		}
		int total = sortedRows.size();
		return connection(rows.subList(0, Math.min(rows.size(), page.first() + 1)), page, ordering, () -> total);
	}

	/** A cursor of this ordering whose key has another type than the ordering's: forged, not a fault. */
	private static InvalidInputException forgedCursor() {
		return new InvalidInputException("after",
				"The cursor is not valid for this list; use a cursor from the same query.");
	}

	@SuppressWarnings("rawtypes")
	private static Comparable comparable(Object key) {
		return (key instanceof Number number) ? (Comparable) number.longValue() : (Comparable) key;
	}

	public static <T extends HasId> Cursor cursorOf(Ordering<T> ordering, T row) {
		return new Cursor(ordering.name(), ordering.key().apply(row), row.id());
	}

	/** The criteria selecting the rows strictly after the page's cursor. */
	public static <T> Criteria after(Ordering<T> ordering, Page page) {
		Cursor cursor = Cursor.decode(page.after(), ordering.name());
		boolean asc = ordering.direction() == Sort.Direction.ASC;
		Criteria beyondKey = asc ? Criteria.where(ordering.field()).gt(cursor.key())
				: Criteria.where(ordering.field()).lt(cursor.key());
		Criteria sameKey = Criteria.where(ordering.field()).is(cursor.key());
		sameKey = asc ? sameKey.and("_id").gt(cursor.id()) : sameKey.and("_id").lt(cursor.id());
		return new Criteria().orOperator(beyondKey, sameKey);
	}

}
