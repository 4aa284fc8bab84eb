package dev.marquee;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.marquee.security.Viewer;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages are layers that only point down (docs/architecture.md, "Layers"): each may use the
 * layers below it, never one above it nor one beside it. Spring Modulith checks that no modules form a
 * cycle and nobody reaches into another module's internals; ArchUnit checks the order, which Modulith does
 * not know. Also writes the module diagram, docs/modules/components.puml.
 */
class ModuleLayersTest {

	/** Bottom to top; packages in one row do not use each other. */
	static final List<List<String>> LAYERS = List.of(
			List.of("graphql", "tracing"),
			List.of("security", "storage"),
			List.of("node", "audit", "changes"),
			List.of("web"),
			List.of("company"),
			List.of("series"),
			List.of("event", "account"),
			List.of("sponsorship", "program"),
			List.of("attendance"),
			List.of("search", "calendar", "demo", "bench", "live", "webhooks"));

	private static final String ROOT = "dev.marquee";

	/** Read once for this test and ModuleDiagramTest (reading the classes is most of their time). */
	static final ApplicationModules MODULES = ApplicationModules.of(MarqueeApplication.class);

	private static final Path DIAGRAM = Path.of("docs/modules/components.puml");

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void everyPackageUsesOnlyTheLayersBelowIt() {
		for (ArchRule rule : layerRules()) {
			rule.check(MAIN);
		}
	}

	@Test
	void modulesFormNoCycleAndKeepTheirInsidesToThemselves() throws IOException {
		ApplicationModules modules = MODULES;
		modules.verify();
		// withoutClean: the folder also holds ModuleDiagramTest's picture of the layers
		new Documenter(modules,
				Documenter.Options.defaults().withOutputFolder(DIAGRAM.getParent().toString()).withoutClean())
			.writeModulesAsPlantUml(Documenter.DiagramOptions.defaults()
				.withStyle(Documenter.DiagramOptions.DiagramStyle.UML));
		sortArrows(DIAGRAM);
	}

	/**
	 * The Documenter writes the modules and the arrows in no fixed order: the modules put in layer order
	 * (top first) and the arrows sorted, the file changes only when the modules do.
	 */
	private static void sortArrows(Path diagram) throws IOException {
		List<String> lines = Files.readAllLines(diagram);
		List<String> layered = new ArrayList<>();
		for (int row = LAYERS.size() - 1; row >= 0; row--) {
			layered.addAll(LAYERS.get(row));
		}
		Comparator<String> byLayer = Comparator.comparing((String line) -> layered.indexOf(moduleOf(line)))
			.thenComparing(Comparator.naturalOrder());
		List<String> modules = lines.stream().filter(ModuleLayersTest::isModule).sorted(byLayer).toList();
		List<String> arrows = lines.stream().filter(ModuleLayersTest::isArrow).sorted().toList();
		List<String> sorted = new ArrayList<>();
		int nextModule = 0;
		int nextArrow = 0;
		for (String line : lines) {
			sorted.add(isModule(line) ? modules.get(nextModule++) : isArrow(line) ? arrows.get(nextArrow++) : line);
		}
		Files.write(diagram, sorted);
	}

	private static boolean isModule(String line) {
		return line.trim().startsWith("component ");
	}

	private static boolean isArrow(String line) {
		return line.contains(" --> ");
	}

	/** {@code component "==Event\n…" … as MarqueeApplication.MarqueeApplication.Event} names {@code event}. */
	private static String moduleOf(String line) {
		return line.substring(line.lastIndexOf('.') + 1).trim().toLowerCase(Locale.ROOT);
	}

	@Test
	void onlySecurityReadsAViewersRolesAndGrants() {
		noClasses().that()
			.resideOutsideOfPackage(ROOT + ".security..")
			.should()
			.callMethod(Viewer.class, "isAdmin")
			.orShould()
			.callMethod(Viewer.class, "isOrganizer")
			.orShould()
			.callMethod(Viewer.class, "organizes", ObjectId.class)
			.orShould()
			.callMethod(Viewer.class, "roles")
			.orShould()
			.callMethod(Viewer.class, "seriesIds")
			.because("AccessPolicy is the one place that decides who may see or do what")
			.check(MAIN);
	}

	@Test
	void everyPackageHasALayer() {
		List<String> layered = LAYERS.stream().flatMap(List::stream).toList();
		List<String> unlayered = MAIN.stream()
			.map((type) -> type.getPackageName())
			.filter((pkg) -> pkg.startsWith(ROOT + "."))
			.map((pkg) -> pkg.substring(ROOT.length() + 1).split("\\.")[0])
			.distinct()
			.filter((top) -> !layered.contains(top))
			.toList();
		assertThat(unlayered).as("packages missing from ModuleLayersTest.LAYERS").isEmpty();
	}

	/** One rule per package: it does not use any package of its own row or above. */
	static List<ArchRule> layerRules() {
		List<ArchRule> rules = new ArrayList<>();
		for (int row = 0; row < LAYERS.size(); row++) {
			for (String pkg : LAYERS.get(row)) {
				List<String> forbidden = new ArrayList<>();
				for (int above = row; above < LAYERS.size(); above++) {
					for (String other : LAYERS.get(above)) {
						if (!other.equals(pkg)) {
							forbidden.add(ROOT + "." + other + "..");
						}
					}
				}
				rules.add(noClasses().that()
					.resideInAPackage(ROOT + "." + pkg + "..")
					.should()
					.dependOnClassesThat()
					.resideInAnyPackage(forbidden.toArray(String[]::new))
					.because(pkg + " uses only the layers below it"));
			}
		}
		return rules;
	}

}
