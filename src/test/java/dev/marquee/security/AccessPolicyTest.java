package dev.marquee.security;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.marquee.graphql.UserError;
import dev.marquee.graphql.UserErrorCode;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Who may see and do what, rule by rule, for every kind of caller. The objects belong to the series
 * "expo": its organizer Olga created the company, holds the person and drafts the edition; Oscar
 * organizes another series; an external organizer (a token of another issuer, no local account) is
 * granted expo too; a member is signed in without a role; the admin has no grants at all.
 */
class AccessPolicyTest {

	private static final ObjectId EXPO = new ObjectId();

	private static final ObjectId OTHER = new ObjectId();

	private static final ObjectId OLGA = new ObjectId();

	private static final ObjectId OSCAR = new ObjectId();

	private static final Map<String, Viewer> CALLERS = Map.of("anonymous", Viewer.ANONYMOUS, "member",
			new Viewer(new ObjectId(), "mia", Set.of(), Set.of()), "externalOrganizer",
			new Viewer(null, "ext|eve", Set.of(Role.ORGANIZER), Set.of(EXPO)), "otherOrganizer",
			new Viewer(OSCAR, "oscar", Set.of(Role.ORGANIZER), Set.of(OTHER)), "organizer",
			new Viewer(OLGA, "olga", Set.of(Role.ORGANIZER), Set.of(EXPO)), "admin",
			new Viewer(new ObjectId(), "root", Set.of(Role.ADMIN), Set.of()));

	/**
	 * The answer of each rule to each caller. Changes: {@code OK}, {@code SIGN_IN} (FORBIDDEN, asking to
	 * sign in), or the refusal's code. Reads: {@code yes} or {@code no}.
	 */
	private static final String RULES = """
			rule                             | anonymous | member    | externalOrganizer | otherOrganizer | organizer | admin
			createSeries                     | SIGN_IN   | FORBIDDEN | OK                | OK             | OK        | OK
			createCompany                    | SIGN_IN   | FORBIDDEN | OK                | OK             | OK        | OK
			createPerson                     | SIGN_IN   | FORBIDDEN | OK                | OK             | OK        | OK
			updateCompanyOlgaCreated         | SIGN_IN   | FORBIDDEN | FORBIDDEN         | FORBIDDEN      | OK        | OK
			updateCompanyNoAccountCreated    | SIGN_IN   | FORBIDDEN | FORBIDDEN         | FORBIDDEN      | FORBIDDEN | OK
			organizeExpo                     | SIGN_IN   | FORBIDDEN | OK                | FORBIDDEN      | OK        | OK
			organizeNoSeries                 | SIGN_IN   | FORBIDDEN | FORBIDDEN         | FORBIDDEN      | FORBIDDEN | OK
			administer                       | SIGN_IN   | FORBIDDEN | FORBIDDEN         | FORBIDDEN      | FORBIDDEN | OK
			manageWebhooksOfExpo             | SIGN_IN   | FORBIDDEN | OK                | FORBIDDEN      | OK        | OK
			attachUnderOlgasGroup            | SIGN_IN   | FORBIDDEN | FORBIDDEN         | FORBIDDEN      | OK        | OK
			attachUnderAMixedGroup           | SIGN_IN   | FORBIDDEN | FORBIDDEN         | FORBIDDEN      | FORBIDDEN | OK
			attachUnderNoAccountsCompany     | SIGN_IN   | FORBIDDEN | FORBIDDEN         | FORBIDDEN      | FORBIDDEN | OK
			attachUnderNothing               | SIGN_IN   | FORBIDDEN | FORBIDDEN         | FORBIDDEN      | FORBIDDEN | OK
			changeWhatIsMissing              | SIGN_IN   | NOT_FOUND | NOT_FOUND         | NOT_FOUND      | NOT_FOUND | NOT_FOUND
			seeAuditLog                      | no        | no        | no                | no             | no        | yes
			seeOlgasAccount                  | no        | no        | no                | no             | yes       | yes
			organizeEverySeries              | no        | no        | no                | no             | no        | yes
			beGrantedWhatItCreates           | no        | yes       | no                | yes            | yes       | no
			seeExactCountsOfExpo             | no        | no        | yes               | no             | yes       | yes
			seePersonalDataOfExpo            | no        | no        | yes               | no             | yes       | yes
			seeEmailOfAPersonExpoHolds       | no        | no        | yes               | no             | yes       | yes
			seeEmailOfAPersonNoSeriesHolds   | no        | no        | no                | no             | no        | yes
			seeAPublicSpeaker                | yes       | yes       | yes               | yes            | yes       | yes
			seeAPersonExpoHolds              | no        | no        | yes               | no             | yes       | yes
			seeAPersonNoSeriesHolds          | no        | no        | no                | no             | no        | yes
			seeAPublishedEditionOfExpo       | yes       | yes       | yes               | yes            | yes       | yes
			seeADraftOfExpo                  | no        | no        | yes               | no             | yes       | yes
			""";

