package dev.marquee.graphql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The naming rule for schema files (docs/architecture.md, "Naming"): {@code common.graphqls} holds the
 * base {@code Query} (only {@code node}) and {@code Mutation}; every feature's file adds its own root fields
 * with {@code extend type Query} and {@code extend type Mutation}, and declares no root type itself.
 */
class SchemaLayoutTest {

	private static final Path SCHEMA_DIR = Path.of("graphql-schema");

	@Test
	void theBaseQueryHoldsOnlyNodeAndTheBaseMutationNothing() throws IOException {
		TypeDefinitionRegistry common = parse(SCHEMA_DIR.resolve("common.graphqls"));
		assertThat(fieldNames((ObjectTypeDefinition) common.getType("Query").orElseThrow())).containsExactly("node");
		assertThat(fieldNames((ObjectTypeDefinition) common.getType("Mutation").orElseThrow())).isEmpty();
	}

	@Test
	void eachFeatureFileExtendsTheRootTypesInsteadOfDeclaringThem() throws IOException {
		Map<String, List<String>> queryFieldsByFile = new TreeMap<>();
		for (Path file : featureFiles()) {
			TypeDefinitionRegistry registry = parse(file);
			assertThat(registry.getType("Query")).as(file + " declares type Query").isEmpty();
			assertThat(registry.getType("Mutation")).as(file + " declares type Mutation").isEmpty();
			List<String> fields = new ArrayList<>();
			for (ObjectTypeExtensionDefinition extension : registry.objectTypeExtensions().getOrDefault("Query", List.of())) {
				fields.addAll(fieldNames(extension));
			}
			queryFieldsByFile.put(file.getFileName().toString(), fields);
		}
		assertThat(queryFieldsByFile).containsEntry("company.graphqls", List.of("company", "companies"))
			.containsEntry("series.graphqls", List.of("series", "seriesList"))
			.containsEntry("event.graphqls", List.of("event", "events"))
			.containsEntry("account.graphqls", List.of("me"))
			.containsEntry("sponsorship.graphqls", List.of("topSponsors"))
			.containsEntry("audit.graphqls", List.of("auditLog"))
			.containsEntry("search.graphqls", List.of("search"));
	}

	private static List<Path> featureFiles() throws IOException {
		try (Stream<Path> files = Files.list(SCHEMA_DIR)) {
			return files.filter((f) -> f.toString().endsWith(".graphqls"))
				.filter((f) -> !f.getFileName().toString().equals("common.graphqls"))
				.sorted()
				.toList();
		}
	}

	private static TypeDefinitionRegistry parse(Path file) throws IOException {
		return new SchemaParser().parse(Files.readString(file));
	}

	private static List<String> fieldNames(ObjectTypeDefinition type) {
		return type.getFieldDefinitions().stream().map(FieldDefinition::getName).toList();
	}

}
