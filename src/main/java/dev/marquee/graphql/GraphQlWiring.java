package dev.marquee.graphql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Schema wiring shared by every feature: the scalars. (The {@code id} of every {@code Node} type is
 * wired by {@code node/NodeIdWiring}.)
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

}
