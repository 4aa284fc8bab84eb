package dev.marquee.live;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.marquee.account.Account;
import dev.marquee.account.JwtKeys;
import dev.marquee.account.TokenService;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.live.RawSocket.Closed;
import dev.marquee.program.Person;
import dev.marquee.security.SecurityProperties;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions over WebSocket (graphql-transport-ws, driven by a raw client so that every protocol error can
 * be sent) and over SSE: what a subscriber sees, the protocol's bad input, the limits.
 */
class LiveSubscriptionsIT extends IntegrationTest {

	@LocalServerPort
	private int port;

	@Autowired
	private LiveSocketHandler sockets;

	@Autowired
	private WebServerApplicationContext context;

	@Autowired
	private LiveHub hub;

	@Autowired
	private LiveService live;

	@Autowired
	private JwtKeys keys;

	@Autowired
	private SecurityProperties security;

	private EventSeries expo;

	private Account olga;

	private HttpGraphQlTester organizer;

	private Event expo2026;

	@BeforeEach
	void aPublishedEditionAndItsOrganizer() {
		this.expo = this.fixtures.series("expo", "Expo");
		this.olga = this.fixtures.organizer("olga", this.expo);
		this.organizer = graphQlAs(this.fixtures.token(this.olga));
		this.expo2026 = this.fixtures.event(this.expo, "expo-2026").create();
	}

	// ---- what a subscriber sees ------------------------------------------------------------------------

