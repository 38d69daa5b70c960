package dev.pkinitkdc.it.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import java.util.regex.Pattern;

/**
 * The project's classes as the architecture tests see them: every module's main code (from its jar or classes
 * folder on it-tests' class path), and, for the rule on test helpers, the test code of the test jars too.
 */
final class ProjectClasses {
    /** A test classes folder or a module's test jar (pkinit, account-mapping, revocation ship one). */
    private static final Pattern TEST_LOCATION = Pattern.compile(".*(/test-classes/|-tests\\.jar!/).*");

    static final ImportOption MAIN_CODE = location -> !isTest(location);

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(MAIN_CODE).importPackages("dev.pkinitkdc");
    private static final JavaClasses ALL = new ClassFileImporter().importPackages("dev.pkinitkdc");

    private ProjectClasses() {
    }

    static JavaClasses main() {
        return MAIN;
    }

    static JavaClasses mainAndTest() {
        return ALL;
    }

    static final DescribedPredicate<JavaClass> TEST_CODE = DescribedPredicate.describe("test code",
            c -> c.getSource().map(s -> TEST_LOCATION.matcher(s.getUri().toString()).matches()).orElse(false));

    static final ArchCondition<JavaClass> BE_TEST_CODE = ArchConditions.be(TEST_CODE);

    private static boolean isTest(Location location) {
        return location.matches(TEST_LOCATION);
    }
}
