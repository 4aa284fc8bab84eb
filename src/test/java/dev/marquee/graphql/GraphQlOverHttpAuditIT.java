package dev.marquee.graphql;

import java.util.List;

import dev.marquee.support.IntegrationTest;
import dev.marquee.support.NodeProject;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference audit of GraphQL over HTTP, npm {@code graphql-http}'s {@code serverAudits}, passes in full
 * against {@code /graphql}: the node project in {@code src/test/http-audit} (versions pinned by its
 * {@code package-lock.json}) is installed with {@code npm ci} into {@code target/http-audit} and its
 * {@code audit.mjs} run against this server. Without Node and npm the test is skipped, except on CI
 * ({@code CI} set), where it fails: {@code .ci/run} installs them.
 */
class GraphQlOverHttpAuditIT extends IntegrationTest {

	@LocalServerPort
	private int port;

	@Test
	void everyGraphQlOverHttpAuditPasses() throws Exception {
		NodeProject project = NodeProject.install("http-audit", "the graphql-http audit", "package.json",
				"package-lock.json", "audit.mjs");

		NodeProject.Run audit = project.run(List.of("node", "audit.mjs", "http://localhost:" + this.port + "/graphql"), 300);
		List<String> failures = audit.output().lines().filter((line) -> !line.startsWith("ok ") && !line.startsWith("audit:"))
			.toList();
		assertThat(failures).as("graphql-http audits that did not pass").isEmpty();
		assertThat(audit.output()).contains("audit: 61 of 61 ok");
		assertThat(audit.exitCode()).as("exit code of audit.mjs:%n%s", audit.output()).isZero();
	}

}
