package dev.pkinitkdc.it.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.library.freeze.FreezingArchRule.freeze;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17's guards, checked on every module's main code (it-tests sees all modules). The rules that hold today
 * must keep holding; the two the re-layer must reach (no loops of packages in kdc-server, the server never depends
 * on the tools) are frozen: today's violations are recorded under src/test/resources/archunit-store, a new one
 * fails, a fixed one leaves the record (commit the smaller store). See ARCHITECTURE.md.
 */
class ArchitectureTest {
    private static final String CONF = "dev.pkinitkdc.conf..";
    private static final String[] PKINIT = {"dev.pkinitkdc.pkinit..", "dev.pkinitkdc.failure.."};
    private static final String MAPPING = "dev.pkinitkdc.mapping..";
    private static final String REVOCATION = "dev.pkinitkdc.revocation..";
    private static final String KDC = "dev.pkinitkdc.kdc..";

    /** The launcher and the commands: lab, pki, bench, explain, config check, the NTAuth editor. */
    private static final DescribedPredicate<JavaClass> TOOLS = DescribedPredicate.describe("tools",
            c -> resideInAnyPackage("dev.pkinitkdc.kdc.lab..", "dev.pkinitkdc.kdc.pki..", "dev.pkinitkdc.kdc.bench..",
                    "dev.pkinitkdc.kdc.explain..", "dev.pkinitkdc.kdc.config..").test(c)
                    || topLevel(c).matches("dev\\.pkinitkdc\\.kdc\\.(Main|Command|CommandConfig|UsageException)")
                    || topLevel(c).matches("dev\\.pkinitkdc\\.kdc\\.ntauth\\.(NtAuthCommand|NtAuthListing|\\w*Editor)"));

    private static String topLevel(JavaClass c) {
        return c.getName().replaceFirst("\\$.*", "");
    }

    @Test
    void modulesDependDownwardOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("conf").definedBy(CONF)
                .layer("pkinit").definedBy(PKINIT)
                .layer("account-mapping").definedBy(MAPPING)
                .layer("revocation").definedBy(REVOCATION)
                .layer("kdc-server").definedBy(KDC)
                .whereLayer("conf").mayNotAccessAnyLayer()
                .whereLayer("pkinit").mayOnlyAccessLayers("conf")
                // revocation's dependency on pkinit is test-only
                .whereLayer("revocation").mayOnlyAccessLayers("conf")
                .whereLayer("account-mapping").mayOnlyAccessLayers("conf", "pkinit")
                .whereLayer("kdc-server").mayNotBeAccessedByAnyLayer()
                .check(ProjectClasses.main());
    }

    @Test
    void everyMainClassBelongsToAModule() {
        classes().should().resideInAnyPackage(CONF, PKINIT[0], PKINIT[1], MAPPING, REVOCATION, KDC)
                .check(ProjectClasses.main());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.pkinitkdc.conf", "dev.pkinitkdc.pkinit dev.pkinitkdc.failure", "dev.pkinitkdc.revocation"})
    void lowerModulesHaveNoPackageCycles(String roots) {
        slices().assignedFrom(packagesUnder(roots.split(" "))).should().beFreeOfCycles()
                .check(ProjectClasses.main());
    }

    @Test
    void mainCodeNeverUsesTestCode() {
        noClasses().that(not(ProjectClasses.TEST_CODE)).should().dependOnClassesThat(ProjectClasses.TEST_CODE)
                .check(ProjectClasses.mainAndTest());
        classes().that().resideInAPackage("..testing..").should(ProjectClasses.BE_TEST_CODE)
                .check(ProjectClasses.mainAndTest());
    }

    /** The tools other than lab are leaves: only the launcher reaches bench, pki, explain and config check. */
    @ParameterizedTest
    @ValueSource(strings = {"bench", "pki", "explain", "config"})
    void onlyTheLauncherReachesATool(String tool) {
        String pkg = "dev.pkinitkdc.kdc." + tool + "..";
        noClasses().that().resideOutsideOfPackage(pkg).and().doNotHaveFullyQualifiedName("dev.pkinitkdc.kdc.tool.Main")
                .should().dependOnClassesThat().resideInAPackage(pkg)
                .check(ProjectClasses.main());
    }

    /**
     * Target of the re-layer, frozen: each package arrow inside a loop of kdc-server's packages. account-mapping's
     * loop (mapping, mapping.rules, mapping.altsec) is frozen the same way.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev.pkinitkdc.kdc", "dev.pkinitkdc.mapping"})
    void packagesFormNoLoops(String root) {
        ArchRule rule = classes().should(PackageGraph.noArrowInALoop(root))
                .as("the packages under " + root + " form no loops");
        freeze(rule).check(ProjectClasses.main());
    }

    /** Target of the re-layer, frozen: nothing in the server imports a tool. */
    @Test
    void serverNeverDependsOnTools() {
        ArchRule rule = noClasses().that().resideInAPackage(KDC).and(not(TOOLS)).should().dependOnClassesThat(TOOLS)
                .as("the server never depends on tools");
        freeze(rule).check(ProjectClasses.main());
    }

    /** Not a rule: the numbers the re-layer is measured by, printed with each run. */
    @Test
    void measureKdcServerPackageGraph() {
        System.out.println("kdc-server package graph: " + PackageGraph.of(ProjectClasses.main(), "dev.pkinitkdc.kdc").summary());
    }

    private static SliceAssignment packagesUnder(String... roots) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                for (String root : roots) {
                    if (c.getPackageName().equals(root) || c.getPackageName().startsWith(root + ".")) {
                        return SliceIdentifier.of(c.getPackageName());
                    }
                }
                return SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages under " + String.join(", ", roots);
            }
        };
    }
}
