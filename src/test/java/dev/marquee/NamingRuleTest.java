package dev.marquee;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoOperations;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The naming rule (docs/architecture.md, "Naming"): {@code *Service} reads, {@code *Commands} writes. Held
 * for the features that follow it whole; a feature joins {@link #FOLLOWING} once its writes have moved.
 */
class NamingRuleTest {

	/** Features whose {@code *Service} classes only read. */
	static final String[] FOLLOWING = { "dev.marquee.company..", "dev.marquee.series..", "dev.marquee.account.." };

	/** The methods of {@link MongoOperations} that write. */
	private static final Set<String> WRITES = Set.of("insert", "insertAll", "save", "updateFirst", "updateMulti",
			"upsert", "findAndModify", "findAndReplace", "replace", "remove", "findAndRemove", "findAllAndRemove",
			"bulkOps", "dropCollection");

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.marquee");

	@Test
	void servicesOnlyReadTheirWritesAreInCommands() {
		noClasses().that()
			.haveSimpleNameEndingWith("Service")
			.and()
			.resideInAnyPackage(FOLLOWING)
			.should()
			.callMethodWhere(new DescribedPredicate<JavaMethodCall>("a MongoDB write") {
				@Override
				public boolean test(JavaMethodCall call) {
					return call.getTargetOwner().isAssignableTo(MongoOperations.class)
							&& WRITES.contains(call.getName());
				}
			})
			.because("*Service reads and *Commands writes")
			.check(MAIN);
	}

}
