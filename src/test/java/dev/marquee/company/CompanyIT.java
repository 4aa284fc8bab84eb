package dev.marquee.company;

import java.util.List;
import java.util.Map;

import dev.marquee.event.Event;
import dev.marquee.series.EventSeries;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The corporate tree (group, parent, subsidiaries, sponsorships below) and {@code CompanyFilter}. */
class CompanyIT extends IntegrationTest {

	private Company amazon;

	@BeforeEach
	void threeLevelGroupAndAnotherGroup() {
		Company amazon = this.fixtures.company("amazon", "Amazon", CompanyKind.CONGLOMERATE);
		this.amazon = amazon;
		Company studios = this.fixtures.subsidiary(amazon, "amazon-mgm-studios", "Amazon MGM Studios");
		Company tv = this.fixtures.company("mgm-television", "MGM Télévision", CompanyKind.STUDIO, studios);
		Company prime = this.fixtures.company("prime-video", "Prime Video", CompanyKind.STREAMER, amazon);
		Company netflix = this.fixtures.company("netflix", "Netflix", CompanyKind.STREAMER);
		this.fixtures.company("eclair", "Éclair Studios", CompanyKind.VFX_POST);

		EventSeries series = this.fixtures.series("aotl", "AI on the Lot");
		Event y2024 = this.fixtures.event(series, "aotl-2024").startsAt("2024-05-01T09:00:00-07:00").create();
		Event y2025 = this.fixtures.event(series, "aotl-2025").startsAt("2025-05-01T09:00:00-07:00").host(studios)
			.create();
		Event y2026 = this.fixtures.event(series, "aotl-2026").startsAt("2026-05-01T09:00:00-07:00").create();
		this.fixtures.sponsor(y2024, amazon, SponsorTier.PRESENTING);
		this.fixtures.sponsor(y2025, studios, SponsorTier.TITLE);
		this.fixtures.sponsor(y2025, prime, SponsorTier.GOLD);
		this.fixtures.sponsor(y2026, tv, SponsorTier.SILVER);
		this.fixtures.sponsor(y2026, netflix, SponsorTier.TITLE);
	}

	@Test
	void groupTopIsItsOwnGroupWithoutParentAndSubsidiariesByName() {
		GraphQlTester.Response tree = tree("amazon");

		tree.path("company.group.slug").entity(String.class).isEqualTo("amazon");
		tree.path("company.parent").valueIsNull();
		tree.path("company.subsidiaries[*].slug").entityList(String.class).containsExactly("amazon-mgm-studios",
				"prime-video");
		tree.path("company.subsidiaries[0].subsidiaries[*].slug").entityList(String.class)
			.containsExactly("mgm-television");
	}

	@Test
	void grandchildKnowsItsParentChainAndGroup() {
		GraphQlTester.Response tree = tree("mgm-television");

		tree.path("company.parent.slug").entity(String.class).isEqualTo("amazon-mgm-studios");
		tree.path("company.parent.parent.slug").entity(String.class).isEqualTo("amazon");
		tree.path("company.group.slug").entity(String.class).isEqualTo("amazon");
		tree.path("company.subsidiaries").entityList(Object.class).hasSize(0);
	}

	@Test
	void sponsorshipsAreTheCompanysOwnUnlessSubsidiariesAreIncluded() {
		GraphQlTester.Response top = tree("amazon");
		top.path("company.ownSponsorships[*].event.slug").entityList(String.class).containsExactly("aotl-2024");
		// newest edition first; within one, the newest sponsorship first
		assertThat(sponsorships(top, "treeSponsorships")).containsExactly("aotl-2026 mgm-television SILVER",
				"aotl-2025 prime-video GOLD", "aotl-2025 amazon-mgm-studios TITLE", "aotl-2024 amazon PRESENTING");

		GraphQlTester.Response middle = tree("amazon-mgm-studios");
		assertThat(sponsorships(middle, "ownSponsorships")).containsExactly("aotl-2025 amazon-mgm-studios TITLE");
		assertThat(sponsorships(middle, "treeSponsorships")).containsExactly("aotl-2026 mgm-television SILVER",
				"aotl-2025 amazon-mgm-studios TITLE");

		GraphQlTester.Response leaf = tree("mgm-television");
		assertThat(sponsorships(leaf, "treeSponsorships")).containsExactly("aotl-2026 mgm-television SILVER");
	}

