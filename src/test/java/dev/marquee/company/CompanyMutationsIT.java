package dev.marquee.company;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.marquee.account.Account;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Company and sponsorship mutations: references that must exist, no loops, groups that follow a move. */
class CompanyMutationsIT extends IntegrationTest {

	private HttpGraphQlTester admin;

	@BeforeEach
	void anAdmin() {
		this.admin = graphQlAs(this.fixtures.token(this.fixtures.admin("root")));
	}

	@Test
	void aParentThatWouldMakeALoopIsInvalidAndChangesNothing() {
		Company a = this.fixtures.company("a", "A");
		Company b = this.fixtures.subsidiary(a, "b", "B");
		this.fixtures.subsidiary(b, "c", "C");
		List<Document> before = companies();

		for (String parent : List.of("c", "b", "a")) {
			GraphQlTester.Response response = updateCompany(a, Map.of("parentSlug", parent));
			response.path("updateCompany.company").valueIsNull();
			response.path("updateCompany.errors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
			response.path("updateCompany.errors[0].field").entityList(String.class).containsExactly("input",
					"parentSlug");
		}

		assertThat(companies()).isEqualTo(before);
	}

	@Test
	void reparentingMovesTheWholeSubtreeIntoTheNewGroup() {
		Company x = this.fixtures.company("x", "X");
		Company a = this.fixtures.company("a", "A");
		Company b = this.fixtures.subsidiary(a, "b", "B");
		this.fixtures.subsidiary(b, "c", "C");

		updateCompany(b, Map.of("parentSlug", "x")).path("updateCompany.company.group.slug")
			.entity(String.class)
			.isEqualTo("x");

		assertThat(groups()).containsEntry("a", "a").containsEntry("b", "x").containsEntry("c", "x").containsEntry("x", "x");
		this.graphQl.documentName("companySlugsFiltered")
			.variable("filter", Map.of("groupSlug", "x"))
			.execute()
			.path("companies.nodes[*].slug")
			.entityList(String.class)
			.satisfies((slugs) -> assertThat(slugs).containsExactlyInAnyOrder("x", "b", "c"));

		updateCompany(b, Map.of("parentSlug", "")).path("updateCompany.company.group.slug")
			.entity(String.class)
			.isEqualTo("b");
		assertThat(groups()).containsEntry("b", "b").containsEntry("c", "b");
	}

	@Test
	void referencedSlugsAndIdsMustExist() {
		this.admin.documentName("createCompany")
			.variable("input", Map.of("slug", "orphan", "name", "Orphan", "kind", "STUDIO", "parentSlug", "nobody"))
			.execute()
			.path("createCompany.errors[0]")
			.entity(Map.class)
			.satisfies((error) -> assertThat(error).containsEntry("code", "NOT_FOUND")
				.containsEntry("field", List.of("input", "parentSlug")));
		this.admin.documentName("updateCompany")
			.variable("input", Map.of("id", GlobalId.encode("Company", new org.bson.types.ObjectId()), "name", "N"))
			.execute()
			.path("updateCompany.errors[0]")
			.entity(Map.class)
			.satisfies((error) -> assertThat(error).containsEntry("code", "NOT_FOUND")
				.containsEntry("field", List.of("input", "id")));
		Event event = this.fixtures.event(this.fixtures.series("expo", "Expo"), "expo-2026").create();
		this.admin.documentName("addSponsorship")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", event.id()), "companySlug", "nobody", "tier",
					"GOLD"))
			.execute()
			.path("addSponsorship.errors[0]")
			.entity(Map.class)
			.satisfies((error) -> assertThat(error).containsEntry("code", "NOT_FOUND")
				.containsEntry("field", List.of("input", "companySlug")));
		this.admin.documentName("createSeries")
			.variable("input", Map.of("slug", "summit", "name", "Summit", "organizerSlug", "nobody"))
			.execute()
			.path("createSeries.errors[0]")
			.entity(Map.class)
			.satisfies((error) -> assertThat(error).containsEntry("code", "NOT_FOUND")
				.containsEntry("field", List.of("input", "organizerSlug")));
		assertThat(this.mongo.getCollection("companies").countDocuments()).isZero();
		assertThat(this.mongo.getCollection("sponsorships").countDocuments()).isZero();
	}

	@Test
	void aCompanySponsoringTheSameEditionTwiceIsDuplicate() {
		EventSeries expo = this.fixtures.series("expo", "Expo");
		Event event = this.fixtures.event(expo, "expo-2026").create();
		this.fixtures.company("acme", "Acme");
		Map<String, Object> input = Map.of("eventId", GlobalId.encode("Event", event.id()), "companySlug", "acme",
				"tier", "GOLD");

		this.admin.documentName("addSponsorship").variable("input", input).execute().path("addSponsorship.sponsorship.tier")
			.entity(String.class)
			.isEqualTo("GOLD");
		GraphQlTester.Response again = this.admin.documentName("addSponsorship")
			.variable("input", Map.of("eventId", input.get("eventId"), "companySlug", "acme", "tier", "TITLE"))
			.execute();

		again.path("addSponsorship.sponsorship").valueIsNull();
		again.path("addSponsorship.errors[0].code").entity(String.class).isEqualTo("DUPLICATE");
		again.path("addSponsorship.errors[0].field").entityList(String.class).containsExactly("input", "companySlug");
		assertThat(this.mongo.getCollection("sponsorships").countDocuments()).isEqualTo(1);
	}

	@Test
	void aDuplicateCompanySlugIsDuplicateAndAnInvalidOneIsInvalid() {
		this.fixtures.company("acme", "Acme");

		this.admin.documentName("createCompany")
			.variable("input", Map.of("slug", "acme", "name", "Acme again", "kind", "STUDIO"))
			.execute()
			.path("createCompany.errors[0].code")
			.entity(String.class)
			.isEqualTo("DUPLICATE");
		this.admin.documentName("createCompany")
			.variable("input", Map.of("slug", "Acme Two", "name", "", "kind", "STUDIO"))
			.execute()
			.path("createCompany.errors[*].field")
			.entityList(Object.class)
			.satisfies((fields) -> assertThat(fields).containsExactly(List.of("input", "slug"), List.of("input", "name")));
	}

	@Test
	void twoMovesRacingToPutEachCompanyUnderTheOtherNeverLeaveALoop() throws Exception {
		java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			// several pairs, one race each, so a lost race shows more surely than with one
			for (int pair = 0; pair < 10; pair++) {
				Company a = this.fixtures.company("a-" + pair, "A " + pair);
				Company b = this.fixtures.company("b-" + pair, "B " + pair);
				java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
				var aUnderB = clients.submit(() -> {
					start.await();
					return updateCompany(a, Map.of("parentSlug", b.slug()));
				});
				var bUnderA = clients.submit(() -> {
					start.await();
					return updateCompany(b, Map.of("parentSlug", a.slug()));
				});
				start.countDown();
				List<List<String>> codes = List.of(
						aUnderB.get(60, java.util.concurrent.TimeUnit.SECONDS)
							.path("updateCompany.errors[*].code").entityList(String.class).get(),
						bUnderA.get(60, java.util.concurrent.TimeUnit.SECONDS)
							.path("updateCompany.errors[*].code").entityList(String.class).get());
				assertThat(codes).as("pair %d", pair)
					.allSatisfy((c) -> assertThat(c).isIn(List.of(), List.of("INVALID_INPUT")))
					.filteredOn(List::isEmpty)
					.hasSizeLessThanOrEqualTo(1);

				Company storedA = this.mongo.findById(a.id(), Company.class);
				Company storedB = this.mongo.findById(b.id(), Company.class);
				assertThat(b.id().equals(storedA.parentId()) && a.id().equals(storedB.parentId()))
					.as("pair %d: %s and %s are each other's parent", pair, a.slug(), b.slug())
					.isFalse();
				assertThat(storedA.ancestorIds()).doesNotContain(a.id());
				assertThat(storedB.ancestorIds()).doesNotContain(b.id());
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void anOrganizerCannotCreateItsCompanyUnderAGroupItDoesNotOwn() {
		Account organizer = this.fixtures.organizer("b-organizer");
		Account other = this.fixtures.organizer("c-organizer");
		Company amazon = this.fixtures.company("amazon", "Amazon");
		this.fixtures.company("c-corp", "C Corp", other);
		// B's own company that an admin placed in Amazon's group: B does not own the group above it
		Company placed = this.fixtures.company("b-placed", "B Placed", organizer);
		updateCompany(placed, Map.of("parentSlug", amazon.slug())).path("updateCompany.errors").entityList(Map.class)
			.hasSize(0);
		HttpGraphQlTester b = graphQlAs(this.fixtures.token(organizer));
		List<Document> before = companies();

		for (String parent : List.of("amazon", "c-corp", "b-placed")) {
			GraphQlTester.Response response = b.documentName("createCompany")
				.variable("input", Map.of("slug", "b-studio", "name", "B Studio", "kind", "STUDIO", "parentSlug", parent))
				.execute();
			response.path("createCompany.company").valueIsNull();
			response.path("createCompany.errors[0]").entity(Map.class).satisfies((error) -> assertThat(error)
				.containsEntry("code", "FORBIDDEN")
				.containsEntry("field", List.of("input", "parentSlug")));
		}

		assertThat(companies()).isEqualTo(before);
	}

	@Test
	void anOrganizerCannotMoveItsCompanyUnderAGroupItDoesNotOwn() {
		Account organizer = this.fixtures.organizer("b-organizer");
		Account other = this.fixtures.organizer("c-organizer");
		Company amazon = this.fixtures.company("amazon", "Amazon");
		Company prime = this.fixtures.subsidiary(amazon, "prime", "Prime");
		this.fixtures.company("c-corp", "C Corp", other);
		Company mine = this.fixtures.company("b-co", "B Co", organizer);
		HttpGraphQlTester b = graphQlAs(this.fixtures.token(organizer));
		List<Document> before = companies();

		for (String parent : List.of("amazon", prime.slug(), "c-corp")) {
			GraphQlTester.Response response = b.documentName("updateCompany")
				.variable("input", Map.of("id", GlobalId.encode("Company", mine.id()), "name", "Renamed", "parentSlug",
						parent))
				.execute();
			response.path("updateCompany.company").valueIsNull();
			response.path("updateCompany.errors[0]").entity(Map.class).satisfies((error) -> assertThat(error)
				.containsEntry("code", "FORBIDDEN")
				.containsEntry("field", List.of("input", "parentSlug")));
		}

		assertThat(companies()).isEqualTo(before);
	}

	@Test
	void anOrganizerBuildsItsOwnGroupAndAdminsAttachAnywhere() {
		Account organizer = this.fixtures.organizer("b-organizer");
		Company amazon = this.fixtures.company("amazon", "Amazon");
		Company other = this.fixtures.company("b-other", "B Other", organizer);
		HttpGraphQlTester b = graphQlAs(this.fixtures.token(organizer));

		b.documentName("createCompany")
			.variable("input", Map.of("slug", "b-top", "name", "B Top", "kind", "CONGLOMERATE"))
			.execute()
			.path("createCompany.errors").entityList(Map.class).hasSize(0);
		b.documentName("createCompany")
			.variable("input", Map.of("slug", "b-sub", "name", "B Sub", "kind", "STUDIO", "parentSlug", "b-top"))
			.execute()
			.path("createCompany.company.group.slug").entity(String.class).isEqualTo("b-top");
		b.documentName("updateCompany")
			.variable("input", Map.of("id", GlobalId.encode("Company", other.id()), "parentSlug", "b-sub"))
			.execute()
			.path("updateCompany.company.group.slug").entity(String.class).isEqualTo("b-top");

		this.admin.documentName("createCompany")
			.variable("input", Map.of("slug", "aws", "name", "AWS", "kind", "CLOUD_PROVIDER", "parentSlug", "amazon"))
			.execute()
			.path("createCompany.company.group.slug").entity(String.class).isEqualTo("amazon");
		updateCompany(other, Map.of("parentSlug", amazon.slug())).path("updateCompany.company.group.slug")
			.entity(String.class)
			.isEqualTo("amazon");
		// once there, B may still change its company without moving it
		b.documentName("updateCompany")
			.variable("input", Map.of("id", GlobalId.encode("Company", other.id()), "name", "B Other Renamed",
					"parentSlug", "amazon"))
			.execute()
			.path("updateCompany.company.name").entity(String.class).isEqualTo("B Other Renamed");
	}

	private GraphQlTester.Response updateCompany(Company company, Map<String, Object> changes) {
		Map<String, Object> input = new HashMap<>(changes);
		input.put("id", GlobalId.encode("Company", company.id()));
		return this.admin.documentName("updateCompany").variable("input", input).execute();
	}

	private List<Document> companies() {
		return this.mongo.getCollection("companies").find().sort(new Document("_id", 1)).into(new java.util.ArrayList<>());
	}

	/** Each company's slug mapped to its group's slug, as the API answers them. */
	@SuppressWarnings("unchecked")
	private Map<String, String> groups() {
		Map<String, String> groups = new HashMap<>();
		List<Map<String, Object>> nodes = (List<Map<String, Object>>) (List<?>) this.graphQl.documentName("companyGroups")
			.execute()
			.path("companies.nodes")
			.entityList(Map.class)
			.get();
		nodes.forEach((n) -> groups.put((String) n.get("slug"), (String) ((Map<String, Object>) n.get("group")).get("slug")));
		return groups;
	}

}
