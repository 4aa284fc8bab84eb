package dev.marquee.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.marquee.MarqueeApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The application started as {@code java -jar} would start it, on the embedded default with its H2
 * file in {@code dataDir}, whatever {@code MONGODB_URI} says in the environment (an empty value on
 * the command line means "not set"). For tests of start-up behaviour: restarts, demo data.
 */
public final class StandaloneApplication implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private StandaloneApplication(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts it with these command-line arguments after the ones above (an OTLP endpoint, say). */
	public static StandaloneApplication start(Path dataDir, String demoData, String... moreArgs) {
		SpringApplication application = new SpringApplicationBuilder(MarqueeApplication.class).build();
		List<String> args = new ArrayList<>(List.of("--MONGODB_URI=", "--spring.mongodb.uri=", "--server.port=0",
				"--marquee.data-dir=" + dataDir, "--marquee.embedded.persistent=true",
				"--marquee.demo-data=" + demoData));
		args.addAll(List.of(moreArgs));
		return new StandaloneApplication(application.run(args.toArray(String[]::new)));
	}

	public HttpGraphQlTester graphQl() {
		return IntegrationTest.graphQlAt(port());
	}

	public int port() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	public Fixtures fixtures() {
		return new Fixtures(this.context);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