	@Test
	void groupSponsorshipsAreTheNewestHundredByDefaultAndAllOfThemPageByPage() {
		Company amazon = this.amazon;
		Event y2027 = this.fixtures.event(this.fixtures.series("big", "Big"), "big-2027")
			.startsAt("2027-05-01T09:00:00-07:00")
			.create();
		for (int i = 0; i < 104; i++) {
			this.fixtures.sponsor(y2027, this.fixtures.subsidiary(amazon, "unit-%03d".formatted(i), "Unit " + i),
					SponsorTier.PARTNER);
		}
		// 104 on 2027, then the 4 of the tree above: 108

		GraphQlTester.Response two = pages("amazon", 2, 20, null);
		assertThat(two.path("company.newest[*].company.slug").entityList(String.class).get())
			.containsExactly("unit-103", "unit-102");
		two.path("company.byDefault").entityList(Object.class).hasSize(100);

		List<String> walked = new java.util.ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			GraphQlTester.Response page = pages("amazon", 0, 40, after);
			walked.addAll(page.path("company.page.nodes[*].company.slug").entityList(String.class).get());
			page.path("company.page.totalCount").entity(Integer.class).isEqualTo(108);
			after = page.path("company.page.pageInfo.hasNextPage").entity(Boolean.class).get()
					? page.path("company.page.pageInfo.endCursor").entity(String.class).get() : null;
			pages++;
		}
		while (after != null);
		assertThat(pages).isEqualTo(3);
		assertThat(walked).hasSize(108).doesNotHaveDuplicates().startsWith("unit-103").endsWith("prime-video",
				"amazon-mgm-studios", "amazon");
	}

	@Test
	void aGroupsSponsorshipsFollowACompanyThatMovesAndAnEditionThatMoves() {
		dev.marquee.support.Fixtures f = this.fixtures;
		org.springframework.graphql.test.tester.HttpGraphQlTester admin = graphQlAs(f.token(f.admin("root")));
		// Netflix (sponsoring 2026) joins Amazon's group under Prime Video
		admin.documentName("updateCompany")
			.variable("input", Map.of("id", dev.marquee.graphql.GlobalId.encode("Company", companyId("netflix")),
					"parentSlug", "prime-video"))
			.execute()
			.path("updateCompany.errors").entityList(Object.class).hasSize(0);
		assertThat(sponsorships(tree("amazon"), "treeSponsorships")).contains("aotl-2026 netflix TITLE");

		// the 2024 edition moves to 2027: newest first now
		Event y2024 = this.mongo.findOne(org.springframework.data.mongodb.core.query.Query
			.query(org.springframework.data.mongodb.core.query.Criteria.where("slug").is("aotl-2024")), Event.class);
		String organizer = f.token(f.organizer("olivia", this.mongo.findById(y2024.seriesId(), EventSeries.class)));
		graphQlAs(organizer).documentName("updateEvent")
			.variable("input", Map.of("id", dev.marquee.graphql.GlobalId.encode("Event", y2024.id()), "expectedVersion",
					y2024.version(), "startsAt", "2027-06-01T09:00:00-07:00", "endsAt", "2027-06-01T17:00:00-07:00"))
			.execute()
			.path("updateEvent.errors").entityList(Object.class).hasSize(0);
		assertThat(sponsorships(tree("amazon"), "treeSponsorships")).first().isEqualTo("aotl-2024 amazon PRESENTING");
		assertThat(pages("amazon", 1, 2, null).path("company.newest[*].company.slug").entityList(String.class).get())
			.containsExactly("amazon");
	}

	private org.bson.types.ObjectId companyId(String slug) {
		return this.mongo.findOne(org.springframework.data.mongodb.core.query.Query
			.query(org.springframework.data.mongodb.core.query.Criteria.where("slug").is(slug)), Company.class).id();
	}

	@Test
	void aSponsorshipPageLargerThanAHundredIsRefused() {
		this.graphQl.documentName("companySponsorshipPages")
			.variable("slug", "amazon")
			.variable("first", 101)
			.execute()
			.errors()
			.expect((error) -> error.getMessage().contains("`first` must be between 0 and 100"))
			.verify();
	}

	@Test
	void hostedEventsAreTheEditionsTheCompanyHosts() {
		tree("amazon-mgm-studios").path("company.hostedEvents[*].slug").entityList(String.class)
			.containsExactly("aotl-2025");
		tree("amazon").path("company.hostedEvents").entityList(Object.class).hasSize(0);
	}

	@Test
	void kindKeepsCompaniesOfAnyGivenKind() {
		assertThat(slugs(Map.of("kind", List.of("STREAMER")))).containsExactly("netflix", "prime-video");
		assertThat(slugs(Map.of("kind", List.of("CONGLOMERATE", "VFX_POST")))).containsExactly("amazon", "eclair");
	}

	@Test
	void groupSlugKeepsTheWholeGroupIncludingItsTopAndNoOtherGroup() {
		assertThat(slugs(Map.of("groupSlug", "amazon"))).containsExactly("amazon", "amazon-mgm-studios",
				"mgm-television", "prime-video");
		assertThat(slugs(Map.of("groupSlug", "netflix"))).containsExactly("netflix");
	}

	@Test
	void groupSlugOfACompanyBelowTheTopFindsNothing() {
		assertThat(slugs(Map.of("groupSlug", "amazon-mgm-studios"))).isEmpty();
	}

	@Test
	void unknownGroupSlugGivesAnEmptyConnectionNotAnError() {
		assertThat(slugs(Map.of("groupSlug", "no-such-group"))).isEmpty();
	}

	@Test
	void nameContainsMatchesAnyPartWhateverTheCaseAndAccents() {
		assertThat(slugs(Map.of("nameContains", "ÉCLAIR"))).containsExactly("eclair");
		assertThat(slugs(Map.of("nameContains", "eclair"))).containsExactly("eclair");
		assertThat(slugs(Map.of("nameContains", "television"))).containsExactly("mgm-television");
		assertThat(slugs(Map.of("nameContains", "STUDIOS"))).containsExactly("amazon-mgm-studios", "eclair");
		assertThat(slugs(Map.of("nameContains", "mgm", "kind", List.of("STUDIO")))).containsExactly(
				"amazon-mgm-studios", "mgm-television");
		assertThat(slugs(Map.of("nameContains", "amazon studios"))).as("one contiguous part, not words anywhere")
			.isEmpty();
	}

	private GraphQlTester.Response pages(String slug, int first, int pageSize, String after) {
		GraphQlTester.Response response = this.graphQl.documentName("companySponsorshipPages")
			.variable("slug", slug)
			.variable("first", first)
			.variable("pageSize", pageSize)
			.variable("after", after)
			.execute();
		response.errors().verify();
		return response;
	}

	private GraphQlTester.Response tree(String slug) {
		GraphQlTester.Response response = this.graphQl.documentName("companyTree").variable("slug", slug).execute();
		response.errors().verify();
		return response;
	}

	private static List<String> sponsorships(GraphQlTester.Response tree, String alias) {
		List<Map<String, Object>> rows = tree.path("company." + alias)
			.entity(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.get();
		return rows.stream()
			.map((row) -> ((Map<?, ?>) row.get("event")).get("slug") + " " + ((Map<?, ?>) row.get("company")).get("slug")
					+ " " + row.get("tier"))
			.toList();
	}

	private List<String> slugs(Map<String, Object> filter) {
		GraphQlTester.Response response = this.graphQl.documentName("companySlugsFiltered")
			.variable("filter", filter)
			.execute();
		response.errors().verify();
		List<String> slugs = response.path("companies.nodes[*].slug").entityList(String.class).get();
		response.path("companies.totalCount").entity(Integer.class).isEqualTo(slugs.size());
		return slugs;
	}

}
