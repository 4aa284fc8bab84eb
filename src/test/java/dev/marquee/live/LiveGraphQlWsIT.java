package dev.marquee.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.marquee.account.Account;
import dev.marquee.event.Event;
import dev.marquee.graphql.GlobalId;
import dev.marquee.program.Person;
import dev.marquee.series.EventSeries;
import dev.marquee.support.IntegrationTest;
import dev.marquee.support.NodeProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What a web client does: the npm {@code graphql-ws} client (the node project in {@code src/test/live-client},
 * pinned by its {@code package-lock.json}, installed with {@code npm ci} into {@code target/live-client})
 * subscribes to {@code attendanceChanged} and hears of a check-in. Without Node and npm the test is skipped,
 * except on CI ({@code CI} set), where it fails.
 */
class LiveGraphQlWsIT extends IntegrationTest {

	@LocalServerPort
	private int port;

	private HttpGraphQlTester organizer;

	private Event edition;

	private Account olga;

	private NodeProject project;

	@BeforeEach
	void anEditionAndTheClient() throws Exception {
		this.project = NodeProject.install("live-client", "the graphql-ws check", "package.json", "package-lock.json",
				"subscribe.mjs");
		EventSeries expo = this.fixtures.series("expo", "Expo");
		this.olga = this.fixtures.organizer("olga", expo);
		this.organizer = graphQlAs(this.fixtures.token(this.olga));
		this.edition = this.fixtures.event(expo, "expo-2026").create();
	}

	@Test
	void aGraphQlWsClientGetsTheCountersThenTheCheckIn() throws Exception {
		Client client = subscribe(this.fixtures.token(this.olga), 3);
		try {
			assertThat(client.line()).isEqualTo("next {\"data\":{\"attendanceChanged\":{\"registered\":0,\"checkedIn\":0}}}");
			Person ada = this.fixtures.person("Ada Lovelace", null);
			String registration = this.organizer.documentName("registerAttendee")
				.variable("input", Map.of("eventId", GlobalId.encode("Event", this.edition.id()), "personId",
						GlobalId.encode("Person", ada.id()), "segment", "PRODUCER"))
				.execute()
				.path("registerAttendee.registration.id")
				.entity(String.class)
				.get();
			this.organizer.documentName("checkIn").variable("registrationId", registration).execute()
				.path("checkIn.errors").entityList(Object.class).hasSize(0);

			String last = client.line();
			if (last.contains("\"checkedIn\":0")) {
				assertThat(last).isEqualTo("next {\"data\":{\"attendanceChanged\":{\"registered\":1,\"checkedIn\":0}}}");
				last = client.line();
			}
			assertThat(last).isEqualTo("next {\"data\":{\"attendanceChanged\":{\"registered\":1,\"checkedIn\":1}}}");
		}
		finally {
			client.process.destroyForcibly();
		}
	}

	@Test
	void aGraphQlWsClientWithABadTokenIsClosedWith4403() throws Exception {
		Client client = subscribe("not-a-token", 1);
		try {
			assertThat(client.line()).isEqualTo("closed 4403");
		}
		finally {
			client.process.destroyForcibly();
		}
	}

	private Client subscribe(String token, int messages) throws IOException {
		List<String> command = new ArrayList<>(List.of("node", "subscribe.mjs", "ws://localhost:" + this.port + "/graphql",
				"expo-2026", String.valueOf(messages)));
		command.add(token);
		Process process = this.project.start(command);
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				in.lines().forEach(lines::add);
			}
			catch (IOException ex) {
				lines.add("(output unreadable: " + ex.getMessage() + ")");
			}
		});
		reader.setDaemon(true);
		reader.start();
		return new Client(process, lines);
	}

	private record Client(Process process, BlockingQueue<String> lines) {

		String line() throws InterruptedException {
			String line = this.lines.poll(30, TimeUnit.SECONDS);
			if (line == null) {
				fail("graphql-ws client printed nothing within 30 s");
			}
			return line;
		}

	}

}
