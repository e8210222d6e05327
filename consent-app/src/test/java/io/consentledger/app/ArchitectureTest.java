package io.consentledger.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of the product's design, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.consentledger");
    }

    @Test
    void theMessageContractKnowsNothingOfSpringOrTheOtherModules() {
        noClasses()
                .that()
                .resideInAPackage("io.consentledger.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "io.consentledger.command..",
                        "io.consentledger.query..",
                        "io.consentledger.app..")
                .check(classes);
    }

    @Test
    void theCommandSideNeverReachesIntoTheReadSide() {
        noClasses()
                .that()
                .resideInAPackage("io.consentledger.command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.consentledger.query..", "io.consentledger.app..")
                .check(classes);
    }

    @Test
    void theReadSideNeverReachesIntoTheCommandSide() {
        noClasses()
                .that()
                .resideInAPackage("io.consentledger.query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.consentledger.command..", "io.consentledger.app..")
                .check(classes);
    }

    @Test
    void projectionsArePrivateToTheirPackage() {
        classes()
                .that()
                .resideInAPackage("io.consentledger.query..")
                .and()
                .areAnnotatedWith(ProcessingGroup.class)
                .should()
                .notBePublic()
                .because("callers ask Queries for a fresh answer and never name a projection")
                .check(classes);
    }
}
