package dev.marquee.storage;

import java.nio.file.Path;

import dev.marquee.company.Company;
import dev.marquee.event.Event;
import dev.marquee.series.EventSeries;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.support.Fixtures;
import dev.marquee.support.StandaloneApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps its data in a file: what one run writes, the next one reads. */
class EmbeddedRestartIT {

	@TempDir
	Path dataDir;

	@Test
	void dataWrittenBeforeARestartIsServedAfterIt() {
		String eventId;
		try (StandaloneApplication app = StandaloneApplication.start(this.dataDir, "never")) {
			Fixtures fixtures = app.fixtures();
			Company host = fixtures.company("persisto", "Persisto Studios");
			EventSeries series = fixtures.series("restart-days", "Restart Days");
			Event event = fixtures.event(series, "restart-days-2026").host(host).tracks("Storage").reported(42)
				.create();
			fixtures.sponsor(event, host, SponsorTier.GOLD);
			fixtures.session(event, "Surviving restarts").track("Storage").at(30)
				.speakers(fixtures.person("Ada Durable", host)).create();
			eventId = app.graphQl().document("{ event(slug: \"restart-days-2026\") { id } }").execute()
				.path("event.id").entity(String.class).get();
		}
		assertThat(this.dataDir.resolve("marquee.mv")).exists();

		try (StandaloneApplication app = StandaloneApplication.start(this.dataDir, "never")) {
			var response = app.graphQl().document("""
					query($id: ID!) {
					  node(id: $id) { id }
					  event(slug: "restart-days-2026") {
					    name host { name } series { slug } attendance { reported }
					    sponsorships { tier company { slug } }
					    sessions(trackName: "storage") { totalCount nodes { title speakers { name company { slug } } } }
					  }
					  search(text: "persisto") { __typename }
					}""").variable("id", eventId).execute();
			response.errors().verify();
			response.path("node.id").entity(String.class).isEqualTo(eventId);
			response.path("event.host.name").entity(String.class).isEqualTo("Persisto Studios");
			response.path("event.series.slug").entity(String.class).isEqualTo("restart-days");
			response.path("event.attendance.reported").entity(Integer.class).isEqualTo(42);
			response.path("event.sponsorships[0].company.slug").entity(String.class).isEqualTo("persisto");
			response.path("event.sessions.totalCount").entity(Integer.class).isEqualTo(1);
			response.path("event.sessions.nodes[0].speakers[0].company.slug").entity(String.class)
				.isEqualTo("persisto");
			response.path("search[*].__typename").entityList(String.class).containsExactly("Company");
		}
	}

}
