package dev.marquee.company;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.marquee.audit.AuditLog;
import dev.marquee.graphql.Checks;
import dev.marquee.graphql.GlobalId;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import dev.marquee.storage.SearchText;
import dev.marquee.security.AccessPolicy;
import dev.marquee.security.Viewer;
import dev.marquee.storage.PendingWrites;
import org.bson.types.ObjectId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Creating and changing companies. Moving a company under another parent rewrites the group and
 * ancestor chain of its whole subtree, recomputed from the {@code parentId} links (the source of
 * truth) under a pending-write intent, so an interrupted move is finished at the next start.
 */
@Service
class CompanyCommands implements PendingWrites.Repair {

	static final String TREE = "company-tree";

	private final MongoTemplate mongo;

	private final CompanyService companies;

	private final AccessPolicy policy;

	private final AuditLog audit;

	private final PendingWrites pending;

	private final List<CompanyCopies> copies;

	CompanyCommands(MongoTemplate mongo, CompanyService companies, AccessPolicy policy, AuditLog audit,
			PendingWrites pending, List<CompanyCopies> copies) {
		this.copies = copies;
		this.mongo = mongo;
		this.companies = companies;
		this.policy = policy;
		this.audit = audit;
		this.pending = pending;
	}

	record CreateCompanyInput(String slug, String name, CompanyKind kind, Object website, String parentSlug) {
	}

	record UpdateCompanyInput(String id, String name, CompanyKind kind, Object website, String parentSlug) {
	}

	Outcome<Company> create(Viewer viewer, CreateCompanyInput input) {
		Optional<UserError> denied = this.policy.mayCreateCompany(viewer);
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		Checks checks = new Checks().slug(input.slug(), "input", "slug").name(input.name(), "input", "name");
		checks.require(input.kind() != null, UserErrorCode.INVALID_INPUT, "Give the kind of company.", "input", "kind");
		Company parent = null;
		if (input.parentSlug() != null) {
			parent = this.companies.bySlug(input.parentSlug()).orElse(null);
			checks.require(parent != null, UserErrorCode.NOT_FOUND,
					"No company with the slug `" + input.parentSlug() + "`.", "input", "parentSlug");
			if (parent != null) {
				this.policy.mayAttachCompanyUnder(viewer, chainCreators(parent)).ifPresent(checks::add);
			}
		}
		if (!checks.failed() && this.companies.bySlug(input.slug()).isPresent()) {
			checks.add(duplicate(input.slug()));
		}
		if (checks.failed()) {
			return checks.outcome();
		}
		try {
			Company company = this.companies.create(input.slug(), input.name(), input.kind(), website(input.website()),
					parent, viewer.accountId());
			this.audit.record(viewer, "createCompany", "Company", company.id(), null, null, null,
					"created company " + company.slug() + ((parent != null) ? " under " + parent.slug() : ""));
			return Outcome.ok(company);
		}
		catch (DuplicateKeyException ex) {
			return Outcome.failed(duplicate(input.slug()));
		}
	}

