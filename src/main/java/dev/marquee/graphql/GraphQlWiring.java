package dev.marquee.graphql;

import java.time.Instant;
import java.time.ZoneOffset;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import dev.marquee.storage.HasId;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Schema wiring shared by every feature: the scalars, and the {@code id} of every {@code Node} type
 * (the global ID of the type name and the document's ObjectId).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlWiring {

	@Bean
	RuntimeWiringConfigurer scalars() {
		return (wiring) -> wiring.scalar(dateTime())
			.scalar(ExtendedScalars.Date)
			.scalar(GraphQLScalarType.newScalar(ExtendedScalars.Url).name("URL").build())
			.scalar(ExtendedScalars.CountryCode)
			.scalar(ExtendedScalars.NonNegativeInt);
	}

	@Bean
	GraphQlSourceBuilderCustomizer nodeIds() {
		return (builder) -> builder.typeVisitors(List.of(new NodeIdVisitor()));
	}

	/** Extended scalars' DateTime that also writes {@link Instant}s (in UTC). */
	private static GraphQLScalarType dateTime() {
		@SuppressWarnings("unchecked")
		Coercing<Object, Object> delegate = (Coercing<Object, Object>) ExtendedScalars.DateTime.getCoercing();
		return GraphQLScalarType.newScalar(ExtendedScalars.DateTime).coercing(new Coercing<Object, Object>() {
			@Override
			public Object serialize(Object value, GraphQLContext context, Locale locale)
					throws CoercingSerializeException {
				Object input = (value instanceof Instant instant) ? instant.atOffset(ZoneOffset.UTC) : value;
				return delegate.serialize(input, context, locale);
			}

			@Override
			public Object parseValue(Object input, GraphQLContext context, Locale locale)
					throws CoercingParseValueException {
				return delegate.parseValue(input, context, locale);
			}

			@Override
			public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
					Locale locale) throws CoercingParseLiteralException {
				return delegate.parseLiteral(input, variables, context, locale);
			}

			@Override
			public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
				return delegate.valueToLiteral(input, context, locale);
			}
		}).build();
	}

	/** Registers the global-ID data fetcher for the {@code id} field of every type implementing Node. */
	private static final class NodeIdVisitor extends GraphQLTypeVisitorStub {

		@Override
		public TraversalControl visitGraphQLObjectType(GraphQLObjectType type,
				TraverserContext<GraphQLSchemaElement> context) {
			boolean isNode = type.getInterfaces()
				.stream()
				.anyMatch((i) -> i instanceof GraphQLInterfaceType it && it.getName().equals("Node"));
			if (isNode) {
				GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
				String typeName = type.getName();
				DataFetcher<String> id = (env) -> GlobalId.encode(typeName, ((HasId) env.getSource()).id());
				registry.dataFetcher(FieldCoordinates.coordinates(typeName, "id"), id);
			}
			return TraversalControl.CONTINUE;
		}

	}

}
