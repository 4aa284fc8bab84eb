package dev.marquee.graphql;

import java.util.Map;

import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.MediaType;

/**
 * With budgets off ({@code marquee.rate-limit.enabled: false}, as in this suite) an answer still says what it
 * cost, without {@code throttleStatus} or RateLimit headers, and reads no bucket. Budgets on: {@link RateLimitIT}.
 */
class CostExtensionIT extends IntegrationTest {

	@Test
	void withBudgetsOffAnAnswerStillCarriesItsCostButNoThrottleStatus() {
		this.fixtures.company("cost-one", "Cost One");
		this.mongoCommands.reset();

		this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ companies(first: 10) { nodes { slug name } } }"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("RateLimit-Limit")
			.expectBody()
			.jsonPath("$.extensions.cost.requestedQueryCost")
			.isEqualTo(1 + 1 + 10 * 2)
			.jsonPath("$.extensions.cost.actualQueryCost")
			.isEqualTo(1 + 1 + 2)
			.jsonPath("$.extensions.cost.throttleStatus")
			.doesNotExist();
		assertThat(this.mongo.getCollectionNames()).doesNotContain(RateBuckets.COLLECTION);
	}

	@Test
	void aQueryRefusedForItsCostSaysWhatItWouldHaveCost() {
		this.graphQl.documentName("tooExpensive")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getMessage()).contains("maximum query complexity exceeded")));
		this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query",
					"{ companies(first: 100) { nodes { sponsorships { event { sessions(first: 100) { nodes { title } } } } } } }"))
			.exchange()
			.expectBody()
			.jsonPath("$.data")
			.doesNotExist()
			.jsonPath("$.extensions.cost.requestedQueryCost")
			.isEqualTo(1 + (1 + 100 * (1 + 100 * (1 + (1 + (1 + 100 * 1))))))
			.jsonPath("$.extensions.cost.actualQueryCost")
			.isEqualTo(0);
	}

}
