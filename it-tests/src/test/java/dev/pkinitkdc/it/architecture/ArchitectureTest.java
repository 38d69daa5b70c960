package dev.pkinitkdc.it.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17's guards, checked on every module's main code (it-tests sees all modules): the module order, no loops of
 * packages in any module, the layer order inside kdc-server, and the tools kept out of the server. Each rule was
 * seen failing once against a deliberate violation (see ARCHITECTURE.md, Guards).
 */
class ArchitectureTest {
    private static final String CONF = "dev.pkinitkdc.conf..";
    private static final String[] PKINIT = {"dev.pkinitkdc.pkinit..", "dev.pkinitkdc.failure.."};
    private static final String MAPPING = "dev.pkinitkdc.mapping..";
    private static final String REVOCATION = "dev.pkinitkdc.revocation..";
    private static final String KDC = "dev.pkinitkdc.kdc..";
    /** The launcher and the commands: lab, the lab-PKI library, pki, bench, explain, config check, NTAuth editor. */
    private static final String TOOLS = "dev.pkinitkdc.kdc.tool..";

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

    /** kdc-server's layers, top to bottom; each may use only the layers below it, and every class is in one. */
    @Test
    void kdcServerLayersRunOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitectureIgnoring(not(resideInAPackage(KDC)))
                .layer("tools").definedBy(TOOLS)
                .layer("assembly").definedBy("dev.pkinitkdc.kdc.assembly..")
                .layer("transport").definedBy("dev.pkinitkdc.kdc.transport..")
                .layer("request types").definedBy("dev.pkinitkdc.kdc.as..", "dev.pkinitkdc.kdc.tgs..")
                .layer("stages").definedBy("dev.pkinitkdc.kdc.stage..")
                .layer("support").definedBy("dev.pkinitkdc.kdc.support..")
                .layer("request values").definedBy("dev.pkinitkdc.kdc.request..")
                .whereLayer("request values").mayNotAccessAnyLayer()
                .whereLayer("support").mayOnlyAccessLayers("request values")
                .whereLayer("stages").mayOnlyAccessLayers("support", "request values")
                .whereLayer("request types").mayOnlyAccessLayers("stages", "support", "request values")
                .whereLayer("transport").mayOnlyAccessLayers("request types", "stages", "support", "request values")
                .whereLayer("assembly").mayOnlyBeAccessedByLayers("tools")
                .whereLayer("tools").mayNotBeAccessedByAnyLayer()
                .check(ProjectClasses.main());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.pkinitkdc.conf", "dev.pkinitkdc.pkinit dev.pkinitkdc.failure", "dev.pkinitkdc.revocation"})
    void lowerModulesHaveNoPackageCycles(String roots) {
        slices().assignedFrom(packagesUnder(roots.split(" "))).should().beFreeOfCycles()
                .check(ProjectClasses.main());
    }

    /** No loops of packages in kdc-server and account-mapping, reported as the package arrows inside a loop. */
    @ParameterizedTest
    @ValueSource(strings = {"dev.pkinitkdc.kdc", "dev.pkinitkdc.mapping"})
    void packagesFormNoLoops(String root) {
        classes().should(PackageGraph.noArrowInALoop(root)).as("the packages under " + root + " form no loops")
                .check(ProjectClasses.main());
    }

    @Test
    void mainCodeNeverUsesTestCode() {
        noClasses().that(not(ProjectClasses.TEST_CODE)).should().dependOnClassesThat(ProjectClasses.TEST_CODE)
                .check(ProjectClasses.mainAndTest());
        classes().that().resideInAPackage("..testing..").should(ProjectClasses.BE_TEST_CODE)
                .check(ProjectClasses.mainAndTest());
    }

    /** Nothing in the server imports a tool (the layer rule says it too; this one names the tools' users). */
    @Test
    void serverNeverDependsOnTools() {
        noClasses().that().resideInAPackage(KDC).and().resideOutsideOfPackage(TOOLS)
                .should().dependOnClassesThat().resideInAPackage(TOOLS)
                .as("the server never depends on tools").check(ProjectClasses.main());
    }

    /** The tools other than lab are leaves: only the launcher reaches bench, pki, explain and config check. */
    @ParameterizedTest
    @ValueSource(strings = {"bench", "pki", "explain", "configcheck"})
    void onlyTheLauncherReachesATool(String tool) {
        String pkg = "dev.pkinitkdc.kdc.tool." + tool + "..";
        noClasses().that().resideOutsideOfPackage(pkg).and().doNotHaveFullyQualifiedName("dev.pkinitkdc.kdc.tool.Main")
                .should().dependOnClassesThat().resideInAPackage(pkg)
                .check(ProjectClasses.main());
    }

    /** The lab-PKI library (certificate and CRL builders) ships for the tools; the server never builds certificates. */
    @Test
    void onlyToolsUseTheLabPki() {
        noClasses().that().resideOutsideOfPackages(TOOLS, "dev.pkinitkdc.pkinit.labpki..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pkinitkdc.pkinit.labpki..", "dev.pkinitkdc.kdc.tool.labpki..")
                .check(ProjectClasses.main());
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
