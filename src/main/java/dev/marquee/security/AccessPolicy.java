package dev.marquee.security;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The one place that decides who may do and see what. Services and controllers ask it; nobody else
 * checks roles or grants (ModuleLayersTest holds that: only {@code security} reads a viewer's roles).
 * <ul>
 * <li>ADMIN: everything.</li>
 * <li>ORGANIZER: create series (and is granted them), companies and people; manage events, sessions,
 * sponsorships, attendance, registrations and webhooks of the series granted to it; update a company it
 * created, and put companies only under a group it created; see and register only the people its series
 * hold or registered, and public speakers.</li>
 * <li>Anyone: the public read API, without drafts and personal data.</li>
 * </ul>
 */
@Component
public class AccessPolicy {

	private static final String SIGN_IN = "Sign in with a bearer token from POST /auth/token to change the hub.";

	/**
	 * The answer when the object a change names is not there, or not visible to the caller: NOT_FOUND
	 * for signed-in callers, the sign-in FORBIDDEN for anonymous ones (who learn nothing either way).
	 */
	public UserError missing(Viewer viewer, String message, String... field) {
		return viewer.isSignedIn() ? UserError.notFound(message, field) : UserError.forbidden(SIGN_IN);
	}

	public Optional<UserError> mayCreateSeries(Viewer viewer) {
		return signedInOrganizer(viewer, "Only organizers and admins create series.");
	}

	public Optional<UserError> mayCreateCompany(Viewer viewer) {
		return signedInOrganizer(viewer, "Only organizers and admins create companies.");
	}

	public Optional<UserError> mayCreatePerson(Viewer viewer) {
		return signedInOrganizer(viewer, "Only organizers and admins create people.");
	}

	public Optional<UserError> mayUpdateCompany(Viewer viewer, ObjectId createdBy) {
		if (!viewer.isSignedIn()) {
			return Optional.of(UserError.forbidden(SIGN_IN));
		}
		if (viewer.isAdmin() || (viewer.isOrganizer() && viewer.accountId() != null
				&& viewer.accountId().equals(createdBy))) {
			return Optional.empty();
		}
		return Optional.of(UserError.forbidden("Only an admin or the organizer who created this company may change it."));
	}

	/** Events, sessions, sponsorships, attendance and registrations of a series. */
	public Optional<UserError> mayOrganize(Viewer viewer, ObjectId seriesId) {
		if (!viewer.isSignedIn()) {
			return Optional.of(UserError.forbidden(SIGN_IN));
		}
		return viewer.organizes(seriesId) ? Optional.empty()
				: Optional.of(UserError.forbidden("You do not organize this series."));
	}

	/**
	 * Webhooks of a series (creating, deleting and redelivering them, reading them and their deliveries):
	 * its organizers and admins.
	 */
	public Optional<UserError> mayManageWebhooks(Viewer viewer, ObjectId seriesId) {
		if (!viewer.isSignedIn()) {
			return Optional.of(UserError.forbidden(SIGN_IN));
		}
		return viewer.organizes(seriesId) ? Optional.empty()
				: Optional.of(UserError.forbidden("Only the organizers of this series manage its webhooks."));
	}

	public Optional<UserError> mayAdminister(Viewer viewer) {
		if (!viewer.isSignedIn()) {
			return Optional.of(UserError.forbidden(SIGN_IN));
		}
		return viewer.isAdmin() ? Optional.empty() : Optional.of(UserError.forbidden("Only admins may do this."));
	}

	/**
	 * Documents of one's own when only trusted documents are run ({@code marquee.graphql.persisted-only}):
	 * organizers and admins; everyone else runs the manifest's.
	 */
	public boolean mayRunAnyDocument(Viewer viewer) {
		return viewer.isOrganizer();
	}

	/** The audit log: admins. */
	public boolean maySeeAuditLog(Viewer viewer) {
		return viewer.isAdmin();
	}

	/** An account (as a node, with its grants): itself and admins. */
	public boolean maySeeAccount(Viewer viewer, ObjectId accountId) {
		return viewer.isAdmin() || (accountId != null && accountId.equals(viewer.accountId()));
	}

	/** Admins organize every series, whatever their grants say. */
	public boolean organizesEverySeries(Collection<Role> roles) {
		return roles.contains(Role.ADMIN);
	}

	/** {@link #organizesEverySeries(Collection)} for the caller. */
	public boolean organizesEverySeries(Viewer viewer) {
		return viewer.isAdmin();
	}

	/**
	 * The series granted to an organizer (for an admin, its grants alone: see
	 * {@link #organizesEverySeries(Viewer)}); none for anyone else.
	 */
	public Set<ObjectId> grantedSeries(Viewer viewer) {
		return viewer.isOrganizer() ? viewer.seriesIds() : Set.of();
	}

	/** A local account that creates a series is granted it, unless it is an admin (who organizes all). */
	public boolean isGrantedWhatItCreates(Viewer viewer) {
		return viewer.accountId() != null && !viewer.isAdmin();
	}

	/** Exact counts of an edition's audience (no suppression of small numbers): its organizers and admins. */
	public boolean maySeeExactCounts(Viewer viewer, ObjectId seriesId) {
		return viewer.organizes(seriesId);
	}

	/** Personal data (emails, registrations) of a series: its organizers and admins. */
	public boolean maySeePersonalData(Viewer viewer, ObjectId seriesId) {
		return viewer.organizes(seriesId);
	}

	/**
	 * Whether the viewer may reach a person at all (see it by id, register it, schedule it): a public
	 * speaker profile, a person held by a series the viewer organizes, or anyone for admins. People
	 * registered in a series the viewer organizes are reachable too; the caller that reads
	 * registrations adds those. Anything else answers exactly like an id that does not exist.
	 */
	public boolean maySeePerson(Viewer viewer, boolean publicProfile, ObjectId holdingSeriesId) {
		return publicProfile || viewer.organizes(holdingSeriesId);
	}

	/**
	 * A person's email and registrations as data: admins and organizers of the series holding the
	 * person (none for people held by no series: speaker profiles and documents from before
	 * series-held people).
	 */
	public boolean maySeePersonEmail(Viewer viewer, ObjectId holdingSeriesId) {
		return viewer.organizes(holdingSeriesId);
	}

	/** The Criteria twin of {@link #maySeePerson}, for search: listed people, plus those the viewer's series hold. */
	public Criteria visiblePeople(Viewer viewer) {
		return visible(viewer, Criteria.where("unlisted").ne(true), "seriesId");
	}

	/** The Java twin of {@link #visibleEvents}, for an edition read by {@code _id}: public, or a draft of the viewer's series. */
	public boolean maySeeEvent(boolean published, ObjectId seriesId, Viewer viewer) {
		return published || viewer.organizes(seriesId);
	}

	/** Events the viewer may see: all but drafts, plus drafts of the series it organizes. */
	public Criteria visibleEvents(Viewer viewer) {
		return visible(viewer, Criteria.where("status").ne("DRAFT"), "seriesId");
	}

	/** Sessions and sponsorships (which carry their edition's draft flag and series). */
	public Criteria visibleEventParts(Viewer viewer) {
		return visible(viewer, Criteria.where("draft").is(false), "seriesId");
	}

	private static Criteria visible(Viewer viewer, Criteria published, String seriesField) {
		if (viewer.isAdmin()) {
			return new Criteria();
		}
		if (viewer.isOrganizer() && !viewer.seriesIds().isEmpty()) {
			return new Criteria().orOperator(published, Criteria.where(seriesField).in(viewer.seriesIds()));
		}
		return published;
	}

	private static Optional<UserError> signedInOrganizer(Viewer viewer, String message) {
		if (!viewer.isSignedIn()) {
			return Optional.of(UserError.forbidden(SIGN_IN));
		}
		return viewer.isOrganizer() ? Optional.empty() : Optional.of(UserError.forbidden(message));
	}

	/**
	 * Putting a company under a parent (creating it there or moving it): an admin under any company; an
	 * organizer only under a company that it created, like every company above it, so that the group it
	 * joins is its own. The refusal names no owner.
	 * @param chainCreatedBy who created the parent and each company above it (null: nobody's account)
	 */
	public Optional<UserError> mayAttachCompanyUnder(Viewer viewer, Collection<ObjectId> chainCreatedBy) {
		if (!viewer.isSignedIn()) {
			return Optional.of(UserError.forbidden(SIGN_IN));
		}
		if (viewer.isAdmin()) {
			return Optional.empty();
		}
		boolean ownGroup = viewer.isOrganizer() && viewer.accountId() != null && !chainCreatedBy.isEmpty()
				&& chainCreatedBy.stream().allMatch(viewer.accountId()::equals);
		return ownGroup ? Optional.empty()
				: Optional.of(UserError.of(UserErrorCode.FORBIDDEN,
						"A company can be put only under a company of a group you created.", "input", "parentSlug"));
	}

}
