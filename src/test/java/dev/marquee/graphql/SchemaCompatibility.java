package dev.marquee.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.AstPrinter;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.schema.idl.TypeDefinitionRegistry;

/**
 * Lists the ways a schema breaks the promises of a contract schema: a client written against the
 * contract must keep working against the schema. Additions are fine; removals, renames, changed kinds
 * or types, looser output nullability, new required inputs and changed argument defaults are not.
 */
final class SchemaCompatibility {

	private final TypeDefinitionRegistry contract;

	private final TypeDefinitionRegistry schema;

	private final Set<String> skipped;

	SchemaCompatibility(TypeDefinitionRegistry contract, TypeDefinitionRegistry schema, Set<String> skipped) {
		this.contract = contract;
		this.schema = schema;
		this.skipped = skipped;
	}

	List<String> breakingChanges() {
		List<String> problems = new ArrayList<>();
		for (TypeDefinition<?> promised : allTypes(this.contract).values()) {
			String name = promised.getName();
			if (this.skipped.contains(name)) {
				continue;
			}
			TypeDefinition<?> actual = allTypes(this.schema).get(name);
			if (actual == null) {
				problems.add("type " + name + " is missing");
			}
			else if (!kind(actual).equals(kind(promised))) {
				problems.add("type " + name + " is " + kind(actual) + ", the contract says " + kind(promised));
			}
			else if (promised instanceof ImplementingTypeDefinition<?> type) {
				compareFields(type, (ImplementingTypeDefinition<?>) actual, problems);
			}
			else if (promised instanceof InputObjectTypeDefinition input) {
				compareInputFields(input, (InputObjectTypeDefinition) actual, problems);
			}
			else if (promised instanceof EnumTypeDefinition enumType) {
				compareEnumValues(enumType, (EnumTypeDefinition) actual, problems);
			}
			else if (promised instanceof UnionTypeDefinition union) {
				compareUnionMembers(union, (UnionTypeDefinition) actual, problems);
			}
		}
		return problems;
	}

	/** Every type and scalar of the registry by name, extensions folded into their fields below. */
	private static Map<String, TypeDefinition<?>> allTypes(TypeDefinitionRegistry registry) {
		Map<String, TypeDefinition<?>> types = new LinkedHashMap<>();
		registry.types().forEach((name, type) -> types.put(name, (TypeDefinition<?>) type));
		registry.scalars().forEach((name, scalar) -> {
			if (!ScalarNames.BUILT_IN.contains(name)) {
				types.put(name, scalar);
			}
		});
		return types;
	}

	private static String kind(TypeDefinition<?> type) {
		return type.getClass().getSimpleName().replace("TypeDefinition", "").replace("Definition", "");
	}

	private void compareFields(ImplementingTypeDefinition<?> promised, ImplementingTypeDefinition<?> actual,
			List<String> problems) {
		String type = promised.getName();
		List<String> interfaces = names(actual.getImplements());
		for (String iface : names(promised.getImplements())) {
			if (!interfaces.contains(iface)) {
				problems.add(type + " no longer implements " + iface);
			}
		}
		Map<String, FieldDefinition> actualFields = fields(this.schema, actual);
		for (FieldDefinition field : fields(this.contract, promised).values()) {
			String coordinate = type + "." + field.getName();
			FieldDefinition now = actualFields.get(field.getName());
			if (now == null) {
				problems.add("field " + coordinate + " is missing");
				continue;
			}
			if (!outputCompatible(field.getType(), now.getType())) {
				problems.add("field " + coordinate + " is " + print(now.getType()) + ", the contract says "
						+ print(field.getType()));
			}
			compareInputs("argument " + coordinate, field.getInputValueDefinitions(),
					now.getInputValueDefinitions(), problems);
		}
	}

	private void compareInputFields(InputObjectTypeDefinition promised, InputObjectTypeDefinition actual,
			List<String> problems) {
		List<InputValueDefinition> actualFields = new ArrayList<>(actual.getInputValueDefinitions());
		this.schema.inputObjectTypeExtensions()
			.getOrDefault(actual.getName(), List.of())
			.forEach((extension) -> actualFields.addAll(extension.getInputValueDefinitions()));
		compareInputs("input field " + promised.getName(), promised.getInputValueDefinitions(), actualFields,
				problems);
	}