	private static final Map<String, Function<Viewer, Object>> RULE = Map.ofEntries(
			Map.entry("createSeries", (v) -> policy().mayCreateSeries(v)),
			Map.entry("createCompany", (v) -> policy().mayCreateCompany(v)),
			Map.entry("createPerson", (v) -> policy().mayCreatePerson(v)),
			Map.entry("updateCompanyOlgaCreated", (v) -> policy().mayUpdateCompany(v, OLGA)),
			Map.entry("updateCompanyNoAccountCreated", (v) -> policy().mayUpdateCompany(v, null)),
			Map.entry("organizeExpo", (v) -> policy().mayOrganize(v, EXPO)),
			Map.entry("organizeNoSeries", (v) -> policy().mayOrganize(v, null)),
			Map.entry("administer", (v) -> policy().mayAdminister(v)),
			Map.entry("manageWebhooksOfExpo", (v) -> policy().mayManageWebhooks(v, EXPO)),
			Map.entry("attachUnderOlgasGroup", (v) -> policy().mayAttachCompanyUnder(v, List.of(OLGA, OLGA))),
			Map.entry("attachUnderAMixedGroup", (v) -> policy().mayAttachCompanyUnder(v, List.of(OLGA, OSCAR))),
			Map.entry("attachUnderNoAccountsCompany",
					(v) -> policy().mayAttachCompanyUnder(v, Arrays.asList(OLGA, null))),
			Map.entry("attachUnderNothing", (v) -> policy().mayAttachCompanyUnder(v, List.of())),
			Map.entry("changeWhatIsMissing", (v) -> Optional.of(policy().missing(v, "No event has this id.", "id"))),
			Map.entry("seeAuditLog", (v) -> policy().maySeeAuditLog(v)),
			Map.entry("seeOlgasAccount", (v) -> policy().maySeeAccount(v, OLGA)),
			Map.entry("organizeEverySeries", (v) -> policy().organizesEverySeries(v)),
			Map.entry("beGrantedWhatItCreates", (v) -> policy().isGrantedWhatItCreates(v)),
			Map.entry("seeExactCountsOfExpo", (v) -> policy().maySeeExactCounts(v, EXPO)),
			Map.entry("seePersonalDataOfExpo", (v) -> policy().maySeePersonalData(v, EXPO)),
			Map.entry("seeEmailOfAPersonExpoHolds", (v) -> policy().maySeePersonEmail(v, EXPO)),
			Map.entry("seeEmailOfAPersonNoSeriesHolds", (v) -> policy().maySeePersonEmail(v, null)),
			Map.entry("seeAPublicSpeaker", (v) -> policy().maySeePerson(v, true, null)),
			Map.entry("seeAPersonExpoHolds", (v) -> policy().maySeePerson(v, false, EXPO)),
			Map.entry("seeAPersonNoSeriesHolds", (v) -> policy().maySeePerson(v, false, null)),
			Map.entry("seeAPublishedEditionOfExpo", (v) -> policy().maySeeEvent(true, EXPO, v)),
			Map.entry("seeADraftOfExpo", (v) -> policy().maySeeEvent(false, EXPO, v)));

	private static final String SIGN_IN = "Sign in with a bearer token from POST /auth/token to change the hub.";

	private static AccessPolicy policy() {
		return new AccessPolicy();
	}

