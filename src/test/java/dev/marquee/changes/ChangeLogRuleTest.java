package dev.marquee.changes;

import java.util.Set;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every {@code *Commands} that writes to MongoDB tells the change log (docs/architecture.md, "The change
 * log"): it depends on {@link ChangeLog}, itself or through a class of its own package that does (events
 * change through {@code EventChanges}). Accounts are not public: {@code AccountCommands} is exempt.
 */
class ChangeLogRuleTest {

	/** The methods of {@link MongoOperations} that write (as NamingRuleTest lists them). */
	private static final Set<String> WRITES = Set.of("insert", "insertAll", "save", "updateFirst", "updateMulti",
			"upsert", "findAndModify", "findAndReplace", "replace", "remove", "findAndRemove", "findAllAndRemove",
			"bulkOps");

	/** Writers of nothing a reader of the public API could see. */
	private static final Set<String> EXEMPT = Set.of("dev.marquee.account.AccountCommands");

	static final ArchRule COMMANDS_TELL_THE_CHANGE_LOG = classes().that()
		.haveSimpleNameEndingWith("Commands")
		.should(new ArchCondition<JavaClass>("append to the change log when they write") {
			@Override
			public void check(JavaClass commands, ConditionEvents events) {
				boolean writes = commands.getMethodCallsFromSelf()
					.stream()
					.anyMatch((call) -> call.getTargetOwner().isAssignableTo(MongoOperations.class)
							&& WRITES.contains(call.getName()));
				if (writes && !EXEMPT.contains(commands.getName()) && !tellsTheLog(commands)) {
					events.add(SimpleConditionEvent.violated(commands,
							commands.getName() + " writes to MongoDB but has no ChangeLog, nor a class of its package with one"));
				}
			}
		})
		.because("every write a reader could see appends to the change log");

	private static boolean tellsTheLog(JavaClass commands) {
		for (Dependency dependency : commands.getDirectDependenciesFromSelf()) {
			JavaClass target = dependency.getTargetClass();
			if (target.isEquivalentTo(ChangeLog.class)) {
				return true;
			}
			if (target.getPackageName().equals(commands.getPackageName()) && !target.equals(commands)
					&& target.getDirectDependenciesFromSelf()
						.stream()
						.anyMatch((d) -> d.getTargetClass().isEquivalentTo(ChangeLog.class))) {
				return true;
			}
		}
		return false;
	}

	@Test
	void everyCommandsThatWritesAppendsToTheChangeLog() {
		JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.marquee");
		COMMANDS_TELL_THE_CHANGE_LOG.check(main);
	}

	@Test
	void theRuleSeesACommandsThatWritesWithoutTellingTheLog() {
		JavaClasses planted = new ClassFileImporter().importClasses(PlantedCommands.class);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> COMMANDS_TELL_THE_CHANGE_LOG.check(planted))
			.withMessageContaining("PlantedCommands writes to MongoDB but has no ChangeLog");
	}

	/** A write path someone forgot to tell the log about. */
	static class PlantedCommands {

		private final MongoTemplate mongo;

		PlantedCommands(MongoTemplate mongo) {
			this.mongo = mongo;
		}

		void rename() {
			this.mongo.insert(new Document("name", "x"), "series");
		}

	}

}
