package dev.docserve.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules of the code base, read from the compiled classes: packages form no cycle, and
 * dependencies point from the edges (cli, api, mcp, bench, eval) down to the domain and the
 * lifecycle layout, never back. A failure names the offending classes and the import to remove.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.docserve");
    }

    @Test
    void packagesShouldFormNoCycle() {
        slices().matching("dev.docserve.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheHttpLayerShouldKnowAboutHttpStatuses() {
        noClasses().that().resideOutsideOfPackage("dev.docserve.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.docserve.api..")
                .because("the domain throws domain exceptions and api/ alone turns them into HTTP statuses")
                .check(classes);
    }

    @Test
    void theLifecycleLayoutShouldDependOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("dev.docserve.lifecycle.layout..")
                .should().dependOnClassesThat(ours().and(not(resideInAnyPackage("dev.docserve.lifecycle.layout..",
                        "dev.docserve.json.."))))
                .because("paths, ids and the runtime, pid and lock files are read by every other part, the CLI before "
                        + "Quarkus boots included (dev.docserve.json is the shared JSON dialect and depends on nothing)")
                .check(classes);
    }

    @Test
    void theSharedVocabularyShouldDependOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("dev.docserve.corpus..")
                .should().dependOnClassesThat(ours().and(not(resideInAPackage("dev.docserve.corpus.."))))
                .because("index and search both speak it")
                .check(classes);
    }

    private static DescribedPredicate<JavaClass> ours() {
        return resideInAPackage("dev.docserve..");
    }

    @Test
    void theDomainShouldNotDependOnTheEdges() {
        noClasses().that().resideInAnyPackage("dev.docserve.lifecycle..", "dev.docserve.config..",
                        "dev.docserve.corpus..", "dev.docserve.index..", "dev.docserve.search..", "dev.docserve.project..",
                        "dev.docserve.security..", "dev.docserve.json..", "dev.docserve.http..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.docserve.cli..", "dev.docserve.api..",
                        "dev.docserve.bench..", "dev.docserve.eval..", "dev.docserve.mcp..")
                .check(classes);
    }

    @Test
    void theClientSideOfTheLifecycleShouldRunWithoutQuarkus() {
        noClasses().that().resideInAnyPackage("dev.docserve.lifecycle.layout..", "dev.docserve.lifecycle.client..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.enterprise..", "io.vertx..")
                .because("the CLI finds, starts and stops instances as plain Java, before (and without) a Quarkus boot")
                .check(classes);
    }
}
