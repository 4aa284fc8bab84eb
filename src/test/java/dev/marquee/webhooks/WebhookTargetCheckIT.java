package dev.marquee.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.marquee.attendance.Registration;
import dev.marquee.event.AudienceSegment;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.Fixtures;
import dev.marquee.support.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The target is checked again before every attempt, not only when the webhook is created: node A allows
 * private targets (and never looks for due deliveries during this test: its poll interval is an hour),
 * node B, which sends, does not. A webhook to a loopback receiver, accepted by A, is refused by B at its
 * attempt: the attempt is logged as refused and the receiver gets no request.
 */
class WebhookTargetCheckIT {

	private static TwoNodes nodes;

	private static Receiver receiver;

	@BeforeAll
	static void aNodeThatAllowsPrivateTargetsAndOneThatDoesNot() throws Exception {
		receiver = Receiver.start();
		nodes = TwoNodes.start(null,
				List.of("marquee.webhooks.allow-private-targets=true", "marquee.webhooks.allow-http=true",
						"marquee.webhooks.poll-interval=1h"),
				List.of("marquee.webhooks.allow-private-targets=false", "marquee.webhooks.allow-http=true",
						"marquee.webhooks.poll-interval=100ms", "marquee.webhooks.retry-schedule=1h"));
	}

	@AfterAll
	static void stopEverything() {
		try {
			nodes.close();
		}
		finally {
			receiver.close();
		}
	}

	@Test
	void anAttemptToATargetThisNodeRefusesIsLoggedAsRefusedAndSendsNothing() {
		Fixtures fixtures = nodes.a().fixtures();
		EventSeries series = fixtures.series("expo", "Expo");
		Event edition = fixtures.event(series, "expo-2026").create();
		HttpGraphQlTester organizer = nodes.a().graphQl().mutate()
			.header("Authorization", "Bearer " + fixtures.token(fixtures.organizer("olga", series)))
			.build();
		organizer.documentName("createWebhook")
			.variable("input", Map.of("seriesId", GlobalId.encode("EventSeries", series.id()), "url",
					receiver.url("/loopback"), "events", List.of("CHECKED_IN")))
			.execute()
			.path("createWebhook.errors")
			.entityList(Object.class)
			.hasSize(0);
		Person person = fixtures.attendee(series, "Nell", null, "nell@example.com");
		Registration registration = fixtures.registration(edition, person, AudienceSegment.PRODUCER, null);
		organizer.documentName("checkIn")
			.variable("registrationId", GlobalId.encode("Registration", registration.id()))
			.execute()
			.path("checkIn.errors")
			.entityList(Object.class)
			.hasSize(0);

		WebhookDelivery refused = await().atMost(Duration.ofSeconds(30))
			.until(() -> nodes.a().mongo().findAll(WebhookDelivery.class).stream()
				.filter((d) -> d.attempts() == 1).findFirst().orElse(null), (found) -> found != null);
		assertThat(refused.status()).isEqualTo(WebhookDeliveryStatus.PENDING);
		assertThat(refused.lastStatusCode()).isNull();
		assertThat(refused.lastError()).startsWith("refused target:").contains("127.0.0.1");
		assertThat(refused.log()).singleElement().satisfies((attempt) -> {
			assertThat(attempt.statusCode()).isNull();
			assertThat(attempt.error()).startsWith("refused target:");
		});
		assertThat(receiver.requests("/loopback")).isEmpty();
	}

}
