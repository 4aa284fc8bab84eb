package dev.marquee.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.marquee.support.StandaloneApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A fresh embedded install starts with the AI on the Lot demo data, loaded once. */
class DemoDataIT {

	@TempDir
	Path dataDir;

	@Test
	void freshEmbeddedInstallServesTheDemoSeriesLoadedOnlyOnce() {
		try (StandaloneApplication app = StandaloneApplication.start(this.dataDir, "embedded")) {
			assertDemo(app.graphQl().documentName("demo").execute());
		}
		// a restart on the same data finds the database no longer empty and loads nothing twice
		try (StandaloneApplication app = StandaloneApplication.start(this.dataDir, "embedded")) {
			assertDemo(app.graphQl().documentName("demo").execute());
		}
	}

	private static void assertDemo(GraphQlTester.Response demo) {
		demo.errors().verify();
		demo.path("series.name").entity(String.class).isEqualTo("AI on the Lot");
		demo.path("series.editions.nodes[*].slug").entityList(String.class).containsExactly("ai-on-the-lot-2023",
				"ai-on-the-lot-2026");

		demo.path("series.editions.nodes[0].year").entity(Integer.class).isEqualTo(2023);
		demo.path("series.editions.nodes[0].format").entity(String.class).isEqualTo("HALF_DAY");
		demo.path("series.editions.nodes[0].attendance.reported").entity(Integer.class).isEqualTo(600);

		demo.path("series.editions.nodes[1].year").entity(Integer.class).isEqualTo(2026);
		demo.path("series.editions.nodes[1].format").entity(String.class).isEqualTo("MULTI_DAY");
		demo.path("series.editions.nodes[1].days").entity(Integer.class).isEqualTo(2);
		demo.path("series.editions.nodes[1].attendance.reported").entity(Integer.class).isEqualTo(2500);
		demo.path("series.editions.nodes[1].venue.city").entity(String.class).isEqualTo("Culver City");
		demo.path("series.editions.nodes[1].venue.country").entity(String.class).isEqualTo("US");
		demo.path("series.editions.nodes[1].host.slug").entity(String.class).isEqualTo("amazon-mgm-studios");
		demo.path("series.editions.nodes[1].tracks").entityList(Object.class).hasSize(4);

		List<Map<String, Object>> sponsorships = demo.path("series.editions.nodes[1].sponsorships")
			.entity(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.get();
		assertThat(sponsorships).extracting((s) -> s.get("tier") + " " + ((Map<?, ?>) s.get("company")).get("slug"))
			.containsExactlyInAnyOrder("TITLE amazon-mgm-studios", "PARTICIPATING prime-video",
					"PARTICIPATING aws");
		assertThat(sponsorships.get(0).get("tier")).as("most prominent tier first").isEqualTo("TITLE");
		demo.path("series.editions.nodes[1].sponsorships[*].company.group.slug").entityList(String.class)
			.containsExactly("amazon", "amazon", "amazon");
		demo.path("series.editions.nodes[0].sponsorships").entityList(Object.class).hasSize(0);
		demo.path("group.nodes[*].slug").entityList(String.class).containsExactly("amazon", "amazon-mgm-studios",
				"aws", "prime-video");

		demo.path("series.attendanceTrend.points[*].attendees").entityList(Integer.class).containsExactly(600, 2500);
		double growth = demo.path("series.attendanceTrend.growthFactor").entity(Double.class).get();
		double cagr = demo.path("series.attendanceTrend.cagr").entity(Double.class).get();
		assertThat(growth).isCloseTo(2500.0 / 600.0, within(1e-9));
		assertThat(cagr).isCloseTo(Math.pow(2500.0 / 600.0, 1.0 / 3.0) - 1, within(1e-9));
	}

}
