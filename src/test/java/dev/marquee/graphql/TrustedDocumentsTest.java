package dev.marquee.graphql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Reading an Apollo persisted-query manifest, and every way a file can fail to be one. */
class TrustedDocumentsTest {

	private static final String BODY = "query A { __typename }";

	private static final String ID = PersistedQueries.sha256(BODY);

	@TempDir
	Path dir;

	@Test
	void aManifestGivesEachBodyByItsId() throws IOException {
		TrustedDocuments documents = read("{\"format\": \"apollo-persisted-query-manifest\", \"version\": 1, "
				+ "\"operations\": [{\"id\": \"" + ID + "\", \"name\": \"A\", \"type\": \"query\", \"body\": \"" + BODY + "\"}]}");
		assertThat(documents.size()).isEqualTo(1);
		assertThat(documents.body(ID)).isEqualTo(BODY);
		assertThat(documents.contains(PersistedQueries.sha256("{ other }"))).isFalse();
	}

	@Test
	void aFileThatIsNoManifestIsRefusedNamingTheFileAndTheProblem() {
		refused("{ not json", "is not JSON (line 1, column");
		refused("[]", "is not a JSON object");
		refused("{\"format\": \"other\", \"version\": 1, \"operations\": []}", "has `format` \"other\"");
		refused("{\"version\": 1, \"operations\": []}", "has `format` null");
		refused(manifest("2", "[]"), "has `version` 2; the version read here is 1");
		refused(manifest("\"1\"", "[]"), "has `version` \"1\"");
		refused(manifest("1", "{}"), "has no `operations` list");
		refused(manifest("1", "[7]"), "has operation 0 that is not an object");
		refused(manifest("1", "[{\"id\": \"" + ID + "\", \"name\": \"A\"}]"), "operation 0 (A) without a `body` string");
		refused(manifest("1", "[{\"body\": \"" + BODY + "\"}]"), "operation 0 without an `id` string");
		refused(manifest("1", "[{\"id\": \"" + ID + "\", \"type\": \"select\", \"body\": \"" + BODY + "\"}]"),
				"whose `type` \"select\" is not query, mutation or subscription");
		refused(manifest("1", "[{\"id\": \"" + ID + "\", \"name\": \"B\", \"body\": \"query B { __typename }\"}]"),
				"operation 0 (B) whose `id` \"" + ID + "\" is not the SHA-256 of its `body`");
	}

	@Test
	void aFileThatCannotBeReadIsRefused() {
		Path missing = this.dir.resolve("missing.json");
		assertThatIllegalStateException().isThrownBy(() -> TrustedDocuments.read(missing, new JsonMapper()))
			.withMessageContaining(missing.toAbsolutePath().toString()).withMessageContaining("cannot be read");
	}

	@Test
	void persistedOnlyWithoutAManifestIsRefusedAndNoManifestIsNone() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TrustedDocuments.of(new TrustedDocumentsProperties(true, null), new JsonMapper()))
			.withMessageContaining("marquee.graphql.persisted-only is true but no marquee.graphql.persisted-manifest");
		assertThat(TrustedDocuments.of(new TrustedDocumentsProperties(false, null), new JsonMapper()).size()).isZero();
	}

	private static String manifest(String version, String operations) {
		return "{\"format\": \"apollo-persisted-query-manifest\", \"version\": " + version + ", \"operations\": " + operations + "}";
	}

	private TrustedDocuments read(String content) throws IOException {
		Path file = Files.writeString(this.dir.resolve("manifest.json"), content);
		return TrustedDocuments.read(file, new JsonMapper());
	}

	private void refused(String content, String problem) {
		assertThatIllegalStateException().isThrownBy(() -> read(content))
			.withMessageContaining(this.dir.resolve("manifest.json").toAbsolutePath().toString())
			.withMessageContaining("(marquee.graphql.persisted-manifest) ")
			.withMessageContaining(problem);
	}

}
