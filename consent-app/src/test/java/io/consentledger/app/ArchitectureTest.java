package io.consentledger.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

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
    void timeComesFromTheInjectedClockOrTheEventsTimestamp() {
        // Instant.now() in a handler makes a replay write other times than the first run; the one Clock bean is the
        // only place the system's clock is read, so tests can move it.
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(AxonConfiguration.class.getName())
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .check(classes);
    }

    @Test
    void aggregatesNeedNoWebMailTemplatesOrOpenApi() {
        // The domain compiles without the edges: HTTP, mail, templates and the API description are used around it.
        noClasses()
                .that()
                .areAnnotatedWith(Aggregate.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..",
                        "org.springframework.mail..",
                        "jakarta.mail..",
                        "org.thymeleaf..",
                        "io.swagger..",
                        "org.springdoc..",
                        "com.github.kagkarlsson..")
                .check(classes);
    }

    @Test
    void controllersTakeNoDecisionFromTheDatabase() {
        // A controller translates HTTP into a command or a query; a rule that depends on state is the aggregate's,
        // an answer is the read side's query handler's. Neither reads tables from a controller.
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .or()
                .areAnnotatedWith(Controller.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
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
