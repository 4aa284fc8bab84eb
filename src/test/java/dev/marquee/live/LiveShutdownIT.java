package dev.marquee.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.marquee.support.Fixtures;
import dev.marquee.support.StandaloneApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that stops sends its live subscribers elsewhere at once, instead of holding them through the web
 * server's graceful shutdown (which waits up to 30 s for the requests in progress, an SSE stream among them).
 */
class LiveShutdownIT {

	@Test
	void aStoppingNodeClosesItsSocketsWith1001AndEndsItsStreamsSoThatItNeedNotWaitForThem(@TempDir Path dataDir)
			throws Exception {
		StandaloneApplication app = StandaloneApplication.start(dataDir, "never");
		CompletableFuture<Void> stopped = null;
		try {
			Fixtures fixtures = app.fixtures();
			fixtures.event(fixtures.series("expo", "Expo"), "expo-2026").create();
			RawSocket socket = RawSocket.open(app.port());
			socket.init(null);
			socket.subscribe("a", "attendanceChanged", Map.of("eventSlug", "expo-2026"));
			assertThat(socket.nextOf("next")).containsEntry("id", "a");
			HttpResponse<Stream<String>> watched = sse(app.port());
			Iterator<String> lines = watched.body().iterator();
			assertThat(untilData(lines)).contains("\"checkedIn\":0");
			// a client that went away: the server sees it only when it next writes (the keep-alive, 25 s on)
			HttpResponse<Stream<String>> abandoned = sse(app.port());
			untilData(abandoned.body().iterator());
			abandoned.body().close();

			stopped = CompletableFuture.runAsync(app::close);

			assertThat(socket.awaitClose()).isEqualTo(1001);
			List<String> rest = new ArrayList<>();
			lines.forEachRemaining(rest::add);
			assertThat(rest).anySatisfy((line) -> assertThat(line).startsWith("data:")
				.contains("\"code\":\"SHUTTING_DOWN\"", "\"classification\":\"UNAVAILABLE\"",
						"This server is shutting down; subscribe again and another server answers."));
			assertThat(rest).contains("event:complete");
			// nothing left for the graceful shutdown to wait for: it would have waited its 30 s for either stream
			stopped.get(20, TimeUnit.SECONDS);
		}
		finally {
			if (stopped == null) {
				app.close();
			}
		}
	}

	private static HttpResponse<Stream<String>> sse(int port) throws Exception {
		String body = RawSocket.JSON.writeValueAsString(Map.of("query", RawSocket.document("attendanceChanged"),
				"variables", Map.of("eventSlug", "expo-2026")));
		HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
				.header("Content-Type", "application/json")
				.header("Accept", "text/event-stream")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

	private static String untilData(Iterator<String> lines) {
		while (lines.hasNext()) {
			String line = lines.next();
			if (line.startsWith("data:")) {
				return line;
			}
		}
		throw new AssertionError("The stream ended before its first message");
	}

}