	static Stream<Arguments> rules() {
		List<List<String>> rows = RULES.lines().filter((line) -> !line.isBlank()).map(AccessPolicyTest::cells).toList();
		List<String> callers = rows.get(0).subList(1, rows.get(0).size());
		return rows.stream()
			.skip(1)
			.flatMap((row) -> callers.stream()
				.map((caller) -> Arguments.of(row.get(0), caller, row.get(callers.indexOf(caller) + 1))));
	}

	@Test
	void theTableCoversEveryRuleAndEveryCaller() {
		assertThat(rules().map((rule) -> (String) rule.get()[0]).distinct()).containsExactlyInAnyOrderElementsOf(RULE.keySet());
		assertThat(cells(RULES.lines().findFirst().orElseThrow()).subList(1, 7))
			.containsExactlyInAnyOrderElementsOf(CALLERS.keySet());
	}

	@ParameterizedTest(name = "{0} as {1}: {2}")
	@MethodSource("rules")
	void eachRuleAnswersEachCallerAsTheTableSays(String rule, String caller, String expected) {
		Object answer = RULE.get(rule).apply(CALLERS.get(caller));

		assertThat(describe(answer)).isEqualTo(expected);
	}

	@Test
	void aRefusalSaysWhatItTakesAndNamesNoOwner() {
		Viewer oscar = CALLERS.get("otherOrganizer");

		assertThat(policy().mayCreateSeries(CALLERS.get("member")))
			.contains(UserError.forbidden("Only organizers and admins create series."));
		assertThat(policy().mayOrganize(oscar, EXPO)).contains(UserError.forbidden("You do not organize this series."));
		assertThat(policy().mayUpdateCompany(oscar, OLGA)).contains(
				UserError.forbidden("Only an admin or the organizer who created this company may change it."));
		assertThat(policy().mayAttachCompanyUnder(oscar, List.of(OLGA))).contains(UserError.of(UserErrorCode.FORBIDDEN,
				"A company can be put only under a company of a group you created.", "input", "parentSlug"));
		assertThat(policy().mayAdminister(oscar)).contains(UserError.forbidden("Only admins may do this."));
	}

	@Test
	void whatIsMissingIsNotFoundForTheSignedInAndTheSignInRefusalForAnonymousCallers() {
		assertThat(policy().missing(CALLERS.get("organizer"), "No event has this id.", "id"))
			.isEqualTo(new UserError(UserErrorCode.NOT_FOUND, List.of("id"), "No event has this id."));
		// anonymous callers learn nothing about what exists
		assertThat(policy().missing(Viewer.ANONYMOUS, "No event has this id.", "id"))
			.isEqualTo(new UserError(UserErrorCode.FORBIDDEN, null, SIGN_IN));
	}

	@Test
	void anOrganizerIsGrantedItsSeriesAndAnAdminOnlyItsOwnGrants() {
		ObjectId granted = new ObjectId();
		Viewer adminWithAGrant = new Viewer(new ObjectId(), "root", Set.of(Role.ADMIN), Set.of(granted));

		assertThat(policy().grantedSeries(CALLERS.get("organizer"))).containsExactly(EXPO);
		assertThat(policy().grantedSeries(adminWithAGrant)).containsExactly(granted);
		assertThat(policy().grantedSeries(CALLERS.get("admin"))).isEmpty();
		assertThat(policy().grantedSeries(new Viewer(new ObjectId(), "mia", Set.of(), Set.of(EXPO)))).isEmpty();
		assertThat(policy().grantedSeries(Viewer.ANONYMOUS)).isEmpty();
	}

	@Test
	void adminsOrganizeEverySeriesByTheirRoleAlone() {
		assertThat(policy().organizesEverySeries(Set.of(Role.ADMIN))).isTrue();
		assertThat(policy().organizesEverySeries(Set.of(Role.ADMIN, Role.ORGANIZER))).isTrue();
		assertThat(policy().organizesEverySeries(Set.of(Role.ORGANIZER))).isFalse();
		assertThat(policy().organizesEverySeries(Set.of())).isFalse();
	}

