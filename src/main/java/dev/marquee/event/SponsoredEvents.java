package dev.marquee.event;

import java.util.Collection;
import java.util.Set;

import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;

/**
 * The editions that companies sponsor, for the {@code sponsorSlug} filter of {@link EventService}.
 * Implemented by the sponsorship feature, above {@code event}.
 */
public interface SponsoredEvents {

	/** Ids of the editions one of {@code companyIds} sponsors, among the sponsorships {@code viewer} may see. */
	Set<ObjectId> eventIdsSponsoredBy(Collection<ObjectId> companyIds, Viewer viewer);

}
