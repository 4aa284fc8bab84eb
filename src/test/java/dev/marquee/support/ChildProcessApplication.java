package dev.marquee.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.marquee.MarqueeApplication;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The application as a separate {@code java} process on the embedded default with its H2 file in
 * {@code dataDir}, on this test run's classpath: a process a test can kill ({@link #kill}, as
 * {@code kill -9} would) and start again on the same files. Its output goes to {@code dataDir/../}
 * {@code child-N.log}, printed when it fails to start.
 */
public final class ChildProcessApplication implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final Process process;

	private final int port;

	private final Path log;

	private ChildProcessApplication(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts the application and waits until it answers its readiness probe. */
	public static ChildProcessApplication start(Path dataDir) throws IOException, InterruptedException {
		int port = freePort();
		Path log = Files.createTempFile(dataDir.getParent(), "child-", ".log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx512m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(MarqueeApplication.class.getName());
		command.addAll(List.of("--MONGODB_URI=", "--spring.mongodb.uri=", "--server.port=" + port,
				"--marquee.data-dir=" + dataDir, "--marquee.embedded.persistent=true", "--marquee.demo-data=never"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ChildProcessApplication child = new ChildProcessApplication(process, port, log);
		child.awaitReady();
		return child;
	}

	public int port() {
		return this.port;
	}

	public HttpGraphQlTester graphQl() {
		return IntegrationTest.graphQlAt(this.port);
	}

	/** Ends the process at once, without shutdown hooks (SIGKILL), and waits until it is gone. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

	private void awaitReady() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The child application stopped while starting:\n" + tail());
			}
			try {
				if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(100);
		}
		kill();
		throw new IllegalStateException("The child application did not become ready in " + START_TIMEOUT + ":\n" + tail());
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
