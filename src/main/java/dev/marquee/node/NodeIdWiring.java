package dev.marquee.node;

import java.util.List;

import dev.marquee.graphql.GlobalId;
import dev.marquee.storage.HasId;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code id} of every {@code Node} type: the global ID of the type name and the stored document's
 * ObjectId ({@link HasId}).
 */
@Configuration(proxyBeanMethods = false)
class NodeIdWiring {

	@Bean
	GraphQlSourceBuilderCustomizer nodeIds() {
		return (builder) -> builder.typeVisitors(List.of(new NodeIdVisitor()));
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
