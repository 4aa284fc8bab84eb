package dev.marquee.event;

import java.util.List;
import java.util.Map;

import dev.marquee.company.Company;
import dev.marquee.company.CompanyKind;
import dev.marquee.series.EventSeries;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every field of {@code EventFilter}, alone and together; results in the default START_ASC order. */
class EventFilterIT extends IntegrationTest {

	@BeforeEach
	void fiveEditionsOfTwoSeriesSponsoredAcrossTwoGroups() {
		Company amazon = this.fixtures.company("amazon", "Amazon", CompanyKind.CONGLOMERATE);
		Company studios = this.fixtures.subsidiary(amazon, "amazon-mgm-studios", "Amazon MGM Studios");
		Company prime = this.fixtures.company("prime-video", "Prime Video", CompanyKind.STREAMER, amazon);
		Company aws = this.fixtures.company("aws", "AWS", CompanyKind.CLOUD_PROVIDER, amazon);
		Company netflix = this.fixtures.company("netflix", "Netflix", CompanyKind.STREAMER);
		EventSeries aotl = this.fixtures.series("aotl", "AI on the Lot");
		EventSeries vfx = this.fixtures.series("vfx-summit", "VFX Summit");

		Event aotl2023 = this.fixtures.event(aotl, "aotl-2023").status(EventStatus.COMPLETED)
			.startsAt("2023-05-16T13:00:00-07:00").venue("Culver City", "US").tracks("Pre-production").create();
		Event aotl2026 = this.fixtures.event(aotl, "aotl-2026").startsAt("2026-05-12T09:00:00-07:00")
			.venue("Culver City", "US").tracks("Visual effects", "Localization").create();
		Event vfx2026 = this.fixtures.event(vfx, "vfx-2026").status(EventStatus.ANNOUNCED)
			.startsAt("2026-09-01T09:00:00+02:00").timeZone("Europe/Zurich").venue("Zürich", "CH")
			.tracks("Visual Effects").create();
		Event vfx2025 = this.fixtures.event(vfx, "vfx-2025").status(EventStatus.CANCELLED)
			.startsAt("2025-09-01T09:00:00-04:00").timeZone("America/Toronto").venue("Montréal", "CA").create();
		Event draft = this.fixtures.event(vfx, "vfx-2027-draft").draft().startsAt("2027-01-01T09:00:00-08:00")
			.venue("Culver City", "US").tracks("Visual effects").create();

		this.fixtures.sponsor(aotl2023, studios, SponsorTier.TITLE);
		this.fixtures.sponsor(aotl2026, prime, SponsorTier.PARTICIPATING);
		this.fixtures.sponsor(vfx2025, aws, SponsorTier.GOLD);
		this.fixtures.sponsor(vfx2026, netflix, SponsorTier.GOLD);
		this.fixtures.sponsor(draft, prime, SponsorTier.TITLE);
	}

	@Test
	void noFilterListsEveryPublicEditionByStart() {
		assertThat(slugs(Map.of())).containsExactly("aotl-2023", "vfx-2025", "aotl-2026", "vfx-2026");
	}

	@Test
	void seriesSlugKeepsThatSeriesEditions() {
		assertThat(slugs(Map.of("seriesSlug", "aotl"))).containsExactly("aotl-2023", "aotl-2026");
	}

	@Test
	void yearKeepsEditionsStartingThatYear() {
		assertThat(slugs(Map.of("year", 2026))).containsExactly("aotl-2026", "vfx-2026");
	}

	@Test
	void startsAfterAndStartsBeforeBoundTheStart() {
		assertThat(slugs(Map.of("startsAfter", "2025-01-01T00:00:00Z"))).containsExactly("vfx-2025", "aotl-2026",
				"vfx-2026");
		assertThat(slugs(Map.of("startsBefore", "2026-06-01T00:00:00Z"))).containsExactly("aotl-2023", "vfx-2025",
				"aotl-2026");
		assertThat(slugs(Map.of("startsAfter", "2025-01-01T00:00:00Z", "startsBefore", "2026-06-01T00:00:00Z")))
			.containsExactly("vfx-2025", "aotl-2026");
	}

