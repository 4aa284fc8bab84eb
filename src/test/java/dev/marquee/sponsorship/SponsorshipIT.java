package dev.marquee.sponsorship;

import java.util.List;

import dev.marquee.company.Company;
import dev.marquee.event.Event;
import dev.marquee.event.EventStatus;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** An edition's sponsors by tier, sponsor retention across a series, and the attendance trend. */
class SponsorshipIT extends IntegrationTest {

	@BeforeEach
	void threeEditionsWithReturningAndOneOffSponsors() {
		Company acme = this.fixtures.company("acme", "Acme");
		Company bolt = this.fixtures.company("bolt", "Bolt");
		Company core = this.fixtures.company("core", "Core");
		EventSeries series = this.fixtures.series("expo", "Expo");
		Event y2023 = this.fixtures.event(series, "expo-2023").status(EventStatus.COMPLETED)
			.startsAt("2023-05-01T09:00:00-07:00").reported(600).create();
		Event y2024 = this.fixtures.event(series, "expo-2024").status(EventStatus.CANCELLED)
			.startsAt("2024-05-01T09:00:00-07:00").reported(10).create();
		Event y2026 = this.fixtures.event(series, "expo-2026").startsAt("2026-05-01T09:00:00-07:00").reported(2500)
			.create();
		this.fixtures.event(series, "expo-2027").startsAt("2027-05-01T09:00:00-07:00").create();
		this.fixtures.sponsor(y2023, acme, SponsorTier.GOLD);
		this.fixtures.sponsor(y2024, acme, SponsorTier.GOLD);
		this.fixtures.sponsor(y2026, core, SponsorTier.PARTNER);
		this.fixtures.sponsor(y2026, acme, SponsorTier.SILVER);
		this.fixtures.sponsor(y2026, bolt, SponsorTier.TITLE);
	}

	@Test
	void sponsorshipsComeMostProminentTierFirstAndFilterByTier() {
		GraphQlTester.Response all = query(null);
		all.path("series.editions.nodes[2].sponsorships[*].company.slug").entityList(String.class)
			.containsExactly("bolt", "acme", "core");

		GraphQlTester.Response someTiers = query(List.of("TITLE", "PARTNER"));
		someTiers.path("series.editions.nodes[2].sponsorships[*].company.slug").entityList(String.class)
			.containsExactly("bolt", "core");
		someTiers.path("series.editions.nodes[0].sponsorships").entityList(Object.class).hasSize(0);
	}

	@Test
	void retentionListsYearsPerSponsorMostLoyalFirst() {
		GraphQlTester.Response response = query(null);
		response.path("series.sponsorRetention[*].company.slug").entityList(String.class).containsExactly("acme",
				"bolt", "core");
		response.path("series.sponsorRetention[0].years").entityList(Integer.class).containsExactly(2023, 2024, 2026);
		response.path("series.sponsorRetention[0].returning").entity(Boolean.class).isEqualTo(true);
		response.path("series.sponsorRetention[1].years").entityList(Integer.class).containsExactly(2026);
		response.path("series.sponsorRetention[1].returning").entity(Boolean.class).isEqualTo(false);
	}

	@Test
	void trendSkipsCancelledAndFutureEditionsAndCompoundsOverTheYears() {
		GraphQlTester.Response response = query(null);
		response.path("series.attendanceTrend.points[*].event.slug").entityList(String.class)
			.containsExactly("expo-2023", "expo-2026");
		response.path("series.attendanceTrend.growthFactor").entity(Double.class)
			.satisfies((growth) -> assertThat(growth)
				.isCloseTo(2500.0 / 600.0, within(1e-9)));
		response.path("series.attendanceTrend.cagr").entity(Double.class)
			.satisfies((cagr) -> assertThat(cagr)
				.isCloseTo(Math.pow(2500.0 / 600.0, 1.0 / 3) - 1, within(1e-9)));
	}

	@Test
	void startsAtIsWrittenWithTheOffsetOfTheEditionsTimeZone() {
		query(null).path("series.editions.nodes[0].startsAt").entity(String.class)
			.isEqualTo("2023-05-01T09:00:00.000-07:00");
	}

	private GraphQlTester.Response query(List<String> tiers) {
		GraphQlTester.Response response = this.graphQl.documentName("seriesSponsorsAndTrend")
			.variable("slug", "expo")
			.variable("tiers", tiers)
			.execute();
		response.errors().verify();
		return response;
	}

}