	@Test
	void anAccountIsSeenByItselfAndByAdminsOnly() {
		assertThat(policy().maySeeAccount(CALLERS.get("organizer"), OLGA)).isTrue();
		assertThat(policy().maySeeAccount(CALLERS.get("organizer"), OSCAR)).isFalse();
		// a viewer without a local account is nobody's account
		assertThat(policy().maySeeAccount(Viewer.ANONYMOUS, null)).isFalse();
		assertThat(policy().maySeeAccount(CALLERS.get("externalOrganizer"), null)).isFalse();
	}

	@Test
	void adminsSeeEveryEditionAndSessionAndPerson() {
		Document everything = new Document();

		assertThat(criteria(policy().visibleEvents(CALLERS.get("admin")))).isEqualTo(query(everything));
		assertThat(criteria(policy().visibleEventParts(CALLERS.get("admin")))).isEqualTo(query(everything));
		assertThat(criteria(policy().visiblePeople(CALLERS.get("admin")))).isEqualTo(query(everything));
	}

	@Test
	void anOrganizerSeesWhatIsPublishedAndWhatItsSeriesHold() {
		Viewer olga = CALLERS.get("organizer");
		Document ofExpo = new Document("seriesId", new Document("$in", List.of(EXPO)));

		assertThat(criteria(policy().visibleEvents(olga))).isEqualTo(
				query(new Document("$or", List.of(new Document("status", new Document("$ne", "DRAFT")), ofExpo))));
		assertThat(criteria(policy().visibleEventParts(olga)))
			.isEqualTo(query(new Document("$or", List.of(new Document("draft", false), ofExpo))));
		assertThat(criteria(policy().visiblePeople(olga))).isEqualTo(
				query(new Document("$or", List.of(new Document("unlisted", new Document("$ne", true)), ofExpo))));
	}

	@Test
	void everyoneElseSeesOnlyWhatIsPublished() {
		Viewer organizerOfNothing = new Viewer(new ObjectId(), "nina", Set.of(Role.ORGANIZER), Set.of());
		// grants without the organizer role open nothing
		Viewer memberWithGrants = new Viewer(new ObjectId(), "mia", Set.of(), Set.of(EXPO));

		for (Viewer viewer : List.of(Viewer.ANONYMOUS, memberWithGrants, organizerOfNothing)) {
			assertThat(criteria(policy().visibleEvents(viewer))).as(String.valueOf(viewer.username()))
				.isEqualTo(query(new Document("status", new Document("$ne", "DRAFT"))));
			assertThat(criteria(policy().visibleEventParts(viewer))).as(String.valueOf(viewer.username()))
				.isEqualTo(query(new Document("draft", false)));
			assertThat(criteria(policy().visiblePeople(viewer))).as(String.valueOf(viewer.username()))
				.isEqualTo(query(new Document("unlisted", new Document("$ne", true))));
		}
	}

	@Test
	void grantsWithoutTheOrganizerRoleOrganizeNothing() {
		Viewer memberWithGrants = new Viewer(new ObjectId(), "mia", Set.of(), Set.of(EXPO));

		assertThat(policy().mayOrganize(memberWithGrants, EXPO)).isPresent();
		assertThat(policy().maySeeEvent(false, EXPO, memberWithGrants)).isFalse();
		assertThat(policy().maySeePersonalData(memberWithGrants, EXPO)).isFalse();
	}

	/** The query a criteria sends, as JSON (Spring keeps lists of several kinds inside). */
	private static String criteria(Criteria criteria) {
		return criteria.getCriteriaObject().toJson();
	}

	private static String query(Document query) {
		return query.toJson();
	}

	private static String describe(Object answer) {
		if (answer instanceof Boolean allowed) {
			return allowed ? "yes" : "no";
		}
		Optional<?> refusal = (Optional<?>) answer;
		if (refusal.isEmpty()) {
			return "OK";
		}
		UserError error = (UserError) refusal.get();
		return error.message().equals(SIGN_IN) ? "SIGN_IN" : error.code().name();
	}

	private static List<String> cells(String line) {
		return Arrays.stream(line.split("\\|")).map(String::trim).toList();
	}

}
