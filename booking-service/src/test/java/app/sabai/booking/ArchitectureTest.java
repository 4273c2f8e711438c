package app.sabai.booking;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The structure DESIGN.md describes: domain rules in plain Java at each feature's top level, adapters in a sub-package. */
class ArchitectureTest {

    static final String[] DOMAIN = {
            "app.sabai.booking.catalogue", "app.sabai.booking.intake", "app.sabai.booking.request",
            "app.sabai.booking.lifecycle", "app.sabai.booking.reminders", "app.sabai.booking.view", "app.sabai.booking.policy",
            "app.sabai.booking.idempotency", "app.sabai.booking.course", "app.sabai.booking.waitlist",
            "app.sabai.booking.demo", "app.sabai.booking.privacy"};

    final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("app.sabai.booking");

    @Test
    void theDomainUsesNoFrameworkNorInfrastructure() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.bson..", "com.mongodb..", "org.apache.kafka..",
                        "app.sabai.support.outbox..", "app.sabai.support.consume..", "app.sabai.support.kafka..")
                .check(classes);
    }

    @Test
    void theDomainDoesNotReachIntoAdapters() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAPackage("app.sabai.booking..adapter..")
                .check(classes);
    }
}
