package dev.marquee.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.marquee.MarqueeApplication;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service as its own JVM ({@code java -cp <test classpath> dev.marquee.MarqueeApplication}) on the
 * embedded default with its file in {@code dataDir}, for tests that must see a crash: {@link #kill()}
 * is {@code kill -9} ({@link Process#destroyForcibly()}), and a new child started on the same directory
 * reads what the killed one left in its file. The child's output is read (and kept for failure messages)
 * until it says on which port it listens; the child is handed out once its readiness group is UP.
 */
public final class ChildApplication implements AutoCloseable {

	/** The first admin's password in every child (set through {@code MARQUEE_ADMIN_PASSWORD}). */
	public static final String ADMIN_PASSWORD = "Child-Jvm-Admin-Passw0rd!";

	private static final Pattern LISTENING = Pattern.compile("Tomcat started on port\\D*(\\d+)");

	private static final HttpClient READINESS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Process process;

	private final int port;

	private final StringBuffer output;

	private ChildApplication(Process process, int port, StringBuffer output) {
		this.process = process;
		this.port = port;
		this.output = output;
	}

	/** Starts the service on this data directory with these extra arguments and waits until it is ready. */
	public static ChildApplication start(Path dataDir, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				MarqueeApplication.class.getName(), "--server.port=0", "--marquee.data-dir=" + dataDir,
				"--marquee.embedded.persistent=true", "--marquee.demo-data=never", "--MONGODB_URI=",
				"--spring.mongodb.uri=", "--spring.main.banner-mode=off"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		env.remove("MONGODB_URI");
		env.put("MARQUEE_ADMIN_PASSWORD", ADMIN_PASSWORD);
		Process process = builder.start();
		StringBuffer output = new StringBuffer();
		CompletableFuture<Integer> listening = new CompletableFuture<>();
		Thread reader = new Thread(() -> readOutput(process, output, listening), "child-jvm-output");
		reader.setDaemon(true);
		reader.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		try {
			int port = listening.get(90, TimeUnit.SECONDS);
			awaitReady(process, port, deadline);
			return new ChildApplication(process, port, output);
		}
		catch (InterruptedException | ExecutionException | TimeoutException | IOException ex) {
			process.destroyForcibly();
			throw new IllegalStateException("The child JVM did not become ready:\n" + output, ex);
		}
	}

	/**
	 * Asks {@code /actuator/health/readiness} until it answers 200: the application runners have all run (the
	 * first admin is made by one). Not the "Started …" line, which Spring Boot logs before it calls them.
	 */
	private static void awaitReady(Process process, int port, long deadline)
			throws IOException, InterruptedException, TimeoutException {
		HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		while (process.isAlive()) {
			if (READINESS.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new TimeoutException("not ready after 90 s");
			}
			Thread.sleep(50);
		}
		throw new IOException("the child JVM exited");
	}

	private static void readOutput(Process process, StringBuffer output, CompletableFuture<Integer> listening) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				output.append(line).append('\n');
				Matcher matcher = LISTENING.matcher(line);
				if (!listening.isDone() && matcher.find()) {
					listening.complete(Integer.valueOf(matcher.group(1)));
				}
			}
		}
		catch (IOException ex) {
			// the child is gone; whoever waits learns it below
		}
		listening.completeExceptionally(new IllegalStateException("The child JVM exited"));
	}

	public int port() {
		return this.port;
	}

	/** What the child wrote so far (for failure messages). */
	public String output() {
		return this.output.toString();
	}

	/** Plain HTTP to the child's root. */
	public WebTestClient http() {
		return IntegrationTest.client("http://localhost:" + this.port);
	}

	/** GraphQL to the child, signed in as its first admin. */
	public HttpGraphQlTester graphQlAsAdmin() {
		@SuppressWarnings("unchecked")
		Map<String, Object> body = http().post()
			.uri("/auth/token")
			.headers((h) -> h.setBasicAuth("admin", ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return IntegrationTest.graphQlAt(this.port)
			.mutate()
			.header("Authorization", "Bearer " + body.get("access_token"))
			.build();
	}

	/** {@code kill -9}: the child gets no chance to flush or close anything. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
