package dev.marquee.storage;

import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActuatorIT extends IntegrationTest {

	@Test
	void healthIsUpWithAMongoComponentWhoseDetailsOnlyAdminsSee() {
		this.http.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mongo.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mongo.details")
			.doesNotExist();
	}

	@Test
	void prometheusExposesGraphQlRequestAndMongoCommandMetricsAfterAQuery() {
		this.fixtures.event(this.fixtures.series("s", "S"), "e-2026").create();
		this.graphQl.documentName("eventSlugs").execute().path("events.nodes[0].slug").entity(String.class)
			.isEqualTo("e-2026");

		String scrape = prometheus();

		assertThat(scrape).containsPattern("(?m)^graphql_request_seconds_count\\{[^}]*graphql_operation_type=\"query\"");
		assertThat(scrape).containsPattern("(?m)^mongodb_driver_commands_seconds_count\\{[^}]*collection=\"events\",command=\"find\"");
	}

	@Test
	void prometheusIsOpenToAdminsAndTheScrapeTokenOnly() {
		this.http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
		this.http.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
		this.http.get()
			.uri("/actuator/prometheus")
			.header("Authorization", "Bearer " + SCRAPE_TOKEN.substring(1))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		String organizer = this.fixtures.token(this.fixtures.organizer("org"));
		this.http.get()
			.uri("/actuator/prometheus")
			.header("Authorization", "Bearer " + organizer)
			.exchange()
			.expectStatus()
			.isForbidden();

		String admin = this.fixtures.token(this.fixtures.admin("root"));
		this.http.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + admin).exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/metrics").header("Authorization", "Bearer " + admin).exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

}
