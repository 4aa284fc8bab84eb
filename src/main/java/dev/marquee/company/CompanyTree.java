package dev.marquee.company;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.marquee.storage.PendingWrites;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The corporate tree: the {@code parentId} links are the truth, {@code ancestorIds} (parent first, group
 * last) and {@code groupId} (the top; the company itself at the top) are derived from them, here and
 * only here. {@link #chainUnder} and {@link #groupOf} place a new company; {@link #walkUp} follows the
 * links (fresh reads, safe against loops); {@link #recomputeSubtree} rewrites the derived chain of a
 * moved company and everything below it. It is the repair of the {@code company-tree} pending write, so
 * a move interrupted half-way is finished at the next start.
 */
@Component
class CompanyTree implements PendingWrites.Repair {

	static final String KIND = "company-tree";

	private final MongoTemplate mongo;

	private final List<CompanyCopies> copies;

	CompanyTree(MongoTemplate mongo, List<CompanyCopies> copies) {
		this.mongo = mongo;
		this.copies = copies;
	}

	/** The {@code ancestorIds} of a company placed directly under {@code parent}: empty without one. */
	static List<ObjectId> chainUnder(Company parent) {
		List<ObjectId> chain = new ArrayList<>();
		if (parent != null) {
			chain.add(parent.id());
			chain.addAll((parent.ancestorIds() != null) ? parent.ancestorIds() : List.of());
		}
		return chain;
	}

	/** The group of company {@code id} with this ancestor chain: its last ancestor, or itself at the top. */
	static ObjectId groupOf(ObjectId id, List<ObjectId> ancestors) {
		return ancestors.isEmpty() ? id : ancestors.get(ancestors.size() - 1);
	}

	/**
	 * Whether {@code candidate} is the company {@code id} or below it, by its stored chain: such a parent
	 * would make a loop. (A move racing this check is caught after the write by {@link #walkUp}.)
	 */
	static boolean isAtOrBelow(Company candidate, ObjectId id) {
		return candidate.id().equals(id) || (candidate.ancestorIds() != null && candidate.ancestorIds().contains(id));
	}

	/**
	 * Follows the {@code parentId} links up from {@code start} (itself included), reading each company
	 * fresh, until the top, a missing company, or {@code stop}: the ids passed, nearest first, and
	 * whether the walk met {@code stop}. A link back to a company already passed ends the walk too, so
	 * links that form a loop cannot keep it running.
	 */
	Walk walkUp(ObjectId start, ObjectId stop) {
		Set<ObjectId> passed = new LinkedHashSet<>();
		ObjectId up = start;
		while (up != null && !up.equals(stop) && passed.add(up)) {
			Company company = this.mongo.findById(up, Company.class);
			up = (company != null) ? company.parentId() : null;
		}
		return new Walk(List.copyOf(passed), up != null && up.equals(stop));
	}

	/** What {@link #walkUp} passed, and whether it reached the company it was to stop at. */
	record Walk(List<ObjectId> passed, boolean reachedStop) {
	}

	/**
	 * Rewrites {@code ancestorIds} and {@code groupId} of a company and everything below it from the
	 * {@code parentId} links. Idempotent; stops at a company it has already visited, so links that form
	 * a loop cannot keep it running.
	 */
	Company recomputeSubtree(ObjectId rootId) {
		Company root = this.mongo.findById(rootId, Company.class);
		if (root == null) {
			return null;
		}
		Company updated = setChain(rootId, root.parentId(), walkUp(root.parentId(), rootId).passed());
		if (updated == null) {
			// moved again meanwhile: that move recomputes it
			return this.mongo.findById(rootId, Company.class);
		}
		Deque<Company> todo = new ArrayDeque<>(List.of(updated));
		Set<ObjectId> visited = new HashSet<>(List.of(rootId));
		while (!todo.isEmpty()) {
			Company parent = todo.pop();
			List<ObjectId> childChain = chainUnder(parent);
			for (Company child : this.mongo.find(Query.query(Criteria.where("parentId").is(parent.id())),
					Company.class)) {
				// a child already in the chain is a loop a racing move is about to take back: leave it
				if (visited.add(child.id()) && !childChain.contains(child.id())) {
					Company set = setChain(child.id(), parent.id(), childChain);
					if (set != null) {
						todo.push(set);
					}
				}
			}
		}
		return updated;
	}

	/**
	 * Sets a company's chain if its parent is still {@code parentId} (a company moved meanwhile is left
	 * to its own move's recompute) and tells every {@link CompanyCopies}; null when it was not set.
	 */
	private Company setChain(ObjectId id, ObjectId parentId, List<ObjectId> ancestors) {
		ObjectId group = groupOf(id, ancestors);
		Company updated = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("parentId").is(parentId)),
				new Update().set("ancestorIds", ancestors).set("groupId", group),
				FindAndModifyOptions.options().returnNew(true), Company.class);
		if (updated != null) {
			for (CompanyCopies copy : this.copies) {
				copy.syncCompanyGroup(id, group);
			}
		}
		return updated;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public void repair(ObjectId target) {
		recomputeSubtree(target);
	}

}
