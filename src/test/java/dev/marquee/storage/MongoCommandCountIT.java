package dev.marquee.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.marquee.company.Company;
import dev.marquee.company.CompanyKind;
import dev.marquee.event.Event;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.sponsorship.SponsorTier;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The N+1 guard: a nested selection costs one MongoDB command per level that reads the database,
 * however many rows each level holds, so the page size does not change the count.
 */
class MongoCommandCountIT extends IntegrationTest {

	private Event keynoteEvent;

	@BeforeEach
	void aGroupSponsoringTwentyFourEventsAndAProgrammeWithCompanySpeakers() {
		Company top = this.fixtures.company("conglo", "Conglo", CompanyKind.CONGLOMERATE);
		List<Company> sponsors = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Company middle = this.fixtures.subsidiary(top, "middle-" + i, "Middle " + i);
			sponsors.add(middle);
			sponsors.add(this.fixtures.subsidiary(middle, "bottom-" + i + "a", "Bottom " + i + "a"));
			sponsors.add(this.fixtures.subsidiary(middle, "bottom-" + i + "b", "Bottom " + i + "b"));
		}
		EventSeries series = this.fixtures.series("expo", "Expo");
		for (int i = 0; i < 24; i++) {
			Event event = this.fixtures.event(series, "expo-%02d".formatted(i))
				.startsAt("2026-%02d-%02dT09:00:00-07:00".formatted(1 + i / 2, 1 + i))
				.create();
			for (int s = 0; s < 4; s++) {
				this.fixtures.sponsor(event, sponsors.get((i + s) % sponsors.size()), SponsorTier.values()[s]);
			}
			if (i == 0) {
				this.keynoteEvent = event;
			}
		}
		List<Person> speakers = new ArrayList<>();
		for (int p = 0; p < 12; p++) {
			speakers.add(this.fixtures.person("Speaker " + p, sponsors.get(p % sponsors.size())));
		}
		for (int s = 0; s < 30; s++) {
			this.fixtures.session(this.keynoteEvent, "Session " + s)
				.at(10 * s)
				.speakers(speakers.get(s % 12), speakers.get((s + 5) % 12))
				.create();
		}
	}

	/** events, their sponsorships, the sponsoring companies, those companies' groups. */
	@ParameterizedTest
	@ValueSource(ints = { 5, 20 })
	void eventsWithSponsorGroupsTakeOneCommandPerLevel(int pageSize) {
		Map<String, Integer> commands = count(() -> this.graphQl.documentName("eventsWithSponsorGroups")
			.variable("first", pageSize)
			.execute()
			.path("events.nodes[*].sponsorships[*].company.group.name")
			.entityList(String.class)
			.hasSize(pageSize * 4)
			.satisfies((names) -> assertThat(names).containsOnly("Conglo")));

		assertThat(commands).containsExactlyInAnyOrderEntriesOf(Map.of("find", 4));
	}

	/** the event, its sessions page, their speakers, the speakers' companies. */
	@ParameterizedTest
	@ValueSource(ints = { 5, 20 })
	void programmeWithSpeakerCompaniesTakesOneCommandPerLevel(int pageSize) {
		Map<String, Integer> commands = count(() -> this.graphQl.documentName("programmeWithSpeakerCompanies")
			.variable("slug", this.keynoteEvent.slug())
			.variable("first", pageSize)
			.execute()
			.path("event.sessions.nodes[*].speakers[*].company.name")
			.entityList(String.class)
			.hasSize(pageSize * 2));

		assertThat(commands).containsExactlyInAnyOrderEntriesOf(Map.of("find", 4));
	}

	private Map<String, Integer> count(Runnable request) {
		this.mongoCommands.reset();
		request.run();
		return this.mongoCommands.byName();
	}

}