	/** Same names, exactly the same types and defaults; anything new must be optional. */
	private static void compareInputs(String what, List<InputValueDefinition> promised,
			List<InputValueDefinition> actual, List<String> problems) {
		Map<String, InputValueDefinition> byName = new LinkedHashMap<>();
		actual.forEach((value) -> byName.put(value.getName(), value));
		for (InputValueDefinition value : promised) {
			String coordinate = what + "." + value.getName();
			InputValueDefinition now = byName.remove(value.getName());
			if (now == null) {
				problems.add(coordinate + " is missing");
				continue;
			}
			if (!print(now.getType()).equals(print(value.getType()))) {
				problems.add(coordinate + " is " + print(now.getType()) + ", the contract says "
						+ print(value.getType()));
			}
			if (!print(now.getDefaultValue()).equals(print(value.getDefaultValue()))) {
				problems.add(coordinate + " defaults to " + print(now.getDefaultValue()) + ", the contract says "
						+ print(value.getDefaultValue()));
			}
		}
		for (InputValueDefinition added : byName.values()) {
			if (added.getType() instanceof NonNullType && added.getDefaultValue() == null) {
				problems.add(what + "." + added.getName() + " is new and required (" + print(added.getType())
						+ " without a default)");
			}
		}
	}

	private void compareEnumValues(EnumTypeDefinition promised, EnumTypeDefinition actual, List<String> problems) {
		List<String> values = new ArrayList<>(names(actual.getEnumValueDefinitions()));
		this.schema.enumTypeExtensions()
			.getOrDefault(actual.getName(), List.of())
			.forEach((extension) -> values.addAll(names(extension.getEnumValueDefinitions())));
		for (EnumValueDefinition value : promised.getEnumValueDefinitions()) {
			if (!values.contains(value.getName())) {
				problems.add("enum value " + promised.getName() + "." + value.getName() + " is missing");
			}
		}
	}

	private void compareUnionMembers(UnionTypeDefinition promised, UnionTypeDefinition actual,
			List<String> problems) {
		List<String> members = new ArrayList<>(names(actual.getMemberTypes()));
		this.schema.unionTypeExtensions()
			.getOrDefault(actual.getName(), List.of())
			.forEach((extension) -> members.addAll(names(extension.getMemberTypes())));
		for (String member : names(promised.getMemberTypes())) {
			if (!members.contains(member)) {
				problems.add("union " + promised.getName() + " no longer includes " + member);
			}
		}
	}

	/** Same named type; a nullable promise may become non-null, never the other way round. */
	private static boolean outputCompatible(Type<?> promised, Type<?> actual) {
		if (promised instanceof NonNullType nonNull) {
			return actual instanceof NonNullType now && outputCompatible(nonNull.getType(), now.getType());
		}
		Type<?> bare = (actual instanceof NonNullType now) ? now.getType() : actual;
		if (promised instanceof ListType list) {
			return bare instanceof ListType now && outputCompatible(list.getType(), now.getType());
		}
		return bare instanceof TypeName name && name.getName().equals(((TypeName) promised).getName());
	}

	private static Map<String, FieldDefinition> fields(TypeDefinitionRegistry registry,
			ImplementingTypeDefinition<?> type) {
		Map<String, FieldDefinition> fields = new LinkedHashMap<>();
		type.getFieldDefinitions().forEach((field) -> fields.put(field.getName(), field));
		List<? extends ImplementingTypeDefinition<?>> extensions = registry.objectTypeExtensions()
			.containsKey(type.getName()) ? registry.objectTypeExtensions().get(type.getName())
					: registry.interfaceTypeExtensions().getOrDefault(type.getName(), List.of());
		extensions.forEach((extension) -> extension.getFieldDefinitions()
			.forEach((field) -> fields.put(field.getName(), field)));
		return fields;
	}

	private static List<String> names(List<?> nodes) {
		return nodes.stream().map((node) -> {
			if (node instanceof TypeName typeName) {
				return typeName.getName();
			}
			if (node instanceof graphql.language.NamedNode<?> named) {
				return named.getName();
			}
			return AstPrinter.printAst((graphql.language.Node<?>) node);
		}).toList();
	}

	private static String print(graphql.language.Node<?> node) {
		return (node != null) ? AstPrinter.printAst(node) : "(none)";
	}

	private static final class ScalarNames {

		static final Set<String> BUILT_IN = Set.of("Int", "Float", "String", "Boolean", "ID");

	}

}
