package dev.marquee.company;

import java.util.List;

import dev.marquee.storage.HasId;
import org.bson.types.ObjectId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A company in its corporate tree. {@code groupId} (top of the parent chain, the company itself at the
 * top) and {@code ancestorIds} (parent first, group last) are kept correct on every write, so group
 * and subtree queries are single indexed reads.
 */
@Document("companies")
public record Company(@Id ObjectId id, String slug, String name, CompanyKind kind, String website, ObjectId parentId,
		ObjectId groupId, List<ObjectId> ancestorIds, ObjectId createdBy, String nameKey, List<String> terms)
		implements HasId {

	public static final String COLLECTION = "companies";

}