	@Test
	void cityMatchesWhateverTheCaseAndAccents() {
		assertThat(slugs(Map.of("city", "culver CITY"))).containsExactly("aotl-2023", "aotl-2026");
		assertThat(slugs(Map.of("city", "ZURICH"))).containsExactly("vfx-2026");
		assertThat(slugs(Map.of("city", "montreal"))).containsExactly("vfx-2025");
		assertThat(slugs(Map.of("city", "Zürich"))).containsExactly("vfx-2026");
		assertThat(slugs(Map.of("city", "Culver"))).as("the whole city, not a part").isEmpty();
	}

	@Test
	void countryKeepsEditionsInThatCountry() {
		assertThat(slugs(Map.of("country", "CH"))).containsExactly("vfx-2026");
		assertThat(slugs(Map.of("country", "US"))).containsExactly("aotl-2023", "aotl-2026");
		assertThat(slugs(Map.of("country", "FR"))).isEmpty();
	}

	@Test
	void statusKeepsAnyOfTheGivenStatuses() {
		assertThat(slugs(Map.of("status", List.of("COMPLETED", "CANCELLED")))).containsExactly("aotl-2023",
				"vfx-2025");
		assertThat(slugs(Map.of("status", List.of("ANNOUNCED")))).containsExactly("vfx-2026");
	}

	@Test
	void sponsorSlugKeepsEditionsThatCompanySponsors() {
		assertThat(slugs(Map.of("sponsorSlug", "prime-video"))).containsExactly("aotl-2026");
		assertThat(slugs(Map.of("sponsorSlug", "amazon-mgm-studios"))).containsExactly("aotl-2023");
		assertThat(slugs(Map.of("sponsorSlug", "amazon"))).as("the group top sponsors nothing itself").isEmpty();
	}

	@Test
	void sponsorSlugWithIncludeSponsorGroupAlsoKeepsEditionsOfSisterCompanies() {
		assertThat(slugs(Map.of("sponsorSlug", "prime-video", "includeSponsorGroup", true)))
			.containsExactly("aotl-2023", "vfx-2025", "aotl-2026");
		assertThat(slugs(Map.of("sponsorSlug", "amazon", "includeSponsorGroup", true)))
			.containsExactly("aotl-2023", "vfx-2025", "aotl-2026");
		assertThat(slugs(Map.of("sponsorSlug", "netflix", "includeSponsorGroup", true))).containsExactly("vfx-2026");
		assertThat(slugs(Map.of("sponsorSlug", "prime-video", "includeSponsorGroup", false)))
			.containsExactly("aotl-2026");
	}

	@Test
	void trackNameMatchesWhateverTheCase() {
		assertThat(slugs(Map.of("trackName", "visual effects"))).containsExactly("aotl-2026", "vfx-2026");
		assertThat(slugs(Map.of("trackName", "LOCALIZATION"))).containsExactly("aotl-2026");
	}

	@Test
	void filtersCombineWithAnd() {
		assertThat(slugs(Map.of("seriesSlug", "vfx-summit", "year", 2026))).containsExactly("vfx-2026");
		assertThat(slugs(Map.of("city", "Culver City", "trackName", "Pre-production"))).containsExactly("aotl-2023");
		assertThat(slugs(Map.of("seriesSlug", "aotl", "country", "CH"))).isEmpty();
	}

	@Test
	void unknownSlugsGiveAnEmptyConnectionNotAnError() {
		for (Map<String, Object> filter : List.<Map<String, Object>>of(Map.of("seriesSlug", "no-such-series"),
				Map.of("sponsorSlug", "no-such-company"),
				Map.of("sponsorSlug", "no-such-company", "includeSponsorGroup", true))) {
			this.graphQl.documentName("eventSlugsFiltered")
				.variable("filter", filter)
				.execute()
				.errors()
				.verify()
				.path("events.totalCount")
				.entity(Integer.class)
				.isEqualTo(0)
				.path("events.nodes")
				.entityList(Object.class)
				.hasSize(0);
		}
	}

	@Test
	void draftEditionsMatchNoFilter() {
		assertThat(slugs(Map.of("status", List.of("DRAFT")))).isEmpty();
		assertThat(slugs(Map.of("year", 2027))).isEmpty();
	}

	private List<String> slugs(Map<String, Object> filter) {
		var response = this.graphQl.documentName("eventSlugsFiltered").variable("filter", filter).execute();
		response.errors().verify();
		List<String> slugs = response.path("events.nodes[*].slug").entityList(String.class).get();
		response.path("events.totalCount").entity(Integer.class).isEqualTo(slugs.size());
		return slugs;
	}

}
