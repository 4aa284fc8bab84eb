package dev.marquee.company;

import java.util.List;

import dev.marquee.storage.HasId;
import dev.marquee.storage.SearchText;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A company in its corporate tree. {@code groupId} (top of the parent chain, the company itself at the
 * top) and {@code ancestorIds} (parent first, group last) are kept correct on every write, so group
 * and subtree queries are single indexed reads. Every derived field comes from here: {@link #of} for a
 * new company, {@link #nameKey} and {@link #terms} for a renamed one, {@link CompanyTree} for a move.
 */
@Document("companies")
public record Company(@Id ObjectId id, String slug, String name, CompanyKind kind, String website, ObjectId parentId,
		ObjectId groupId, List<ObjectId> ancestorIds, ObjectId createdBy, String nameKey, List<String> terms)
		implements HasId {

	public static final String COLLECTION = "companies";

	/**
	 * A new company under {@code parent} (or at the top of a new group) with its derived fields: group and
	 * ancestor chain from the parent's, name key and search terms from name and slug.
	 */
	public static Company of(ObjectId id, String slug, String name, CompanyKind kind, String website, Company parent,
			ObjectId createdBy) {
		List<ObjectId> ancestors = CompanyTree.chainUnder(parent);
		return new Company(id, slug, name, kind, website, (parent != null) ? parent.id() : null,
				CompanyTree.groupOf(id, ancestors), ancestors, createdBy, nameKey(name), terms(name, slug));
	}

	/** The sort and {@code nameContains} key: the normalised name. */
	static String nameKey(String name) {
		return SearchText.normalize(name);
	}

	/** The search terms of a company: its name and slug. */
	static List<String> terms(String name, String slug) {
		return SearchText.terms(name, slug);
	}

}
