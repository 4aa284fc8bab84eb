package dev.marquee.program;

import java.util.List;
import java.util.Optional;

import dev.marquee.graphql.NodeLookup;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code node(id)} for sessions and people. */
@Configuration(proxyBeanMethods = false)
class ProgramNodes {

	@Bean
	NodeLookup sessionNodes(ProgramService program) {
		return lookup("Session", (id, viewer) -> program.sessionsByIds(List.of(id), viewer).get(id));
	}

	/** Listed people for everyone; people who only attended for those who may see their registrations. */
	@Bean
	NodeLookup personNodes(ProgramService program, dev.marquee.attendance.RegistrationService registrations) {
		return lookup("Person", (id, viewer) -> {
			Person person = program.peopleByIds(List.of(id)).get(id);
			boolean visible = person != null
					&& (!person.unlisted() || !registrations.peopleVisibleTo(viewer, List.of(id)).isEmpty());
			return visible ? person : null;
		});
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
