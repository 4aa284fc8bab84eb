package dev.marquee.program;

import java.util.Optional;

import dev.marquee.node.NodeLookup;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code node(id)} for sessions (people: attendance/PersonNodes, which knows registrations). */
@Configuration(proxyBeanMethods = false)
class ProgramNodes {

	@Bean
	NodeLookup sessionNodes(ProgramService program) {
		return lookup("Session", (id, viewer) -> program.sessionById(id, viewer));
	}

	private static NodeLookup lookup(String type, java.util.function.BiFunction<ObjectId, Viewer, Object> find) {
		return new NodeLookup() {
			@Override
			public String type() {
				return type;
			}

			@Override
			public Optional<?> findNode(ObjectId id, Viewer viewer) {
				return Optional.ofNullable(find.apply(id, viewer));
			}
		};
	}

}
