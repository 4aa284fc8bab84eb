package dev.marquee.graphql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The reference audit of GraphQL over HTTP, npm {@code graphql-http}'s {@code serverAudits}, passes in full
 * against {@code /graphql}: the node project in {@code src/test/http-audit} (versions pinned by its
 * {@code package-lock.json}) is installed with {@code npm ci} into {@code target/http-audit} and its
 * {@code audit.mjs} run against this server. Without Node and npm the test is skipped, except on CI
 * ({@code CI} set), where it fails: {@code .ci/run} installs them.
 */
class GraphQlOverHttpAuditIT extends IntegrationTest {

	private static final Path SOURCE = Path.of("src/test/http-audit");

	private static final Path WORK = Path.of("target/http-audit");

	@LocalServerPort
	private int port;

	@Test
	void everyGraphQlOverHttpAuditPasses() throws Exception {
		requireNodeAndNpm();
		Files.createDirectories(WORK);
		for (String file : List.of("package.json", "package-lock.json", "audit.mjs")) {
			Files.copy(SOURCE.resolve(file), WORK.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), 600);
		assertThat(install.exitCode()).as("npm ci in %s:%n%s", WORK, install.output()).isZero();

		Run audit = run(List.of("node", "audit.mjs", "http://localhost:" + this.port + "/graphql"), 300);
		List<String> failures = audit.output().lines().filter((line) -> !line.startsWith("ok ") && !line.startsWith("audit:"))
			.toList();
		assertThat(failures).as("graphql-http audits that did not pass").isEmpty();
		assertThat(audit.output()).contains("audit: 61 of 61 ok");
		assertThat(audit.exitCode()).as("exit code of audit.mjs:%n%s", audit.output()).isZero();
	}

	private static void requireNodeAndNpm() {
		for (String tool : List.of("node", "npm")) {
			boolean present;
			try {
				present = run(List.of(tool, "--version"), 60).exitCode() == 0;
			}
			catch (IOException | InterruptedException ex) {
				present = false;
			}
			if (!present) {
				String message = "`" + tool + "` is not on the PATH: the graphql-http audit needs Node.js and npm "
						+ "(apt-get install nodejs npm)";
				if (System.getenv("CI") != null) {
					fail(message + "; on CI it must run.");
				}
				Assumptions.abort(message + "; skipped.");
			}
		}
	}

	private static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
		Files.createDirectories(WORK);
		Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		StringBuilder output = new StringBuilder();
		Thread reader = new Thread(() -> {
			try {
				output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				output.append("(output unreadable: ").append(ex.getMessage()).append(')');
			}
		});
		reader.start();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			reader.join();
			fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + output);
		}
		reader.join();
		return new Run(process.exitValue(), output.toString());
	}

	private record Run(int exitCode, String output) {
	}

}
