package dev.marquee;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The picture of the layers in docs/architecture.md, drawn from the code: one box per module, one arrow
 * where a module uses another directly and no longer path says so already (the transitive reduction; the
 * full graph is Modulith's components.puml). The boxes are placed by ModuleLayersTest's layers, bottom to
 * top. Rewrites docs/modules/layers.puml and layers.svg and fails when the source was out of date, so the
 * committed picture is the code's.
 */
class ModuleDiagramTest {

	private static final Path SOURCE = Path.of("docs/modules/layers.puml");

	private static final Path PICTURE = Path.of("docs/modules/layers.svg");

	@Test
	void theCommittedPictureOfTheLayersIsTheCodes() throws IOException {
		Map<String, Set<String>> uses = directUses(ModuleLayersTest.MODULES);
		String source = plantUml(reduce(uses));
		byte[] picture = svg(source);
		// the source decides: the SVG's bytes depend on the fonts of the machine that draws it
		boolean current = Files.exists(SOURCE) && Files.readString(SOURCE).equals(source) && Files.exists(PICTURE);
		Files.createDirectories(SOURCE.getParent());
		Files.writeString(SOURCE, source);
		Files.write(PICTURE, picture);
		assertThat(current).as(SOURCE + " and " + PICTURE + " were out of date and have been rewritten: commit them")
			.isTrue();
	}

	@Test
	void theReductionKeepsWhatEachModuleReachesAndDropsOnlyShortcuts() {
		Map<String, Set<String>> uses = new TreeMap<>(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of()));
		assertThat(reduce(uses)).isEqualTo(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of()));
	}

	private static Map<String, Set<String>> directUses(ApplicationModules modules) {
		Map<String, Set<String>> uses = new TreeMap<>();
		for (ApplicationModule module : modules) {
			Set<String> targets = new TreeSet<>();
			module.getDirectDependencies(modules).uniqueModules().map(ModuleDiagramTest::name)
				.filter((target) -> !target.equals(name(module)))
				.forEach(targets::add);
			uses.put(name(module), targets);
		}
		return uses;
	}

	private static String name(ApplicationModule module) {
		return module.getIdentifier().toString();
	}

	/** Each arrow a→c that a longer path a→b→…→c already implies goes. */
	static Map<String, Set<String>> reduce(Map<String, Set<String>> uses) {
		Map<String, Set<String>> reduced = new TreeMap<>();
		uses.forEach((from, targets) -> {
			Set<String> kept = new TreeSet<>(targets);
			for (String via : targets) {
				Set<String> reachable = reachable(uses, via);
				kept.removeIf((target) -> !target.equals(via) && reachable.contains(target));
			}
			reduced.put(from, kept);
		});
		return reduced;
	}

	private static Set<String> reachable(Map<String, Set<String>> uses, String from) {
		Set<String> seen = new TreeSet<>();
		List<String> todo = new ArrayList<>(List.of(from));
		while (!todo.isEmpty()) {
			for (String next : uses.getOrDefault(todo.remove(todo.size() - 1), Set.of())) {
				if (seen.add(next)) {
					todo.add(next);
				}
			}
		}
		return seen;
	}

	private static String plantUml(Map<String, Set<String>> reduced) {
		StringBuilder uml = new StringBuilder("""
				@startuml
				' written by ModuleDiagramTest from the code: do not edit
				!pragma layout smetana
				skinparam shadowing false
				skinparam defaultFontName SansSerif
				skinparam rectangleBackgroundColor #F7F7F7
				skinparam rectangleBorderColor #555555
				skinparam arrowColor #555555
				""");
		List<List<String>> layers = ModuleLayersTest.LAYERS;
		for (int floor = layers.size() - 1; floor >= 0; floor--) {
			for (String module : layers.get(floor)) {
				if (reduced.containsKey(module)) {
					uml.append("rectangle ").append(module).append('\n');
				}
			}
		}
		reduced.keySet().stream().filter((module) -> layers.stream().noneMatch((layer) -> layer.contains(module)))
			.forEach((module) -> uml.append("rectangle ").append(module).append('\n'));
		reduced.forEach((from, targets) -> targets
			.forEach((target) -> uml.append(from).append(" --> ").append(target).append('\n')));
		// a module nothing imports and that imports nothing (tracing: configuration only) stands on its floor
		for (List<String> layer : layers) {
			for (String module : layer.subList(1, layer.size())) {
				boolean alone = reduced.getOrDefault(module, Set.of()).isEmpty()
						&& reduced.values().stream().noneMatch((targets) -> targets.contains(module));
				if (alone && reduced.containsKey(module)) {
					uml.append(layer.get(0)).append(" -[hidden]right- ").append(module).append('\n');
				}
			}
		}
		return uml.append("caption an arrow: uses directly (one that a longer path implies is left out)\n@enduml\n")
			.toString();
	}

	private static byte[] svg(String source) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new SourceStringReader(source).outputImage(out, new FileFormatOption(FileFormat.SVG));
		return out.toString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
	}

}
