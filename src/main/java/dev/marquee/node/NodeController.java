package dev.marquee.node;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.marquee.graphql.GlobalId;
import dev.marquee.security.Viewer;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code node(id)}: decodes the global ID and asks the lookup of its type; unknown IDs answer null. */
@Controller
class NodeController {

	private final Map<String, NodeLookup> lookups;

	NodeController(List<NodeLookup> lookups) {
		this.lookups = lookups.stream().collect(Collectors.toMap(NodeLookup::type, Function.identity()));
	}

	@QueryMapping
	Object node(@Argument String id, @ContextValue Viewer viewer) {
		return GlobalId.decode(id)
			.flatMap((gid) -> {
				NodeLookup lookup = this.lookups.get(gid.type());
				return (lookup != null) ? lookup.findNode(gid.id(), viewer) : java.util.Optional.empty();
			})
			.orElse(null);
	}

}
