package dev.marquee.event;

import java.util.List;

import dev.marquee.company.Company;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.program.Session;
import dev.marquee.series.EventSeries;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.sponsorship.Sponsorship;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;

/** A DRAFT edition, its sponsorships and sessions are invisible on every public path. */
class DraftVisibilityIT extends IntegrationTest {

	private Event draft;

	private Sponsorship draftSponsorship;

	private Session draftSession;

	@BeforeEach
	void aPublishedAndADraftEditionSharingHostSponsorAndSpeaker() {
		Company parent = this.fixtures.company("host-group", "Host Group");
		Company host = this.fixtures.subsidiary(parent, "host", "Host");
		Person speaker = this.fixtures.person("Zora Quill", host);
		EventSeries series = this.fixtures.series("expo", "Expo");
		Event published = this.fixtures.event(series, "expo-2025").startsAt("2025-05-01T09:00:00-07:00").host(host)
			.reported(500).create();
		this.draft = this.fixtures.event(series, "expo-2026-secret").name("Secretive Expo 2026")
			.startsAt("2026-05-01T09:00:00-07:00").host(host).reported(900).draft().create();
		this.fixtures.sponsor(published, host, SponsorTier.GOLD);
		this.draftSponsorship = this.fixtures.sponsor(this.draft, host, SponsorTier.TITLE);
		this.fixtures.session(published, "Public keynote").at(0).speakers(speaker).create();
		this.draftSession = this.fixtures.session(this.draft, "Secretive keynote").at(0).speakers(speaker).create();
	}

	@Test
	void draftAppearsInNoPublicReadOfTheHub() {
		GraphQlTester.Response response = this.graphQl.documentName("draftVisibility")
			.variable("draft", "expo-2026-secret")
			.variable("series", "expo")
			.variable("host", "host")
			.variable("sponsor", "host-group")
			.variable("speakerSearch", "zora")
			.execute();

		response.errors().verify();
		response.path("event").valueIsNull();
		response.path("events.nodes[*].slug").entityList(String.class).containsExactly("expo-2025");
		response.path("drafts.totalCount").entity(Integer.class).isEqualTo(0);
		response.path("series.editions.totalCount").entity(Integer.class).isEqualTo(1);
		response.path("series.editions.nodes[*].slug").entityList(String.class).containsExactly("expo-2025");
		response.path("series.attendanceTrend.points[*].year").entityList(Integer.class).containsExactly(2025);
		response.path("series.sponsorRetention[*].years[*]").entityList(Integer.class).containsExactly(2025);
		response.path("host.hostedEvents[*].slug").entityList(String.class).containsExactly("expo-2025");
		response.path("sponsor.sponsorships").entityList(Object.class).hasSize(0);
		response.path("sponsor.treeSponsorships[*].event.slug").entityList(String.class).containsExactly("expo-2025");
		response.path("speakers[0].sessions[*].title").entityList(String.class).containsExactly("Public keynote");
	}

	@Test
	void draftAndItsSponsorshipsAndSessionsDoNotResolveById() {
		for (String id : List.of(GlobalId.encode("Event", this.draft.id()),
				GlobalId.encode("Sponsorship", this.draftSponsorship.id()),
				GlobalId.encode("Session", this.draftSession.id()))) {
			this.graphQl.documentName("node").variable("id", id).execute().errors().verify().path("node").valueIsNull();
		}
	}

	@Test
	void searchFindsNeitherTheDraftNorItsSessions() {
		this.graphQl.documentName("search")
			.variable("text", "secretive")
			.execute()
			.errors()
			.verify()
			.path("search")
			.entityList(Object.class)
			.hasSize(0);
		this.graphQl.documentName("search")
			.variable("text", "keynote")
			.execute()
			.path("search[*].label")
			.entityList(String.class)
			.containsExactly("Public keynote");
	}

}
