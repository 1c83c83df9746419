package dev.kairos;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of DESIGN.md section 2: arrows point inward. */
@AnalyzeClasses(packages = "dev.kairos", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule nothingImportsTheCommandLineOrTheWebServer = noClasses()
            .that().resideOutsideOfPackages("dev.kairos.cli..", "dev.kairos.web..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kairos.cli..", "dev.kairos.web..");

    @ArchTest
    static final ArchRule webDoesNotImportCli = noClasses().that().resideInAPackage("dev.kairos.web..")
            .should().dependOnClassesThat().resideInAPackage("dev.kairos.cli..");

    @ArchTest
    static final ArchRule foundationsKnowNoFeatures = noClasses()
            .that().resideInAnyPackage("dev.kairos.sense..", "dev.kairos.event..", "dev.kairos.store..",
                    "dev.kairos.model..", "dev.kairos.process..", "dev.kairos.json..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kairos.heartbeat..", "dev.kairos.agent..",
                    "dev.kairos.tool..", "dev.kairos.policy..", "dev.kairos.effect..", "dev.kairos.ledger..",
                    "dev.kairos.memory..", "dev.kairos.dream..", "dev.kairos.github..", "dev.kairos.notify..",
                    "dev.kairos.channel..", "dev.kairos.bench..");

    @ArchTest
    static final ArchRule onlyTheRootWiresThePartsTogether = noClasses()
            .that().resideOutsideOfPackages("dev.kairos", "dev.kairos.cli..", "dev.kairos.web..")
            .should().dependOnClassesThat().resideInAPackage("dev.kairos")
            .because("Kairos (the root) wires the parts; the parts do not know it");

    @ArchTest
    static final ArchRule timeIsPassedIn = noClasses()
            .that().resideOutsideOfPackages("dev.kairos.cli..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(java.time.LocalDate.class, "now")
            .orShould().callMethod(java.time.LocalDateTime.class, "now")
            .orShould().callMethod(java.time.ZonedDateTime.class, "now")
            .because("every component takes an InstantSource; tests drive a settable clock");

    @ArchTest
    static final ArchRule namesSayWhatAThingIs = noClasses()
            .should().haveSimpleNameEndingWith("Manager").orShould().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils").orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Impl");
}
