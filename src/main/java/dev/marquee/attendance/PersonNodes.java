package dev.marquee.attendance;

import java.util.List;
import java.util.Optional;

import dev.marquee.node.NodeLookup;
import dev.marquee.program.Person;
import dev.marquee.program.ProgramService;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;

import org.springframework.stereotype.Component;

/**
 * {@code node(id)} for people: those the viewer may reach ({@link RegistrationService#reachable}); any
 * other id answers null, exactly like one that does not exist. Here rather than in program/ because
 * reach depends on registrations.
 */
@Component
class PersonNodes implements NodeLookup {

	private final ProgramService program;

	private final RegistrationService registrations;

	PersonNodes(ProgramService program, RegistrationService registrations) {
		this.program = program;
		this.registrations = registrations;
	}

	@Override
	public String type() {
		return "Person";
	}

	@Override
	public Optional<Person> findNode(ObjectId id, Viewer viewer) {
		return Optional.ofNullable(this.program.peopleByIds(List.of(id)).get(id))
			.filter((person) -> !this.registrations.reachable(viewer, List.of(person)).isEmpty());
	}

}
