package dev.marquee;

import java.util.Optional;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The naming rule (docs/architecture.md, "Naming"): {@code *Service} reads, {@code *Commands} writes, in
 * every feature; a mutation's input record is nested in its {@code *Commands}, a query's filter in its
 * {@code *Service}, a payload in its {@code *Controller}.
 */
class NamingRuleTest {

	/** The methods of {@link MongoOperations} that write. */
	private static final Set<String> WRITES = Set.of("insert", "insertAll", "save", "updateFirst", "updateMulti",
			"upsert", "findAndModify", "findAndReplace", "replace", "remove", "findAndRemove", "findAllAndRemove",
			"bulkOps", "dropCollection");

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.marquee");

	static final ArchRule SERVICES_ONLY_READ = noClasses().that()
		.haveSimpleNameEndingWith("Service")
		.should()
		.callMethodWhere(new DescribedPredicate<JavaMethodCall>("a MongoDB write") {
			@Override
			public boolean test(JavaMethodCall call) {
				return call.getTargetOwner().isAssignableTo(MongoOperations.class) && WRITES.contains(call.getName());
			}
		})
		.because("*Service reads and *Commands writes");

	@Test
	void servicesOnlyReadTheirWritesAreInCommands() {
		SERVICES_ONLY_READ.check(MAIN);
	}

	@Test
	void theRuleSeesAWritePlantedInAService() {
		JavaClasses planted = new ClassFileImporter().importClasses(PlantedWriteService.class);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> SERVICES_ONLY_READ.check(planted))
			.withMessageContaining("PlantedWriteService")
			.withMessageContaining("insert");
	}

	@Test
	void mutationInputsLiveInCommandsFiltersInServicesPayloadsInControllers() {
		for (ArchRule rule : new ArchRule[] { nestedIn("Input", "Commands"), nestedIn("Filter", "Service"),
				nestedIn("Payload", "Controller") }) {
			rule.check(MAIN);
		}
	}

	@Test
	void theRuleSeesAnInputOutsideCommands() {
		JavaClasses planted = new ClassFileImporter().importClasses(PlantedWriteService.class,
				PlantedWriteService.StrayInput.class);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> nestedIn("Input", "Commands").check(planted))
			.withMessageContaining("StrayInput");
	}

	/** Records named {@code *<suffix>} are nested in a class named {@code *<owner>}. */
	static ArchRule nestedIn(String suffix, String owner) {
		return classes().that()
			.areRecords()
			.and()
			.haveSimpleNameEndingWith(suffix)
			.should(new ArchCondition<JavaClass>("be nested in a *" + owner) {
				@Override
				public void check(JavaClass record, ConditionEvents events) {
					Optional<JavaClass> enclosing = record.getEnclosingClass();
					boolean ok = enclosing.isPresent() && enclosing.get().getSimpleName().endsWith(owner);
					events.add(new SimpleConditionEvent(record, ok, record.getName() + " is "
							+ enclosing.map((c) -> "nested in " + c.getName()).orElse("a top-level class")));
				}
			})
			.because("an input record is nested in the class that takes it");
	}

	/** A service that writes, and an input outside any {@code *Commands}: what the rules must refuse. */
	static class PlantedWriteService {

		private final MongoTemplate mongo;

		PlantedWriteService(MongoTemplate mongo) {
			this.mongo = mongo;
		}

		void write(Object document) {
			this.mongo.insert(document);
		}

		record StrayInput(String name) {
		}

	}

}
