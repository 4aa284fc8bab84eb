package dev.marquee.company;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.marquee.graphql.Connection;
import dev.marquee.graphql.Page;
import dev.marquee.storage.SearchText;
import dev.marquee.storage.KeysetPager;
import dev.marquee.storage.Lookups;
import dev.marquee.storage.Ordering;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Companies and their corporate tree. */
@Service
public class CompanyService {

	static final Ordering<Company> BY_NAME = new Ordering<>("company-name", "nameKey", Direction.ASC,
			Company::nameKey);

	private final MongoTemplate mongo;

	private final KeysetPager pager;

	CompanyService(MongoTemplate mongo, KeysetPager pager) {
		this.mongo = mongo;
		this.pager = pager;
	}

	/** The {@code CompanyFilter} input of {@code companies}; every field optional, all given ones must hold. */
	record CompanyFilter(List<CompanyKind> kind, String groupSlug, String nameContains) {
	}

	public Optional<Company> bySlug(String slug) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(Criteria.where("slug").is(slug)), Company.class));
	}

	public Map<ObjectId, Company> byIds(Collection<ObjectId> ids) {
		return Lookups.byIds(this.mongo, Company.class, ids, null);
	}

	Connection<Company> list(CompanyFilter filter, Page page) {
		List<Criteria> parts = new ArrayList<>();
		if (filter != null) {
			if (filter.kind() != null && !filter.kind().isEmpty()) {
				parts.add(Criteria.where("kind").in(filter.kind()));
			}
			if (filter.groupSlug() != null) {
				Optional<Company> group = bySlug(filter.groupSlug());
				if (group.isEmpty()) {
					return KeysetPager.connection(List.of(), page, BY_NAME, () -> 0);
				}
				parts.add(Criteria.where("groupId").is(group.get().id()));
			}
			String contains = SearchText.normalize(filter.nameContains());
			if (!contains.isEmpty()) {
				parts.add(Criteria.where("nameKey").regex(SearchText.literalRegex(contains)));
			}
		}
		Criteria criteria = parts.isEmpty() ? new Criteria() : new Criteria().andOperator(parts);
		return this.pager.page(Company.class, criteria, BY_NAME, page);
	}

	/** Direct subsidiaries of each company, by name; one query for the whole batch. */
	Map<ObjectId, List<Company>> subsidiaries(Collection<ObjectId> parentIds) {
		Query query = Query.query(Criteria.where("parentId").in(parentIds))
			.with(Sort.by("nameKey", "_id"));
		Map<ObjectId, List<Company>> byParent = new HashMap<>();
		for (Company child : this.mongo.find(query, Company.class)) {
			byParent.computeIfAbsent(child.parentId(), (id) -> new ArrayList<>()).add(child);
		}
		return byParent;
	}

	/**
	 * Each company with every company below it (its subtree), in one query over {@code ancestorIds}.
	 * The company itself is the first id of its list.
	 */
	public Map<ObjectId, List<ObjectId>> subtrees(Collection<ObjectId> companyIds) {
		Map<ObjectId, List<ObjectId>> subtrees = new LinkedHashMap<>();
		companyIds.forEach((id) -> subtrees.put(id, new ArrayList<>(List.of(id))));
		Query query = Query.query(Criteria.where("ancestorIds").in(companyIds));
		query.fields().include("_id", "ancestorIds");
		for (Company below : this.mongo.find(query, Company.class)) {
			for (ObjectId ancestor : below.ancestorIds()) {
				List<ObjectId> subtree = subtrees.get(ancestor);
				if (subtree != null) {
					subtree.add(below.id());
				}
			}
		}
		return subtrees;
	}

	/** Ids of every company in the corporate group whose top is {@code groupId}, the top included. */
	public List<ObjectId> groupMemberIds(ObjectId groupId) {
		Query query = Query.query(Criteria.where("groupId").is(groupId));
		query.fields().include("_id");
		return this.mongo.find(query, Company.class).stream().map(Company::id).toList();
	}

}
