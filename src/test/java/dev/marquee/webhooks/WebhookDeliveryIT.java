package dev.marquee.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.marquee.account.Account;
import dev.marquee.attendance.Registration;
import dev.marquee.changes.Change;
import dev.marquee.changes.ChangeFeed;
import dev.marquee.changes.ChangeKind;
import dev.marquee.changes.ChangeLog;
import dev.marquee.event.AudienceSegment;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.Fixtures;
import dev.marquee.support.TestClock;
import dev.marquee.support.TwoNodes;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Deliveries end to end, on two app nodes sharing one database ({@link TwoNodes}), to a receiver on
 * loopback ({@code allow-private-targets} and {@code allow-http} on for this). Attempts time out after
 * 1 s; the retry schedule is 1 h then 2 h, and time is a clock the test moves, so a retry happens only
 * when the test says so. A delivery's log keeps its 2 newest attempts; the retention is the default 30 days.
 */
class WebhookDeliveryIT {

	private static final TestClock clock = TestClock.movable();

	private static final JsonMapper JSON = new JsonMapper();

	private static TwoNodes nodes;

	private static Receiver receiver;

	private EventSeries series;

	private Event edition;

	private HttpGraphQlTester organizer;

	@BeforeAll
	static void startTwoNodesAndAReceiver() throws Exception {
		receiver = Receiver.start();
		nodes = TwoNodes.start(clock, "marquee.webhooks.allow-private-targets=true", "marquee.webhooks.allow-http=true",
				"marquee.webhooks.timeout=1s", "marquee.webhooks.retry-schedule=1h,2h",
				"marquee.webhooks.poll-interval=100ms", "marquee.webhooks.workers=2",
				"marquee.webhooks.max-logged-attempts=2");
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

	@BeforeEach
	void aSeriesWithAnEditionAndItsOrganizer() {
		clock.reset();
		receiver.reset();
		for (String collection : List.of(Webhook.COLLECTION, WebhookDelivery.COLLECTION, Account.COLLECTION,
				EventSeries.COLLECTION, Event.COLLECTION, Person.COLLECTION, Registration.COLLECTION)) {
			nodes.a().mongo().getCollection(collection).deleteMany(new Document());
		}
		Fixtures fixtures = nodes.a().fixtures();
		this.series = fixtures.series("expo", "Expo");
		this.edition = fixtures.event(this.series, "expo-2026").create();
		this.organizer = nodes.a().graphQl().mutate()
			.header("Authorization", "Bearer " + fixtures.token(fixtures.organizer("olga", this.series)))
			.build();
	}

	@Test
	void aCheckInIsDeliveredSignedWithTheSecretShownAtCreation() throws Exception {
		String secret = createWebhook("/signed", "CHECKED_IN").secret();
		Registration registration = registration("ada@example.com");
		append(ChangeKind.CHECKED_IN, registration);

		WebhookDelivery delivery = awaitDelivery((d) -> d.status() == WebhookDeliveryStatus.DELIVERED);
		assertThat(delivery.attempts()).isEqualTo(1);
		assertThat(delivery.lastStatusCode()).isEqualTo(204);
		Receiver.Request request = receiver.requests("/signed").get(0);
		assertThat(request.header("webhook-id")).isEqualTo("msg_" + delivery.id().toHexString());
		assertThat(request.header("content-type")).isEqualTo("application/json");
		String expected = "v1," + hmac(secret, request.header("webhook-id") + "." + request.header("webhook-timestamp")
				+ "." + request.body());
		assertThat(request.header("webhook-signature")).isEqualTo(expected);
		JsonNode body = JSON.readTree(request.body());
		assertThat(body.get("type").asString()).isEqualTo("registration.checked_in");
		assertThat(body.get("timestamp").asString()).isNotBlank();
		assertThat(body.at("/data/event/slug").asString()).isEqualTo("expo-2026");
		assertThat(body.at("/data/registration/id").asString()).isEqualTo(GlobalId.encode("Registration", registration.id()));
		assertThat(body.at("/data/registration/person/email").asString()).isEqualTo("ada@example.com");

		List<Map<String, Object>> listed = this.organizer.documentName("seriesWebhooks").variable("slug", "expo")
			.execute()
			.path("series.webhooks[0].deliveries.nodes")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
			.get();
		assertThat(listed).singleElement().satisfies((row) -> {
			assertThat(row).containsEntry("eventType", "CHECKED_IN").containsEntry("status", "DELIVERED")
				.containsEntry("attempts", 1).containsEntry("lastStatusCode", 204);
			assertThat((List<?>) row.get("attemptLog")).hasSize(1);
		});
	}

	@Test
	void aWebhookHearsOnlyTheEventTypesItSubscribedTo() {
		createWebhook("/registrations-only", "REGISTRATION_CREATED");
		Registration registration = registration("bob@example.com");
		append(ChangeKind.CHECKED_IN, registration);
		append(ChangeKind.REGISTRATION_CREATED, registration);

		WebhookDelivery delivery = awaitDelivery((d) -> d.status() == WebhookDeliveryStatus.DELIVERED);
		assertThat(delivery.eventType()).isEqualTo(WebhookEventType.REGISTRATION_CREATED);
		assertThat(deliveries()).hasSize(1);
		assertThat(receiver.requests("/registrations-only")).hasSize(1);
	}

	@Test
	void aFailedAttemptIsRetriedAfterItsWaitAndThenDelivered() {
		receiver.on("/flaky", Receiver.statuses(500, 200));
		createWebhook("/flaky", "CHECKED_IN");
		append(ChangeKind.CHECKED_IN, registration("cy@example.com"));

		WebhookDelivery failed = awaitDelivery((d) -> d.attempts() == 1);
		assertThat(failed.status()).isEqualTo(WebhookDeliveryStatus.PENDING);
		assertThat(failed.lastStatusCode()).isEqualTo(500);
		assertThat(failed.nextAttemptAt()).isAfter(clock.instant().plus(Duration.ofMinutes(45)));

		clock.advance(Duration.ofMinutes(90));
		WebhookDelivery delivered = awaitDelivery((d) -> d.status() == WebhookDeliveryStatus.DELIVERED);
		assertThat(delivered.attempts()).isEqualTo(2);
		assertThat(delivered.log()).extracting(WebhookDelivery.Attempt::statusCode).containsExactly(500, 200);
		List<Receiver.Request> requests = receiver.requests("/flaky");
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).header("webhook-id")).isEqualTo(requests.get(0).header("webhook-id"));
		assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
	}

	@Test
	void aDeliveryIsFailedOnceTheRetryScheduleIsUsedUp() {
		receiver.on("/down", Receiver.status(503));
		createWebhook("/down", "CHECKED_IN");
		append(ChangeKind.CHECKED_IN, registration("dee@example.com"));
		awaitDelivery((d) -> d.attempts() == 1);
		clock.advance(Duration.ofMinutes(90));
		awaitDelivery((d) -> d.attempts() == 2);
		clock.advance(Duration.ofHours(3));
		WebhookDelivery failed = awaitDelivery((d) -> d.status() == WebhookDeliveryStatus.FAILED);
		assertThat(failed.attempts()).isEqualTo(3);
		assertThat(receiver.requests("/down")).hasSize(3);
	}

	@Test
	void aHangingReceiverTimesOutWithoutHoldingBackAnotherDelivery() {
		receiver.on("/hangs", Receiver.hang());
		createWebhook("/hangs", "CHECKED_IN");
		createWebhook("/answers", "CHECKED_IN");
		append(ChangeKind.CHECKED_IN, registration("eve@example.com"));

		await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/answers").size() == 1);
		WebhookDelivery timedOut = awaitDelivery((d) -> d.attempts() == 1 && d.webhookId().equals(webhookAt("/hangs")));
		assertThat(timedOut.status()).isEqualTo(WebhookDeliveryStatus.PENDING);
		assertThat(timedOut.lastStatusCode()).isNull();
		assertThat(timedOut.lastError()).contains("timed out");
	}

	@Test
	void aRedirectIsAFailedAttemptAndIsNotFollowed() {
		receiver.on("/moved", Receiver.redirect(receiver.url("/elsewhere")));
		createWebhook("/moved", "CHECKED_IN");
		append(ChangeKind.CHECKED_IN, registration("fay@example.com"));

		WebhookDelivery redirected = awaitDelivery((d) -> d.attempts() == 1);
		assertThat(redirected.status()).isEqualTo(WebhookDeliveryStatus.PENDING);
		assertThat(redirected.lastStatusCode()).isEqualTo(302);
		assertThat(receiver.requests("/elsewhere")).isEmpty();
	}

	@Test
	void aTenMegabyteAnswerIsNotReadBeyondItsStatusLine() {
		receiver.on("/huge", Receiver.hugeBody(10 * 1024 * 1024));
		createWebhook("/huge", "CHECKED_IN");
		append(ChangeKind.CHECKED_IN, registration("gus@example.com"));

		// reading the whole body would wait for its never-sent last byte and time out
		WebhookDelivery delivered = awaitDelivery((d) -> d.attempts() == 1);
		assertThat(delivered.status()).isEqualTo(WebhookDeliveryStatus.DELIVERED);
		assertThat(delivered.lastStatusCode()).isEqualTo(200);
	}

	@Test
	void redeliveringSendsTheSameMessageAgainAsANewAttempt() {
		createWebhook("/again", "CHECKED_IN");
		append(ChangeKind.CHECKED_IN, registration("hal@example.com"));
		WebhookDelivery delivered = awaitDelivery((d) -> d.status() == WebhookDeliveryStatus.DELIVERED);

		this.organizer.documentName("redeliverWebhook")
			.variable("deliveryId", GlobalId.encode("WebhookDelivery", delivered.id()))
			.execute()
			.path("redeliverWebhook.errors")
			.entityList(Object.class)
			.hasSize(0);
		WebhookDelivery again = awaitDelivery((d) -> d.attempts() == 2 && d.status() == WebhookDeliveryStatus.DELIVERED);
		assertThat(again.log()).hasSize(2);
		List<Receiver.Request> requests = receiver.requests("/again");
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).header("webhook-id")).isEqualTo(requests.get(0).header("webhook-id"));
	}

	@Test
	void aDeletedWebhookGetsNoFurtherDeliveries() {
		String id = createWebhook("/deleted", "CHECKED_IN").id();
		this.organizer.documentName("deleteWebhook").variable("id", id).execute()
			.path("deleteWebhook.webhook.active").entity(Boolean.class).isEqualTo(false);
		createWebhook("/kept", "CHECKED_IN");
		append(ChangeKind.CHECKED_IN, registration("ivy@example.com"));
		await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/kept").size() == 1);
		assertThat(deliveries()).hasSize(1);
		assertThat(receiver.requests("/deleted")).isEmpty();
	}

	@Test
	void oneCheckInIsDeliveredExactlyOnceWithBothNodesRunning() {
		createWebhook("/once", "CHECKED_IN");
		Registration registration = registration("jo@example.com");
		this.organizer.documentName("checkIn")
			.variable("registrationId", GlobalId.encode("Registration", registration.id()))
			.execute()
			.path("checkIn.errors")
			.entityList(Object.class)
			.hasSize(0);

		WebhookDelivery delivered = awaitDelivery((d) -> d.status() == WebhookDeliveryStatus.DELIVERED);
		assertThat(delivered.attempts()).isEqualTo(1);
		assertThat(deliveries()).hasSize(1);
		assertThat(receiver.requests("/once")).hasSize(1);
	}

	@Test
	void theCheckpointFollowsWithinASecondAndChangesReplayedAfterItGetNoSecondDelivery() {
		createWebhook("/replayed", "CHECKED_IN");
		Registration registration = registration("rae@example.com");
		append(ChangeKind.CHECKED_IN, registration);
		WebhookDelivery delivered = awaitDelivery((d) -> d.status() == WebhookDeliveryStatus.DELIVERED);
		await().atMost(Duration.ofSeconds(5)).until(() -> checkpoint() >= delivered.seq());

		// what a node that stopped abruptly does when it starts again: the changes of its last second once more
		WebhookDeliveries onA = nodes.a().context().getBean(WebhookDeliveries.class);
		List<Change> replayed = nodes.a().context().getBean(ChangeFeed.class).after(delivered.seq() - 1, 10);
		assertThat(replayed).extracting(Change::seq).contains(delivered.seq());
		replayed.forEach(onA::deliver);

		assertThat(deliveries()).hasSize(1);
		assertThat(receiver.requests("/replayed")).hasSize(1);
	}

	@Test
	void erasingAPersonScrubsTheirNameAndEmailFromPendingAndDeliveredBodiesAndLaterAttempts() {
		receiver.on("/pending", Receiver.statuses(500, 200));
		createWebhook("/pending", "CHECKED_IN");
		createWebhook("/delivered", "CHECKED_IN");
		Registration registration = registration("kim@example.com");
		append(ChangeKind.CHECKED_IN, registration);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> deliveries().stream().filter((d) -> d.attempts() == 1).count() == 2);
		assertThat(receiver.requests("/delivered").get(0).body()).contains("kim@example.com");
		assertThat(receiver.requests("/pending").get(0).body()).contains("kim@example.com");

		for (int i = 0; i < 2; i++) {
			// the second erasure finds everything erased already and changes nothing
			erasePerson(registration.personId());
			assertThat(deliveries()).hasSize(2).allSatisfy((delivery) -> {
				assertThat(delivery.body()).doesNotContain("kim@example.com");
				JsonNode person = JSON.readTree(delivery.body()).at("/data/registration/person");
				assertThat(person.get("name").asString()).isEqualTo(Person.ERASED_NAME);
				assertThat(person.get("email").isNull()).isTrue();
				assertThat(person.get("id").asString()).isEqualTo(GlobalId.encode("Person", registration.personId()));
			});
		}

		clock.advance(Duration.ofMinutes(90));
		awaitDelivery((d) -> d.attempts() == 2 && d.status() == WebhookDeliveryStatus.DELIVERED);
		List<Receiver.Request> requests = receiver.requests("/pending");
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).body()).doesNotContain("kim@example.com").contains(Person.ERASED_NAME);
		assertThat(requests.get(1).header("webhook-id")).isEqualTo(requests.get(0).header("webhook-id"));
	}

	@Test
	void finishedDeliveriesAreDeletedOnceTheRetentionHasPassedAndPendingOnesAreKept() {
		createWebhook("/kept-for-a-while", "CHECKED_IN");
		append(ChangeKind.CHECKED_IN, registration("lou@example.com"));
		WebhookDelivery delivered = awaitDelivery((d) -> d.status() == WebhookDeliveryStatus.DELIVERED);
		assertThat(delivered.finishedAt()).isNotNull();
		Instant now = clock.instant();
		WebhookDelivery failedLongAgo = stored(WebhookDeliveryStatus.FAILED, now.minus(Duration.ofDays(40)), null);
		WebhookDelivery waitingLong = stored(WebhookDeliveryStatus.PENDING, null, now.plus(Duration.ofDays(400)));
		WebhookRetention retention = nodes.b().context().getBean(WebhookRetention.class);

		assertThat(retention.sweep()).isEqualTo(1);
		assertThat(deliveries()).extracting(WebhookDelivery::id).containsExactlyInAnyOrder(delivered.id(), waitingLong.id());
		assertThat(failedLongAgo.id()).isNotIn(deliveries().stream().map(WebhookDelivery::id).toList());

		clock.advance(Duration.ofDays(29));
		assertThat(retention.sweep()).isZero();
		clock.advance(Duration.ofDays(2));
		// both nodes sweep: the second finds nothing left to delete
		assertThat(retention.sweep()).isEqualTo(1);
		assertThat(nodes.a().context().getBean(WebhookRetention.class).sweep()).isZero();
		assertThat(deliveries()).extracting(WebhookDelivery::id).containsExactly(waitingLong.id());
	}

	@Test
	void aDeliveryKeepsOnlyItsNewestAttemptsInItsLogAndCountsThemAll() {
		createWebhook("/redelivered", "CHECKED_IN");
		append(ChangeKind.CHECKED_IN, registration("max@example.com"));
		WebhookDelivery delivered = awaitDelivery((d) -> d.status() == WebhookDeliveryStatus.DELIVERED);
		for (int attempts = 2; attempts <= 3; attempts++) {
			clock.advance(Duration.ofMinutes(1));
			this.organizer.documentName("redeliverWebhook")
				.variable("deliveryId", GlobalId.encode("WebhookDelivery", delivered.id()))
				.execute()
				.path("redeliverWebhook.errors")
				.entityList(Object.class)
				.hasSize(0);
			int expected = attempts;
			awaitDelivery((d) -> d.attempts() == expected && d.status() == WebhookDeliveryStatus.DELIVERED);
		}
		WebhookDelivery thrice = deliveries().get(0);
		assertThat(thrice.attempts()).isEqualTo(3);
		assertThat(thrice.log()).hasSize(2);
		assertThat(thrice.log().get(0).at()).isAfter(delivered.log().get(0).at());
		assertThat(thrice.log().get(1).at()).isAfter(thrice.log().get(0).at());
		assertThat(receiver.requests("/redelivered")).hasSize(3);
	}

	private record Created(String id, String secret) {
	}

	private Created createWebhook(String path, String... events) {
		var answer = this.organizer.documentName("createWebhook")
			.variable("input", Map.of("seriesId", GlobalId.encode("EventSeries", this.series.id()), "url",
					receiver.url(path), "events", List.of(events)))
			.execute();
		answer.path("createWebhook.errors").entityList(Object.class).hasSize(0);
		return new Created(answer.path("createWebhook.webhook.id").entity(String.class).get(),
				answer.path("createWebhook.secret").entity(String.class).get());
	}

	private org.bson.types.ObjectId webhookAt(String path) {
		return nodes.a().mongo()
			.findOne(Query.query(Criteria.where("url").is(receiver.url(path))), Webhook.class)
			.id();
	}

	private Registration registration(String email) {
		Fixtures fixtures = nodes.a().fixtures();
		Person person = fixtures.attendee(this.series, "Attendee " + email, null, email);
		return fixtures.registration(this.edition, person, AudienceSegment.PRODUCER, null);
	}

	/** A change as the registration's writer logs it. */
	private void append(ChangeKind kind, Registration registration) {
		nodes.b().context().getBean(ChangeLog.class).append(kind, this.series.id(), this.edition.id(), registration.id(),
				new Document("registrationId", registration.id()));
	}

	private void erasePerson(org.bson.types.ObjectId personId) {
		Fixtures fixtures = nodes.a().fixtures();
		nodes.a().graphQl().mutate()
			.header("Authorization", "Bearer " + fixtures.token(fixtures.admin("root-" + new org.bson.types.ObjectId())))
			.build()
			.documentName("erasePerson")
			.variable("id", GlobalId.encode("Person", personId))
			.execute()
			.path("erasePerson.errors")
			.entityList(Object.class)
			.hasSize(0);
	}

	/** A delivery of a webhook that no longer exists, stored as it is, for the retention's sweep. */
	private WebhookDelivery stored(WebhookDeliveryStatus status, Instant finishedAt, Instant nextAttemptAt) {
		org.bson.types.ObjectId webhookId = new org.bson.types.ObjectId();
		Instant created = clock.instant().minus(Duration.ofDays(60));
		return nodes.a().mongo().insert(new WebhookDelivery(WebhookDelivery.idOf(webhookId, 1), webhookId,
				this.series.id(), 1, WebhookEventType.CHECKED_IN, null, "{}", status, 1, 0,
				(nextAttemptAt != null) ? nextAttemptAt : created, Instant.EPOCH, null, created, null, finishedAt, 500,
				null, List.of()));
	}

	private static long checkpoint() {
		Document stored = nodes.a().mongo().getCollection(WebhookDeliveries.CHECKPOINTS)
			.find(new Document("_id", "deliveries")).first();
		return (stored != null) ? ((Number) stored.get("seq")).longValue() : -1;
	}

	private List<WebhookDelivery> deliveries() {
		return nodes.a().mongo().findAll(WebhookDelivery.class);
	}

	/** Waits for the only delivery (or the only one matching) to be in the state the test expects. */
	private WebhookDelivery awaitDelivery(Predicate<WebhookDelivery> state) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> deliveries().stream().filter(state).findFirst().orElse(null), (found) -> found != null);
	}

	private static String hmac(String secret, String signed) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
		return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
	}

}
