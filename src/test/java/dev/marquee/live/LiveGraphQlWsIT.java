package dev.marquee.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.junit.jupiter.api.Assumptions;
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

	private static final Path SOURCE = Path.of("src/test/live-client");

	private static final Path WORK = Path.of("target/live-client");

	@LocalServerPort
	private int port;

	private HttpGraphQlTester organizer;

	private Event edition;

	private Account olga;

	@BeforeEach
	void anEditionAndTheClient() throws Exception {
		requireNodeAndNpm();
		EventSeries expo = this.fixtures.series("expo", "Expo");
		this.olga = this.fixtures.organizer("olga", expo);
		this.organizer = graphQlAs(this.fixtures.token(this.olga));
		this.edition = this.fixtures.event(expo, "expo-2026").create();
		Files.createDirectories(WORK);
		for (String file : List.of("package.json", "package-lock.json", "subscribe.mjs")) {
			Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline")
			.directory(WORK.toFile()).redirectErrorStream(true).start();
		String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(install.waitFor(600, TimeUnit.SECONDS) && install.exitValue() == 0).as("npm ci:%n%s", output).isTrue();
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
		Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
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

	private static void requireNodeAndNpm() {
		for (String tool : List.of("node", "npm")) {
			boolean present;
			try {
				Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
				process.getInputStream().readAllBytes();
				present = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
			}
			catch (IOException | InterruptedException ex) {
				present = false;
			}
			if (!present) {
				String message = "`" + tool + "` is not on the PATH: the graphql-ws check needs Node.js and npm";
				if (System.getenv("CI") != null) {
					fail(message + "; on CI it must run.");
				}
				Assumptions.abort(message + "; skipped.");
			}
		}
	}

}