	@Test
	void attendanceChangedSendsTheCountersAtOnceThenAfterEachCheckIn() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(null);
			socket.subscribe("a", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			assertThat(counters(socket.nextOf("next"), "a")).containsExactly(0, 0);

			String registration = register(this.fixtures.person("Ada Lovelace", null));
			checkIn(registration);

			// coalesced: the registration and the check-in may come as one message or two, never out of order
			List<Integer> last = counters(socket.nextOf("next"), "a");
			if (!last.equals(List.of(1, 1))) {
				assertThat(last).containsExactly(1, 0);
				last = counters(socket.nextOf("next"), "a");
			}
			assertThat(last).containsExactly(1, 1);
		}
	}

	@Test
	void eventChangedTellsTheKindAndTheEditionAsItIsNow() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(null);
			socket.subscribe("e", "eventChanged", Map.of("eventSlug", "expo-2026"));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.listeners(this.expo2026.id()) == 1);

			rename("Expo Twenty-Six");

			Map<String, Object> change = payloadData(socket.nextOf("next"), "e", "eventChanged");
			assertThat(change).containsEntry("kind", "DETAILS");
			assertThat(change.get("at")).isNotNull();
			assertThat(eventOf(change)).containsEntry("name", "Expo Twenty-Six").containsEntry("version", 2);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void eachChangeIsAnsweredWithTheEditionAsItIsThenNotWithWhatAnEarlierChangeLoaded() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(null);
			socket.subscribe("s", "eventChangedWithSessions", Map.of("eventSlug", "expo-2026"));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.listeners(this.expo2026.id()) == 1);

			schedule("Opening keynote");
			Map<String, Object> first = payloadData(socket.nextOf("next"), "s", "eventChanged");
			schedule("Closing panel");
			Map<String, Object> second = payloadData(socket.nextOf("next"), "s", "eventChanged");

			// the sessions are batch-loaded: a subscription's loaders must not answer the second from the first
			assertThat(((Map<String, Object>) eventOf(first).get("sessions")).get("totalCount")).isEqualTo(1);
			assertThat(((Map<String, Object>) eventOf(second).get("sessions")).get("totalCount")).isEqualTo(2);
			assertThat((List<Map<String, Object>>) ((Map<String, Object>) eventOf(second).get("sessions")).get("nodes"))
				.extracting((session) -> session.get("title"))
				.containsExactlyInAnyOrder("Opening keynote", "Closing panel");
		}
	}

	@Test
	void anUnknownSlugIsAnErrorForThatSubscriptionAndTheConnectionStaysUp() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(null);
			socket.subscribe("x", "attendanceChanged", Map.of("eventSlug", "no-such-edition"));

			Map<String, Object> error = socket.nextOf("error");
			assertThat(error).containsEntry("id", "x");
			assertThat(firstError(error)).containsEntry("message", "No edition with slug 'no-such-edition' that you may see.");

			socket.subscribe("a", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			assertThat(counters(socket.nextOf("next"), "a")).containsExactly(0, 0);
		}
	}

	@Test
	void aDraftIsAnErrorForAnonymousSubscribersAndFlowsToItsOrganizers() throws IOException {
		this.fixtures.event(this.expo, "expo-2027").draft().create();
		try (RawSocket anonymous = RawSocket.open(this.port); RawSocket organizer = RawSocket.open(this.port)) {
			anonymous.init(null);
			anonymous.subscribe("d", "attendanceChanged", Map.of("eventSlug", "expo-2027"));
			assertThat(firstError(anonymous.nextOf("error"))).containsEntry("message",
					"No edition with slug 'expo-2027' that you may see.");

			organizer.init(this.fixtures.token(this.olga));
			organizer.subscribe("d", "attendanceChanged", Map.of("eventSlug", "expo-2027"));
			assertThat(counters(organizer.nextOf("next"), "d")).containsExactly(0, 0);
		}
	}

	// ---- one execution for the subscribers who would get the same answers -------------------------------

	@Test
	void socketSubscribersOfTheSameDocumentAndViewerShareOneExecutionUntilTheLastLeaves() throws IOException {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sockets.executions() == 0);
		try (RawSocket first = RawSocket.open(this.port); RawSocket second = RawSocket.open(this.port);
				RawSocket third = RawSocket.open(this.port)) {
			// all initialised now: a socket without connection_init is closed after 10 s (4408)
			first.init(null);
			second.init(null);
			third.init(null);
			first.subscribe("a", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			assertThat(counters(first.nextOf("next"), "a")).containsExactly(0, 0);
			String registration = register(this.fixtures.person("Ada Lovelace", null));
			checkIn(registration);
			awaitCounters(first, "a", 1, 1);

			// a subscriber who joins gets the counters at once, as from a stream of its own: the last ones sent
			second.subscribe("b", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			assertThat(counters(second.nextOf("next"), "b")).containsExactly(1, 1);
			third.subscribe("c", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			assertThat(counters(third.nextOf("next"), "c")).containsExactly(1, 1);
			assertThat(this.sockets.executions()).isEqualTo(1);
			assertThat(this.hub.listeners(this.expo2026.id())).isEqualTo(1);

			checkIn(register(this.fixtures.person("Grace Hopper", null)));
			awaitCounters(first, "a", 2, 2);
			awaitCounters(second, "b", 2, 2);
			awaitCounters(third, "c", 2, 2);

			// the execution runs while anyone listens, and ends with the last of them
			first.send("complete", "a", null);
			second.close();
			checkIn(register(this.fixtures.person("Katherine Johnson", null)));
			awaitCounters(third, "c", 3, 3);
			assertThat(this.sockets.executions()).isEqualTo(1);
			third.send("complete", "c", null);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.sockets.executions() == 0);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.listeners(this.expo2026.id()) == 0);
		}
	}

	@Test
	void aSubscriberWhoJoinsARunningEventChangedGetsTheChangesFromThenOnOnly() throws IOException {
		try (RawSocket first = RawSocket.open(this.port); RawSocket later = RawSocket.open(this.port)) {
			first.init(null);
			later.init(null);
			first.subscribe("e", "eventChanged", Map.of("eventSlug", "expo-2026"));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.listeners(this.expo2026.id()) == 1);
			rename("Expo, before");
			assertThat(eventOf(payloadData(first.nextOf("next"), "e", "eventChanged"))).containsEntry("name",
					"Expo, before");

			later.subscribe("e", "eventChanged", Map.of("eventSlug", "expo-2026"));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.sockets.subscriptions() == 2);
			rename("Expo, after");

			assertThat(eventOf(payloadData(later.nextOf("next"), "e", "eventChanged"))).containsEntry("name",
					"Expo, after");
			assertThat(eventOf(payloadData(first.nextOf("next"), "e", "eventChanged"))).containsEntry("name",
					"Expo, after");
		}
	}

	@Test
	void anAnonymousSubscriberNeverJoinsAnOrganizersExecution() throws IOException {
		this.fixtures.event(this.expo, "expo-2027").draft().create();
		try (RawSocket organizer = RawSocket.open(this.port); RawSocket anonymous = RawSocket.open(this.port)) {
			organizer.init(this.fixtures.token(this.olga));
			anonymous.init(null);
			organizer.subscribe("d", "attendanceChanged", Map.of("eventSlug", "expo-2027"));
			assertThat(counters(organizer.nextOf("next"), "d")).containsExactly(0, 0);

			anonymous.subscribe("d", "attendanceChanged", Map.of("eventSlug", "expo-2027"));
			assertThat(firstError(anonymous.nextOf("error"))).containsEntry("message",
					"No edition with slug 'expo-2027' that you may see.");
		}
	}

	@Test
	void everyConnectionKeepsSocketBuffersOfTheConfiguredSizeOnly() {
		// read back from the endpoint's socket properties: what every open socket keeps for its whole life
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		assertThat(connector.getProperty("socket.appReadBufSize")).isEqualTo("2048");
		assertThat(connector.getProperty("socket.appWriteBufSize")).isEqualTo("2048");
	}

	@Test
	void subscriptionsOverServerSentEventsStartWithTheCurrentCounters() throws Exception {
		java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
		String body = RawSocket.JSON.writeValueAsString(Map.of("query", RawSocket.document("attendanceChanged"),
				"variables", Map.of("eventSlug", "expo-2026")));
		java.net.http.HttpResponse<java.util.stream.Stream<String>> response = client.send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/graphql"))
					.header("Content-Type", "application/json")
					.header("Accept", "text/event-stream")
					.header("Authorization", "Bearer " + this.fixtures.token(this.olga))
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
					.build(),
				java.net.http.HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		try (java.util.stream.Stream<String> lines = response.body()) {
			String data = lines.filter((line) -> line.startsWith("data:")).findFirst().orElseThrow();
			@SuppressWarnings("unchecked")
			Map<String, Object> next = RawSocket.JSON.readValue(data.substring(5), Map.class);
			assertThat(next.toString()).contains("registered=0", "checkedIn=0");
		}
	}

	@Test
	void queriesAndMutationsAreRefusedOnTheSocketAndNothingRuns() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(this.fixtures.token(this.olga));
			socket.send("subscribe", "m", Map.of("query", RawSocket.document("updateEvent"), "variables",
					Map.of("input", Map.of("id", GlobalId.encode("Event", this.expo2026.id()), "expectedVersion", 1,
							"name", "Renamed over a socket"))));
			Map<String, Object> refused = socket.nextOf("error");
			assertThat(refused).containsEntry("id", "m");
			assertThat(firstError(refused).get("message").toString()).contains("This socket carries subscriptions");

			socket.subscribe("a", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			assertThat(socket.nextOf("next")).containsEntry("id", "a");
		}
		this.graphQl.document("{ event(slug: \"expo-2026\") { name } }").execute().path("event.name")
			.entity(String.class).isEqualTo("expo-2026");
	}

	// ---- the token -------------------------------------------------------------------------------------

	@Test
	void aBadTokenInConnectionInitClosesWith4403() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.send("connection_init", null, Map.of("Authorization", "Bearer not.a.token"));
			assertThat(socket.awaitClose()).isEqualTo(4403);
		}
	}

	@Test
	void theSocketClosesWith4403WhenItsTokenExpires() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(tokenExpiringIn(this.olga, Duration.ofSeconds(2)));
			socket.subscribe("a", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			socket.nextOf("next");

			assertThat(closeCodeAfterMessages(socket)).isEqualTo(4403);
		}
	}

	// ---- protocol bad input ----------------------------------------------------------------------------

	@Test
	void aMessageThatIsNotJsonClosesWith4400() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.sendText("{\"type\": \"connection_init\"");
			assertThat(socket.awaitClose()).isEqualTo(4400);
		}
	}

	@Test
	void anUnknownMessageTypeClosesWith4400() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(null);
			socket.send("start", "1", Map.of("query", "subscription { x }"));
			assertThat(socket.awaitClose()).isEqualTo(4400);
		}
	}

	@Test
	void aBinaryFrameClosesWith4400() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(socket.awaitClose()).isEqualTo(4400);
		}
	}

	@Test
	void aLargerBinaryFrameClosesWith4400AsWell() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.sendBinary(new byte[4000]);
			assertThat(socket.awaitClose()).isEqualTo(4400);
		}
	}

	@Test
	void aSubscribeLongerThanTheContainersBufferIsJoinedAndRuns() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(null);
			// about 7,000 chars (over 10,000 bytes of UTF-8), within max-message-size (8KB, counted in chars)
			String document = RawSocket.document("attendanceChanged") + "\n# " + "é".repeat(3500) + "x".repeat(3500);
			socket.send("subscribe", "a", Map.of("query", document, "variables", Map.of("eventSlug", "expo-2026")));
			assertThat(counters(socket.nextOf("next"), "a")).containsExactly(0, 0);
		}
	}

	@Test
	void aMessageLongerThanMaxMessageSizeClosesWith1009() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(null);
			String document = RawSocket.document("attendanceChanged") + "\n# " + "x".repeat(8200);
			socket.send("subscribe", "a", Map.of("query", document, "variables", Map.of("eventSlug", "expo-2026")));
			assertThat(socket.awaitClose()).isEqualTo(1009);
		}
	}

	@Test
	void aSecondConnectionInitClosesWith4429() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(null);
			socket.send("connection_init", null, null);
			assertThat(socket.awaitClose()).isEqualTo(4429);
		}
	}

	@Test
	void subscribeBeforeConnectionInitClosesWith4401() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.subscribe("a", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			assertThat(socket.awaitClose()).isEqualTo(4401);
		}
	}

	@Test
	void noConnectionInitInTimeClosesWith4408() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			assertThat(socket.awaitClose()).isEqualTo(4408);
		}
	}

	@Test
	void aSubscriptionIdAlreadyRunningClosesWith4409() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(null);
			socket.subscribe("a", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			socket.nextOf("next");
			socket.subscribe("a", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			assertThat(socket.awaitClose()).isEqualTo(4409);
		}
	}

	@Test
	void aSocketWithoutTheSubprotocolClosesWith4406() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port, null, null, 0)) {
			assertThat(socket.status()).isEqualTo(101);
			assertThat(socket.awaitClose()).isEqualTo(4406);
		}
	}

	@Test
	void compressionOfferedByTheClientIsDeclinedAndFramesArePlain() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port, "graphql-transport-ws", null, 0,
				"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")) {
			assertThat(socket.status()).isEqualTo(101);
			assertThat(socket.handshake.toLowerCase(Locale.ROOT)).doesNotContain("sec-websocket-extensions");
			// RawSocket refuses a frame with RSV bits, as a compressed one has
			socket.init(null);
			socket.subscribe("a", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			assertThat(counters(socket.nextOf("next"), "a")).hasSize(2);
		}
	}

	@Test
	void aMessageLongerThanTheSocketsBuffersArrivesWholeInSeveralFrames() throws IOException {
		// 30 aliases (the limit) of 45 characters: a `next` of about 1.6 KB, over the 1 KB frame buffer
		StringBuilder fields = new StringBuilder();
		for (int i = 10; i < 40; i++) {
			fields.append(" registeredAsTheLobbyScreensShowItInLineNumber").append(i).append(": registered");
		}
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(null);
			socket.send("subscribe", "long", Map.of("query",
					"subscription { attendanceChanged(eventSlug: \"expo-2026\") {" + fields + " } }"));
			Map<String, Object> next = socket.nextOf("next");
			assertThat(socket.framesOfLastMessage).isGreaterThan(1);
			assertThat(RawSocket.JSON.writeValueAsString(next).length()).isGreaterThan(1024);
			@SuppressWarnings("unchecked")
			Map<String, Object> counters = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) next
				.get("payload")).get("data")).get("attendanceChanged");
			assertThat(counters).hasSize(30).containsKey("registeredAsTheLobbyScreensShowItInLineNumber39");
		}
	}

	@Test
	void aPageOfAnotherSiteCannotOpenTheSocket() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port, "graphql-transport-ws", "https://elsewhere.example", 0)) {
			assertThat(socket.status()).isEqualTo(403);
		}
	}

	// ---- limits ----------------------------------------------------------------------------------------

	@Test
	void subscriptionsPastThePerConnectionLimitAreRefusedOneByOne() throws IOException {
		try (RawSocket socket = RawSocket.open(this.port)) {
			socket.init(null);
			for (int i = 0; i < 20; i++) {
				socket.subscribe("s" + i, "attendanceChanged", Map.of("eventSlug", "expo-2026"));
				assertThat(socket.nextOf("next")).containsEntry("id", "s" + i);
			}
			socket.subscribe("s20", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			Map<String, Object> refused = socket.nextOf("error");
			assertThat(refused).containsEntry("id", "s20");
			assertThat(firstError(refused).get("message").toString()).contains("At most 20 subscriptions");

			socket.send("complete", "s0", null);
			socket.subscribe("s20", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			assertThat(socket.nextOf("next")).containsEntry("id", "s20");
		}
	}

	@Test
	void subscriptionsPastThePerClientLimitAreRefusedOnAnyOfItsSockets() throws IOException {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.live.running() == 0);
		List<RawSocket> open = new ArrayList<>();
		try {
			for (int s = 0; s < 5; s++) {
				RawSocket socket = RawSocket.open(this.port);
				socket.init(null);
				open.add(socket);
				for (int i = 0; i < 20; i++) {
					socket.subscribe("s" + i, "attendanceChanged", Map.of("eventSlug", "expo-2026"));
					socket.nextOf("next");
				}
			}
			try (RawSocket sixth = RawSocket.open(this.port)) {
				sixth.init(null);
				sixth.subscribe("one-too-many", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
				Map<String, Object> refused = sixth.nextOf("error");
				assertThat(refused).containsEntry("id", "one-too-many");
				assertThat(firstError(refused).get("message").toString()).contains("At most 100 subscriptions per client");

				open.get(0).send("complete", "s0", null);
				await().atMost(Duration.ofSeconds(10)).until(() -> this.live.running() == 99);
				sixth.subscribe("now-there-is-room", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
				assertThat(sixth.nextOf("next")).containsEntry("id", "now-there-is-room");
			}
		}
		finally {
			for (RawSocket socket : open) {
				socket.close();
			}
		}
	}

	@Test
	void socketsPastThePerAddressLimitAreClosedWith1008() throws IOException {
		// sockets of earlier tests are closed by then, but the server may still be counting them
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sockets.connections() == 0);
		List<RawSocket> open = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				RawSocket socket = RawSocket.open(this.port);
				socket.init(null);
				open.add(socket);
			}
			try (RawSocket oneTooMany = RawSocket.open(this.port)) {
				assertThat(oneTooMany.awaitClose()).isEqualTo(1008);
			}
		}
		finally {
			for (RawSocket socket : open) {
				socket.close();
			}
		}
	}

	@Test
	void aClientThatStopsReadingIsClosedInsteadOfBufferedWithoutEnd() throws IOException {
		rename("Expo with long tracks", longTracks());
		// the counts below are the node's: the sockets of the tests before are closed on the server's side too
		await().atMost(Duration.ofSeconds(30)).until(() -> this.sockets.connections() == 0);
		// a receive window of a few KB that this test never reads: what the server sends piles up on its side
		try (RawSocket socket = RawSocket.open(this.port, "graphql-transport-ws", null, 4096)) {
			socket.init(null);
			for (int i = 0; i < 20; i++) {
				socket.subscribe("t" + i, "eventChangedWithTracks", Map.of("eventSlug", "expo-2026"));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> this.sockets.subscriptions() == 20);

			// each rename sends 20 subscribers ~100 KB of tracks each; the socket's buffer holds 1 MB
			for (int i = 0; i < 40 && this.sockets.connections() > 0; i++) {
				rename("Expo, take " + i, longTracks());
			}
			// closing a socket with a send in flight makes Tomcat's own completion handler throw on its
			// thread ("the WebSocket session has been closed"): that is the close this test asks for, not a fault
			await().dontCatchUncaughtExceptions()
				.atMost(Duration.ofSeconds(30))
				.until(() -> this.sockets.connections() == 0);
			// what the client finds once it reads again: the end of the socket (1008, or cut off while the
			// server's close frame could not be written)
			assertThat(socket.awaitClose()).isIn(1008, -1);
		}
	}

	// ---- helpers ---------------------------------------------------------------------------------------

	/** Reads the subscription's messages until one says these counters (coalescing may skip some between). */
	private void awaitCounters(RawSocket socket, String id, int registered, int checkedIn) throws IOException {
		List<Integer> expected = List.of(registered, checkedIn);
		List<Integer> seen = counters(socket.nextOf("next"), id);
		while (!seen.equals(expected)) {
			assertThat(seen.get(0) <= registered && seen.get(1) <= checkedIn).as("counters %s before %s", seen, expected)
				.isTrue();
			seen = counters(socket.nextOf("next"), id);
		}
	}

	private int closeCodeAfterMessages(RawSocket socket) throws IOException {
		try {
			while (true) {
				socket.next();
			}
		}
		catch (Closed closed) {
			return closed.code;
		}
	}

	private String register(Person person) {
		return this.organizer.documentName("registerAttendee")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", this.expo2026.id()), "personId",
					GlobalId.encode("Person", person.id()), "segment", "PRODUCER"))
			.execute()
			.path("registerAttendee.registration.id")
			.entity(String.class)
			.get();
	}

	private void schedule(String title) {
		this.organizer.documentName("scheduleSession")
			.variable("input", Map.of("eventId", GlobalId.encode("Event", this.expo2026.id()), "title", title, "kind",
					"TALK"))
			.execute()
			.path("scheduleSession.errors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private void checkIn(String registrationId) {
		this.organizer.documentName("checkIn")
			.variable("registrationId", registrationId)
			.execute()
			.path("checkIn.errors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private int version = 1;

	private void rename(String name) {
		rename(name, null);
	}

	private void rename(String name, List<Map<String, Object>> tracks) {
		Map<String, Object> input = new java.util.HashMap<>(Map.of("id", GlobalId.encode("Event", this.expo2026.id()),
				"expectedVersion", this.version, "name", name));
		if (tracks != null) {
			input.put("tracks", tracks);
		}
		this.organizer.documentName("updateEvent")
			.variable("input", input)
			.execute()
			.path("updateEvent.errors")
			.entityList(Object.class)
			.hasSize(0);
		this.version++;
	}

	private static List<Map<String, Object>> longTracks() {
		List<Map<String, Object>> tracks = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			tracks.add(Map.of("name", "Track " + i, "description", ("Track " + i + " ").repeat(250).substring(0, 2000)));
		}
		return tracks;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> payloadData(Map<String, Object> next, String id, String field) {
		assertThat(next).containsEntry("id", id);
		Map<String, Object> payload = (Map<String, Object>) next.get("payload");
		return (Map<String, Object>) ((Map<String, Object>) payload.get("data")).get(field);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> eventOf(Map<String, Object> change) {
		return (Map<String, Object>) change.get("event");
	}

	private static List<Integer> counters(Map<String, Object> next, String id) {
		Map<String, Object> summary = payloadData(next, id, "attendanceChanged");
		return List.of((Integer) summary.get("registered"), (Integer) summary.get("checkedIn"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> firstError(Map<String, Object> error) {
		return ((List<Map<String, Object>>) error.get("payload")).get(0);
	}

	/** A token of this account as {@link TokenService} issues them, but valid for {@code ttl} only. */
	private String tokenExpiringIn(Account account, Duration ttl) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.security.jwt().issuer())
			.audience(List.of(this.security.jwt().audience()))
			.subject(account.id().toHexString())
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plus(ttl))
			.id(UUID.randomUUID().toString())
			.claim("username", account.username())
			.claim("roles", account.roles().stream().map(Enum::name).sorted().toList())
			.claim(TokenService.VERSION_CLAIM, account.tokenVersion())
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.keys.signingKey().getKeyID()).build();
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(this.keys.all())).encode(JwtEncoderParameters.from(header, claims))
			.getTokenValue();
	}

}
