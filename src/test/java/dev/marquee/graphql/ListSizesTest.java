package dev.marquee.graphql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.CoercedVariables;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list the schema serves has a size the cost model can use ({@code @listSize}), and the cost model
 * prices lists by it: no list counts as one item.
 */
class ListSizesTest {

	private static final GraphQLSchema SCHEMA = schema();

	@Test
	void everyListFieldDeclaresItsSizeOrIsSizedByItsConnection() {
		List<String> unpriced = new ArrayList<>();
		SCHEMA.getAllTypesAsList().stream()
			.filter((type) -> type instanceof GraphQLFieldsContainer && !type.getName().startsWith("__"))
			.map(GraphQLFieldsContainer.class::cast)
			.forEach((type) -> {
				for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
					boolean connectionList = type.getName().endsWith("Connection")
							&& (field.getName().equals("edges") || field.getName().equals("nodes"));
					// as many as the input has problems, each with a path as deep as the input
					boolean payloadErrors = (type.getName().endsWith("Payload") && field.getName().equals("errors"))
							|| type.getName().equals("UserError");
					if (ListSizes.isList(field) && !connectionList && !payloadErrors && field.getAppliedDirective(ListSizes.LIST_SIZE) == null) {
						unpriced.add(type.getName() + "." + field.getName());
					}
				}
			});
		assertThat(unpriced).as("list fields without @listSize").isEmpty();
	}

	@Test
	void aListWithoutFirstIsPricedByItsBound() {
		// 100 companies x 100 sponsorships x (event + 50 sessions x 20 speakers x name)
		assertThat(cost("{ companies(first: 100) { nodes { sponsorships { event { sessions { nodes { speakers { name } } } } } } } }"))
			.isEqualTo(1 + (1 + 100 * (1 + 100 * (1 + (1 + (1 + 50 * (1 + 20)))))));
	}

	@Test
	void aConnectionMultipliesItsNodesAndEdgesButNotItsTotalCount() {
		assertThat(cost("{ events(first: 10) { totalCount nodes { name } } }")).isEqualTo(1 + 1 + (1 + 10 * 1));
		assertThat(cost("{ events { pageInfo { hasNextPage } edges { node { name } } } }"))
			.isEqualTo(1 + (1 + 1) + (1 + 20 * (1 + 1)));
	}

	@Test
	void aSlicedListIsPricedByItsArgumentWithTheSchemaDefault() {
		assertThat(cost("{ search(text: \"x\") { ... on Event { name } } }")).isEqualTo(1 + 20 * 1);
		assertThat(cost("{ topSponsors(first: 5) { bestTier } }")).isEqualTo(1 + 5 * 1);
	}

	static int cost(String document) {
		return QueryComplexityCalculator.newCalculator()
			.schema(SCHEMA)
			.document(Parser.parse(document))
			.fieldComplexityCalculator(ListSizes.cost())
			.variables(CoercedVariables.emptyVariables())
			.build()
			.calculate();
	}

	private static GraphQLSchema schema() {
		TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
		try (Stream<Path> files = Files.list(Path.of("graphql-schema"))) {
			for (Path file : files.sorted().toList()) {
				registry.merge(new SchemaParser().parse(Files.readString(file)));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
	}

}
