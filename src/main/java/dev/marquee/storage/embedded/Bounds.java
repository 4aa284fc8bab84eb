package dev.marquee.storage.embedded;

import java.util.Collection;
import java.util.Map;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Where an in-order walk may start: a value every match has at or beyond on one field (at or above it
 * for an ascending walk, at or below it for a descending one), read from the query's conditions on that
 * field at the top level, inside {@code $and} (the tightest) and inside an {@code $or} whose every branch
 * has one (the loosest), which is the shape of a keyset cursor:
 * {@code {$or: [{f: {$gt: x}}, {f: x, _id: {$gt: y}}]}} starts at {@code x}.
 */
final class Bounds {

	private Bounds() {
	}

	/** The bound, or null when the query has none (the walk starts at the first or last entry). */
	static Object of(Document query, String field, boolean ascending) {
		Object bound = null;
		for (Map.Entry<String, Object> clause : query.entrySet()) {
			Object candidate = null;
			if (clause.getKey().equals("$and") && clause.getValue() instanceof Collection<?> all) {
				for (Object part : all) {
					if (part instanceof Document document) {
						bound = tighter(bound, of(document, field, ascending), ascending);
					}
				}
				continue;
			}
			if (clause.getKey().equals("$or") && clause.getValue() instanceof Collection<?> any && !any.isEmpty()) {
				Object loosest = null;
				boolean everyBranch = true;
				for (Object part : any) {
					Object branch = (part instanceof Document document) ? of(document, field, ascending) : null;
					if (branch == null) {
						everyBranch = false;
						break;
					}
					loosest = tighter(loosest, branch, !ascending);
				}
				candidate = everyBranch ? loosest : null;
			}
			else if (clause.getKey().equals(field)) {
				candidate = onField(clause.getValue(), ascending);
			}
			bound = tighter(bound, candidate, ascending);
		}
		return bound;
	}

	private static Object onField(Object condition, boolean ascending) {
		if (!(condition instanceof Document operators)) {
			return comparable(condition);
		}
		Object bound = comparable(operators.get("$eq"));
		for (String operator : ascending ? new String[] { "$gt", "$gte" } : new String[] { "$lt", "$lte" }) {
			bound = tighter(bound, comparable(operators.get(operator)), ascending);
		}
		return bound;
	}

	/** Only plain values bound a walk (not null, arrays, documents or patterns): those an index keeps. */
	private static Object comparable(Object value) {
		return Narrowing.isKey(value) ? value : null;
	}

	/** Of two bounds (either may be null), the one that excludes more; with the direction reversed, less. */
	private static Object tighter(Object a, Object b, boolean ascending) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		int order = ValueComparator.asc().compare(a, b);
		return ascending ? ((order >= 0) ? a : b) : ((order <= 0) ? a : b);
	}

}
