package dev.marquee.graphql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.marquee.support.IntegrationTest;
import dev.marquee.support.StandaloneApplication;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The introspection queries every GraphQL tool sends first (graphql-js {@code getIntrospectionQuery()}, plain
 * and with GraphiQL's options) are answered, in agreement with {@code GET /graphql/schema}; introspection is
 * still bounded (graphql-java's good-faith check) and ordinary depth still counts; a setting turns it off.
 */
class IntrospectionIT extends IntegrationTest {

	private static final JsonMapper JSON = new JsonMapper();

	private static final String[] DOCUMENTS = { "introspectionQuery", "introspectionQueryGraphiQl" };

	@Test
	void theStandardIntrospectionQueryIsAnswered() {
		this.graphQl.documentName("introspectionQuery").execute().errors().verify()
			.path("__schema.queryType.name").entity(String.class).isEqualTo("Query")
			.path("__schema.mutationType.name").entity(String.class).isEqualTo("Mutation")
			.path("__schema.types[*].name").entityList(String.class).contains("Event", "EventSeries", "Company");
	}

	@Test
	void graphiQlsIntrospectionQueryWithEveryOptionIsAnswered() {
		this.graphQl.documentName("introspectionQueryGraphiQl").execute().errors().verify()
			.path("__schema.types[?(@.name == 'DateTime')].specifiedByURL").entityList(String.class).hasSize(1)
			.path("__schema.types[?(@.name == 'EventFilter')].isOneOf").entityList(Boolean.class).containsExactly(false)
			.path("__schema.directives[?(@.name == 'deprecated')].isRepeatable").entityList(Boolean.class)
			.containsExactly(false);
	}

	@Test
	void introspectionAgreesWithThePublishedSchema() throws Exception {
		String sdl = this.http.get().uri("/graphql/schema").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		GraphQLSchema published = UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl));
		for (String name : DOCUMENTS) {
			String document = new ClassPathResource("graphql-test/" + name + ".graphql")
				.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
			ExecutionResult fromSdl = GraphQL.newGraphQL(published).build().execute(document);
			assertThat(fromSdl.getErrors()).as("introspection of the published SDL").isEmpty();
			Map<?, ?> answered = post(this.http, document);
			assertThat(answered.get("errors")).as("errors of %s", name).isNull();
			String served = pretty(answered.get("data"));
			String expected = pretty(JSON.readValue(JSON.writeValueAsString(fromSdl.getData()), Object.class));
			if (!served.equals(expected)) {
				Path dir = Files.createDirectories(Path.of("target", "introspection"));
				Files.writeString(dir.resolve(name + "-served.json"), served);
				Files.writeString(dir.resolve(name + "-from-sdl.json"), expected);
			}
			assertThat(served).as("%s served vs. run on the published SDL (both in target/introspection/)", name)
				.isEqualTo(expected);
		}
	}

	@Test
	void anOrdinaryQueryBesideIntrospectionStillCountsItsDepth() {
		String deep = "{ __schema { queryType { name } } company(slug: \"c\") { " + "parent { ".repeat(11) + "slug"
				+ " }".repeat(11) + " } }";
		this.mongoCommands.reset();
		assertOnlyError(this.graphQl.document(deep).execute(), "ExecutionAborted", "maximum query depth exceeded 13 > 12");
		assertThat(this.mongoCommands.byName()).isEmpty();
	}

	@Test
	void introspectionAskedInBadFaithIsRefused() {
		// __Type.fields twice: graphql-java's GoodFaithIntrospection, on by default, is what bounds introspection
		String nested = "{ __schema { types { fields { type { fields { type { name } } } } } } }";
		// the second time from the document cache: the check is made when the document runs, not when it validates
		for (int i = 0; i < 2; i++) {
			assertOnlyError(this.graphQl.document(nested).execute(), "BadFaithIntrospection", "__Type.fields");
		}
	}

	@Test
	void introspectionTurnedOffRefusesSchemaQueriesAndUnpublishesTheSdl(@TempDir Path dataDir) {
		try (StandaloneApplication app = StandaloneApplication.start(dataDir, "never",
				"--marquee.graphql.introspection=false")) {
			HttpGraphQlTester graphQl = app.graphQl();
			// each twice: the second is answered from the document cache and still refused
			for (int i = 0; i < 2; i++) {
				assertOnlyError(graphQl.documentName("introspectionQuery").execute(), "IntrospectionDisabled", "");
				assertOnlyError(graphQl.document("{ __type(name: \"Event\") { name } }").execute(), "IntrospectionDisabled", "");
			}
			graphQl.document("{ __typename }").execute().errors().verify().path("__typename").entity(String.class)
				.isEqualTo("Query");
			WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + app.port()).build();
			http.get().uri("/graphql/schema").exchange().expectStatus().isNotFound()
				.expectBody().jsonPath("$.errors[0].extensions.status").isEqualTo(404);
		}
		// one application's setting, not the JVM's: this one still answers
		this.graphQl.documentName("introspectionQuery").execute().errors().verify()
			.path("__schema.queryType.name").entity(String.class).isEqualTo("Query");
	}

	private static Map<?, ?> post(WebTestClient http, String document) {
		String body = http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", document)).exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		return JSON.readValue(body, Map.class);
	}

	private static String pretty(Object answer) {
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(canonical(answer));
	}

	/** The answer with every list of named things (types, fields, args…) and of strings sorted. */
	private static Object canonical(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> sorted = new TreeMap<>();
			map.forEach((key, item) -> sorted.put(String.valueOf(key), canonical(item)));
			return sorted;
		}
		if (value instanceof List<?> list) {
			List<Object> items = new ArrayList<>(list.stream().map(IntrospectionIT::canonical).toList());
			items.sort(Comparator.comparing((item) -> (item instanceof Map<?, ?> m && m.get("name") != null)
					? String.valueOf(m.get("name")) : String.valueOf(item)));
			return items;
		}
		return value;
	}

}
