package dev.marquee.program;

import java.util.List;
import java.util.Optional;

import dev.marquee.graphql.NodeLookup;
import org.bson.types.ObjectId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code node(id)} for sessions and people. */
@Configuration(proxyBeanMethods = false)
class ProgramNodes {

	@Bean
	NodeLookup sessionNodes(ProgramService program) {
		return lookup("Session", (id) -> program.sessionsByIds(List.of(id)).get(id));
	}

	@Bean
	NodeLookup personNodes(ProgramService program) {
		return lookup("Person", (id) -> program.peopleByIds(List.of(id)).get(id));
	}

	private static NodeLookup lookup(String type, java.util.function.Function<ObjectId, Object> find) {
		return new NodeLookup() {
			@Override
			public String type() {
				return type;
			}

			@Override
			public Optional<?> findNode(ObjectId id) {
				return Optional.ofNullable(find.apply(id));
			}
		};
	}

}
