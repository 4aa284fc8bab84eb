package dev.marquee.company;

import org.bson.types.ObjectId;

/**
 * A feature that keeps a copy of a company's group (the root of its corporate tree) on its own documents,
 * so group reads need no tree walk. Told by {@link CompanyTree} after a company's group changes;
 * must be idempotent. Implemented above {@code company}; Spring injects every implementation.
 */
public interface CompanyCopies {

	void syncCompanyGroup(ObjectId companyId, ObjectId groupId);

}
