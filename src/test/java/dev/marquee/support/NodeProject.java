package dev.marquee.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A node project of the tests, {@code src/test/<name>} (versions pinned by its {@code package-lock.json}),
 * installed with {@code npm ci} into {@code target/<name>} and run there. Without Node.js and npm on the PATH
 * the test is skipped, except on CI ({@code CI} set), where it fails: {@code .ci/run} installs them.
 */
public final class NodeProject {

	private final Path work;

	private NodeProject(Path work) {
		this.work = work;
	}

	/**
	 * Copies {@code files} of {@code src/test/<name>} to {@code target/<name>} and runs {@code npm ci} there.
	 * @param purpose what needs Node.js, for the message when it is missing
	 */
	public static NodeProject install(String name, String purpose, String... files) throws IOException, InterruptedException {
		requireNodeAndNpm(purpose);
		Path source = Path.of("src/test", name);
		NodeProject project = new NodeProject(Path.of("target", name));
		Files.createDirectories(project.work);
		for (String file : files) {
			Files.copy(source.resolve(file), project.work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		Run install = project.run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), 600);
		assertThat(install.exitCode()).as("npm ci in %s:%n%s", project.work, install.output()).isZero();
		return project;
	}

	/** Starts {@code command} in the project's directory, stderr into stdout, stdin closed. */
	public Process start(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).directory(this.work.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		return process;
	}

	/** Runs {@code command} to its end; not ending within the timeout fails the test. */
	public Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
		return run(this.work, command, timeoutSeconds);
	}

	private static Run run(Path directory, List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
		Files.createDirectories(directory);
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
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

	private static void requireNodeAndNpm(String purpose) {
		for (String tool : List.of("node", "npm")) {
			boolean present;
			try {
				present = run(Path.of("target"), List.of(tool, "--version"), 60).exitCode() == 0;
			}
			catch (IOException | InterruptedException ex) {
				present = false;
			}
			if (!present) {
				String message = "`" + tool + "` is not on the PATH: " + purpose
						+ " needs Node.js and npm (apt-get install nodejs npm)";
				if (System.getenv("CI") != null) {
					fail(message + "; on CI it must run.");
				}
				Assumptions.abort(message + "; skipped.");
			}
		}
	}

	/** A finished command: its exit code and what it printed. */
	public record Run(int exitCode, String output) {
	}

}
