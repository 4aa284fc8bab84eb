package dev.marquee.storage;

import java.nio.file.Path;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import dev.marquee.MarqueeApplication;
import dev.marquee.support.Fixtures;
import dev.marquee.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code marquee.jar database}: the embedded server alone, which application nodes reach through
 * {@code MONGODB_URI}; what they write is in its file and outlives a restart of the database.
 */
class DatabaseCommandIT {

	@TempDir
	Path databaseDir;

	@TempDir
	Path applicationDir;

	@Test
	void anApplicationNodeWritesIntoTheStandaloneDatabaseAndTheWriteOutlivesItsRestart() {
		ConfigurableApplicationContext database = DatabaseCommand
			.start(new String[] { "database", "--port", "0", "--data-dir", this.databaseDir.toString() });
		int port = database.getBean(MongoServer.class).getLocalAddress().getPort();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MarqueeApplication.class).run(
				"--MONGODB_URI=mongodb://127.0.0.1:" + port + "/marquee", "--spring.mongodb.uri=", "--server.port=0",
				"--marquee.data-dir=" + this.applicationDir, "--marquee.demo-data=never")) {
			Fixtures fixtures = new Fixtures(app);
			HttpGraphQlTester admin = IntegrationTest
				.graphQlAt(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class))
				.mutate()
				.header("Authorization", "Bearer " + fixtures.token(fixtures.admin("root")))
				.build();
			admin.documentName("createCompany")
				.variable("input", Map.of("slug", "shared-studio", "name", "Shared Studio", "kind", "STUDIO"))
				.execute()
				.path("createCompany.company.slug")
				.entity(String.class)
				.isEqualTo("shared-studio");

			database.close();
			assertThat(this.databaseDir.resolve("marquee.mv")).isNotEmptyFile();
			assertThat(this.applicationDir.resolve("marquee.mv")).doesNotExist();
			database = DatabaseCommand.start(new String[] { "database", "--port=" + port, "--data-dir",
					this.databaseDir.toString() });

			admin.document("{ company(slug: \"shared-studio\") { name } }")
				.execute()
				.path("company.name")
				.entity(String.class)
				.isEqualTo("Shared Studio");
		}
		finally {
			database.close();
		}
	}

	@Test
	void badArgumentsAreRefusedBeforeAnythingIsOpened() {
		assertThatThrownBy(() -> DatabaseCommand.start(new String[] { "database", "--port", "70000",
				"--data-dir", this.databaseDir.toString() }))
			.isInstanceOf(DatabaseCommand.Refused.class)
			.hasMessageContaining("--port must be between 0 and 65535");
		assertThatThrownBy(() -> DatabaseCommand.start(new String[] { "database", "--durability", "sometimes" }))
			.hasMessageContaining("--durability must be process-crash, power-loss or none");
		assertThatThrownBy(() -> DatabaseCommand.start(new String[] { "database", "--replicas", "3" }))
			.hasMessageContaining("unknown argument --replicas");
		assertThat(DatabaseCommand.run(new String[] { "database", "--data-dir" })).isEqualTo(2);
		assertThat(this.databaseDir).isEmptyDirectory();
	}

}