	/** {@code parentSlug: ""} detaches the company: it becomes the top of its own group. */
	Outcome<Company> update(Viewer viewer, UpdateCompanyInput input) {
		Optional<Company> found = GlobalId.decode(input.id(), "Company")
			.flatMap((id) -> Optional.ofNullable(this.companies.byIds(List.of(id)).get(id)));
		if (found.isEmpty()) {
			return Outcome.failed(this.policy.missing(viewer, "No company with this ID.", "input", "id"));
		}
		Company company = found.get();
		Optional<UserError> denied = this.policy.mayUpdateCompany(viewer, company.createdBy());
		if (denied.isPresent()) {
			return Outcome.failed(denied.get());
		}
		Checks checks = new Checks();
		if (input.name() != null) {
			checks.name(input.name(), "input", "name");
		}
		boolean reparent = input.parentSlug() != null;
		ObjectId parentId = company.parentId();
		if (reparent && !input.parentSlug().isEmpty()) {
			Optional<Company> parent = this.companies.bySlug(input.parentSlug());
			if (parent.isEmpty()) {
				checks.add(UserError.notFound("No company with the slug `" + input.parentSlug() + "`.", "input",
						"parentSlug"));
			}
			else if (parent.get().id().equals(company.id()) || parent.get().ancestorIds().contains(company.id())) {
				checks.invalid("`" + input.parentSlug() + "` is " + company.slug()
						+ " itself or below it; that parent would make a loop.", "input", "parentSlug");
			}
			else if (!parent.get().id().equals(company.parentId())) {
				// staying under the current parent needs no check: only a move joins another group
				Optional<UserError> refused = this.policy.mayAttachCompanyUnder(viewer, chainCreators(parent.get()));
				if (refused.isPresent()) {
					checks.add(refused.get());
				}
				else {
					parentId = parent.get().id();
				}
			}
		}
		else if (reparent) {
			parentId = null;
		}
		if (checks.failed()) {
			return checks.outcome();
		}
		String name = (input.name() != null) ? input.name() : company.name();
		Update update = new Update().set("name", name)
			.set("nameKey", SearchText.normalize(name))
			.set("terms", SearchText.terms(name, company.slug()))
			.set("kind", (input.kind() != null) ? input.kind() : company.kind())
			.set("parentId", parentId);
		if (input.website() != null) {
			update.set("website", website(input.website()));
		}
		boolean moves = reparent && !java.util.Objects.equals(parentId, company.parentId());
		ObjectId intent = moves ? this.pending.begin(TREE, company.id()) : null;
		Company changed = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(company.id())), update,
				FindAndModifyOptions.options().returnNew(true), Company.class);
		if (moves && parentId != null && chainReaches(parentId, company.id())) {
			// a concurrent move closed a loop after the check above; of the racing moves, the one that
			// writes last sees the loop here, so taking its parent back leaves no loop (other fields stay)
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(company.id())),
					new Update().set("parentId", company.parentId()), Company.class);
			recomputeSubtree(company.id());
			this.pending.end(intent);
			return Outcome.failed(UserError.of(UserErrorCode.INVALID_INPUT, "`" + input.parentSlug()
					+ "` moved below " + company.slug() + " meanwhile; that parent would make a loop.", "input",
					"parentSlug"));
		}
		if (moves) {
			changed = recomputeSubtree(company.id());
			this.pending.end(intent);
		}
		this.audit.record(viewer, "updateCompany", "Company", company.id(), null, null, null,
				"updated company " + company.slug() + (moves ? ", moved under "
						+ ((parentId != null) ? parentId.toHexString() : "nothing (top of its own group)") : ""));
		return Outcome.ok(changed);
	}

	/** Who created a company and each company above it, for the access policy. */
	private List<ObjectId> chainCreators(Company company) {
		List<ObjectId> creators = new ArrayList<>();
		creators.add(company.createdBy());
		List<ObjectId> ancestors = (company.ancestorIds() != null) ? company.ancestorIds() : List.of();
		Map<ObjectId, Company> above = this.companies.byIds(ancestors);
		ancestors.forEach((id) -> creators.add((above.get(id) != null) ? above.get(id).createdBy() : null));
		return creators;
	}

	/** Whether following {@code parentId} links up from {@code start} (fresh reads) reaches {@code target}. */
	private boolean chainReaches(ObjectId start, ObjectId target) {
		Set<ObjectId> seen = new HashSet<>();
		ObjectId up = start;
		while (up != null && seen.add(up)) {
			if (up.equals(target)) {
				return true;
			}
			Company parent = this.mongo.findById(up, Company.class);
			up = (parent != null) ? parent.parentId() : null;
		}
		return false;
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
		List<ObjectId> chain = new ArrayList<>();
		ObjectId up = root.parentId();
		while (up != null && !up.equals(rootId) && !chain.contains(up) && chain.size() < 64) {
			chain.add(up);
			Company parent = this.mongo.findById(up, Company.class);
			up = (parent != null) ? parent.parentId() : null;
		}
		Company updated = setChain(rootId, root.parentId(), chain);
		if (updated == null) {
			// moved again meanwhile: that move recomputes it
			return this.mongo.findById(rootId, Company.class);
		}
		Deque<Company> todo = new ArrayDeque<>(List.of(updated));
		Set<ObjectId> visited = new HashSet<>(List.of(rootId));
		while (!todo.isEmpty()) {
			Company parent = todo.pop();
			List<ObjectId> childChain = new ArrayList<>();
			childChain.add(parent.id());
			childChain.addAll(parent.ancestorIds());
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
	 * to its own move's recompute); null when it was not set.
	 */
	private Company setChain(ObjectId id, ObjectId parentId, List<ObjectId> ancestors) {
		ObjectId group = ancestors.isEmpty() ? id : ancestors.get(ancestors.size() - 1);
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
		return TREE;
	}

	@Override
	public void repair(ObjectId target) {
		recomputeSubtree(target);
	}

	private static String website(Object url) {
		return (url != null) ? url.toString() : null;
	}

	private static UserError duplicate(String slug) {
		return UserError.of(UserErrorCode.DUPLICATE, "A company with the slug `" + slug + "` exists.", "input", "slug");
	}

}
