package dev.marquee.search;

import dev.marquee.company.Company;
import dev.marquee.company.CompanyKind;
import dev.marquee.event.Event;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/** Search across series, editions, companies, people and sessions: exact, then prefix, then word. */
class SearchIT extends IntegrationTest {

	@Test
	void exactNameComesBeforePrefixBeforeALaterWord() {
		this.fixtures.company("studio-eclair", "Studio Eclair");
		this.fixtures.company("eclair-studios", "Eclair Studios");
		this.fixtures.company("eclair", "Eclair");
		this.fixtures.company("unrelated", "Unrelated Pictures");

		search("eclair", 20).path("search[*].label").entityList(String.class).containsExactly("eclair",
				"eclair-studios", "studio-eclair");
	}

	@Test
	void exactSlugComesBeforeAPrefixOfTheName() {
		this.fixtures.company("aotl-labs", "Aotl Labs");
		this.fixtures.series("aotl", "AI on the Lot");

		search("aotl", 20).path("search[*].label").entityList(String.class).containsExactly("aotl", "aotl-labs");
	}

	@Test
	void searchIgnoresCaseAndAccents() {
		this.fixtures.company("eclair-studios", "Eclair Studios");
		this.fixtures.person("José Núñez", null);

		search("ÉCLAIR", 20).path("search[*].label").entityList(String.class).containsExactly("eclair-studios");
		search("jose NUNEZ", 20).path("search[*].label").entityList(String.class).containsExactly("José Núñez");
		search("núñ", 20).path("search[*].label").entityList(String.class).containsExactly("José Núñez");
	}

	@Test
	void searchFindsAllFiveKinds() {
		Company company = this.fixtures.company("nova-pictures", "Nova Pictures", CompanyKind.STUDIO);
		EventSeries series = this.fixtures.series("nova-series", "Nova Series");
		Event event = this.fixtures.event(series, "nova-night-2026").name("Nova Night 2026").create();
		this.fixtures.session(event, "Nova keynote").speakers(this.fixtures.person("Nova Reyes", company)).create();
		this.fixtures.company("other", "Other");

		assertThat(search("nova", 20).path("search[*].__typename").entityList(String.class).get())
			.containsExactlyInAnyOrder("EventSeries", "Event", "Company", "Person", "Session");
		assertThat(search("nova", 20).path("search[*].label").entityList(String.class).get())
			.containsExactlyInAnyOrder("nova-series", "nova-night-2026", "nova-pictures", "Nova Reyes", "Nova keynote");
	}

	@Test
	void searchReturnsAtMostFirstResultsBestFirst() {
		for (int i = 1; i <= 8; i++) {
			this.fixtures.company("acme-" + i, "Acme Unit " + i);
		}
		this.fixtures.company("acme", "Acme");

		search("acme", 3).path("search[*].label").entityList(String.class).hasSize(3).contains("acme");
		search("acme", 20).path("search").entityList(Object.class).hasSize(9);
		search("acme", 0).path("search").entityList(Object.class).hasSize(0);
	}

	@Test
	void blankOrPunctuationOnlyTextFindsNothing() {
		this.fixtures.company("acme", "Acme");

		search("   ", 20).path("search").entityList(Object.class).hasSize(0);
		search("-- !", 20).path("search").entityList(Object.class).hasSize(0);
	}

	private GraphQlTester.Response search(String text, int first) {
		GraphQlTester.Response response = this.graphQl.documentName("search")
			.variable("text", text)
			.variable("first", first)
			.execute();
		response.errors().verify();
		return response;
	}

}
