package dev.marquee.company;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.marquee.audit.AuditLog;
import dev.marquee.changes.ChangeKind;
import dev.marquee.changes.ChangeLog;
import dev.marquee.graphql.Checks;
import dev.marquee.graphql.GlobalId;
import dev.marquee.graphql.Outcome;
import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
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
 * ancestor chain of its whole subtree ({@link CompanyTree}, from the {@code parentId} links, the source
 * of truth) under a pending-write intent, so an interrupted move is finished at the next start.
 */
@Service
public class CompanyCommands {

	private final MongoTemplate mongo;

	private final CompanyService companies;

	private final AccessPolicy policy;

	private final AuditLog audit;

	private final PendingWrites pending;

	private final CompanyTree tree;

	private final ChangeLog changeLog;

	CompanyCommands(MongoTemplate mongo, CompanyService companies, AccessPolicy policy, AuditLog audit,
			PendingWrites pending, CompanyTree tree, ChangeLog changeLog) {
		this.tree = tree;
		this.changeLog = changeLog;
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
			Company company = insert(input.slug(), input.name(), input.kind(), website(input.website()), parent,
					viewer.accountId());
			this.changeLog.append(ChangeKind.COMPANY, null, null, company.id(),
					new org.bson.Document("action", "created").append("parentId", company.parentId()));
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
			else if (CompanyTree.isAtOrBelow(parent.get(), company.id())) {
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
			.set("nameKey", Company.nameKey(name))
			.set("terms", Company.terms(name, company.slug()))
			.set("kind", (input.kind() != null) ? input.kind() : company.kind())
			.set("parentId", parentId);
		if (input.website() != null) {
			update.set("website", website(input.website()));
		}
		boolean moves = reparent && !Objects.equals(parentId, company.parentId());
		ObjectId intent = moves ? this.pending.begin(CompanyTree.KIND, company.id()) : null;
		Company changed = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(company.id())), update,
				FindAndModifyOptions.options().returnNew(true), Company.class);
		if (moves && parentId != null && this.tree.walkUp(parentId, company.id()).reachedStop()) {
			// a concurrent move closed a loop after the check above; of the racing moves, the one that
			// writes last sees the loop here, so taking its parent back leaves no loop (other fields stay)
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(company.id())),
					new Update().set("parentId", company.parentId()), Company.class);
			this.tree.recomputeSubtree(company.id());
			this.pending.end(intent);
			return Outcome.failed(UserError.of(UserErrorCode.INVALID_INPUT, "`" + input.parentSlug()
					+ "` moved below " + company.slug() + " meanwhile; that parent would make a loop.", "input",
					"parentSlug"));
		}
		if (moves) {
			changed = this.tree.recomputeSubtree(company.id());
		}
		this.changeLog.append(ChangeKind.COMPANY, null, null, company.id(),
				new org.bson.Document("action", "updated").append("moved", moves).append("parentId", parentId));
		if (moves) {
			this.pending.end(intent);
		}
		this.audit.record(viewer, "updateCompany", "Company", company.id(), null, null, null,
				"updated company " + company.slug() + (moves ? ", moved under "
						+ ((parentId != null) ? parentId.toHexString() : "nothing (top of its own group)") : ""));
		return Outcome.ok(changed);
	}

	/**
	 * Inserts a company under {@code parent} (or at the top of a new group) without policy checks, with
	 * its derived fields ({@link Company#of}): for {@link #create} and the demo data.
	 */
	public Company insert(String slug, String name, CompanyKind kind, String website, Company parent,
			ObjectId createdBy) {
		return this.mongo.insert(Company.of(new ObjectId(), slug, name, kind, website, parent, createdBy));
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

	private static String website(Object url) {
		return (url != null) ? url.toString() : null;
	}

	private static UserError duplicate(String slug) {
		return UserError.of(UserErrorCode.DUPLICATE, "A company with the slug `" + slug + "` exists.", "input", "slug");
	}

}
