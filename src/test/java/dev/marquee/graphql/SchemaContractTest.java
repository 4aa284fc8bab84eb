package dev.marquee.graphql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public contract (src/test/resources/contract/api-v1.graphqls) against the schema the project
 * serves (graphql-schema/*.graphqls): nothing a client of the contract relies on may break.
 */
class SchemaContractTest {

	private static final Path CONTRACT = Path.of("src/test/resources/contract/api-v1.graphqls");

	private static final Path SCHEMA_DIR = Path.of("graphql-schema");

	@Test
	void servedSchemaKeepsEveryPromiseOfTheContract() throws IOException {
		assertThat(breakingChanges(contract(), schema(), Set.of())).isEmpty();
	}

	@Test
	void identicalSchemaHasNoBreakingChanges() throws IOException {
		assertThat(breakingChanges(contract(), contract(), Set.of())).isEmpty();
	}

	@Test
	void additionsAreNotBreaking() throws IOException {
		String changed = contractText()
			.replace("type Venue {", "type Venue {\n  latitude: Float\n  capacity(unit: String = \"seats\", exact: Boolean): Int")
			.replace("enum EventOrder { START_ASC START_DESC NAME_ASC }",
					"enum EventOrder { START_ASC START_DESC NAME_ASC NAME_DESC }\ntype Extra { a: Int }")
			.replace("  slug: String!\n  name: String!\n  kind: CompanyKind!", "  slug: String!\n  name: String!\n  kind: CompanyKind!\n  founded: Int")
			.replace("input TrackInput { name: String! description: String }",
					"input TrackInput { name: String! description: String position: Int = 0 note: String }")
			.replace("  headline: String\n", "  headline: String!\n");
		assertThat(changed).isNotEqualTo(contractText());
		assertThat(breakingChanges(contract(), parse(changed), Set.of())).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			a removed field                 | '  hostedEvents: [Event!]!\n'                 | ''                                  | field Company.hostedEvents is missing
			a loosened output               | '  slug: String!\n  name: String!\n  kind: CompanyKind!' | '  slug: String!\n  name: String\n  kind: CompanyKind!' | field Company.name is String, the contract says String!
			a loosened list item            | 'subsidiaries: [Company!]!'                    | 'subsidiaries: [Company]!'           | field Company.subsidiaries is [Company]!
			a changed output type           | '  days: Int!'                                 | '  days: Float!'                     | field Event.days is Float!
			a removed argument              | 'sponsorships(tiers: [SponsorTier!])'          | 'sponsorships'                       | argument Event.sponsorships.tiers is missing
			a changed argument type         | 'event(slug: String!)'                         | 'event(slug: ID!)'                   | argument Query.event.slug is ID!
			a new required argument         | 'company(slug: String!)'                       | 'company(slug: String!, scope: Int!)' | argument Query.company.scope is new and required
			a changed argument default      | 'seriesList(first: Int = 20'                   | 'seriesList(first: Int = 5'          | argument Query.seriesList.first defaults to 5
			a removed enum value            | 'enum EventOrder { START_ASC START_DESC NAME_ASC }' | 'enum EventOrder { START_ASC START_DESC }' | enum value EventOrder.NAME_ASC is missing
			a removed union member          | 'Person | Session'                             | 'Person'                             | union SearchResult no longer includes Session
			a dropped interface             | 'type Sponsorship implements Node {'           | 'type Sponsorship {'                 | Sponsorship no longer implements Node
			a changed kind                  | 'type Venue {'                                 | 'input Venue {'                      | type Venue is InputObject, the contract says Object
			a removed type                  | 'scalar NonNegativeInt'                        | ''                                   | type NonNegativeInt is missing
			a removed input field           | '  nameContains: String\n'                     | ''                                   | input field CompanyFilter.nameContains is missing
			a tightened input field         | '  seriesSlug: String\n'                       | '  seriesSlug: String!\n'            | input field EventFilter.seriesSlug is String!
			a new required input field      | '  groupSlug: String\n'                        | '  groupSlug: String\n  region: String!\n' | input field CompanyFilter.region is new and required
			""")
	void breakingChangesAreReported(String change, String from, String to, String expected) throws IOException {
		String original = contractText();
		String from1 = from.replace("\\n", "\n");
		assertThat(original).as("the edit must apply to the contract").contains(from1);
		String changed = original.replaceFirst(java.util.regex.Pattern.quote(from1),
				java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n")));
		assertThat(breakingChanges(contract(), parse(changed), Set.of()))
			.anySatisfy((problem) -> assertThat(problem).startsWith(expected));
	}

	@Test
	void skippedTypesAreNotChecked() throws IOException {
		String withoutMutation = contractText().replaceAll("(?s)type Mutation \\{.*?\\n}\\n", "");
		assertThat(breakingChanges(contract(), parse(withoutMutation), Set.of()))
			.containsExactly("type Mutation is missing");
		assertThat(breakingChanges(contract(), parse(withoutMutation), Set.of("Mutation"))).isEmpty();
	}

	private static List<String> breakingChanges(TypeDefinitionRegistry contract, TypeDefinitionRegistry schema,
			Set<String> skipped) {
		return new SchemaCompatibility(contract, schema, skipped).breakingChanges();
	}

	private static String contractText() throws IOException {
		return Files.readString(CONTRACT);
	}

	private static TypeDefinitionRegistry contract() throws IOException {
		return parse(contractText());
	}

	private static TypeDefinitionRegistry schema() throws IOException {
		TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
		try (Stream<Path> files = Files.list(SCHEMA_DIR)) {
			List<Path> schemaFiles = files.filter((f) -> f.toString().endsWith(".graphqls")).sorted().toList();
			assertThat(schemaFiles).as("schema files under %s", SCHEMA_DIR).isNotEmpty();
			for (Path file : schemaFiles) {
				registry.merge(parse(Files.readString(file)));
			}
		}
		return registry;
	}

	private static TypeDefinitionRegistry parse(String sdl) {
		return new SchemaParser().parse(sdl);
	}

}
