package app.sabai.therapist;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The structure DESIGN.md describes, the same as in every service: domain rules in plain Java at each
 * feature's top level, adapters (controllers, listeners, repositories) in its {@code adapter} sub-package.
 */
class ArchitectureTest {

    static final String[] DOMAIN = {
            "app.sabai.therapist.branch", "app.sabai.therapist.staff", "app.sabai.therapist.roster",
            "app.sabai.therapist.absence", "app.sabai.therapist.planning", "app.sabai.therapist.schedule",
            "app.sabai.therapist.assignment", "app.sabai.therapist.availability", "app.sabai.therapist.demo",
            "app.sabai.therapist.time"};

    final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("app.sabai.therapist");

    @Test
    void theDomainUsesNoFrameworkNorInfrastructure() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.bson..", "com.mongodb..", "org.apache.kafka..",
                        "app.sabai.support..")
                .check(classes);
    }

    @Test
    void theDomainDoesNotReachIntoAdapters() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAPackage("app.sabai.therapist..adapter..")
                .check(classes);
    }

    @Test
    void planningDependsOnNoFeatureBuiltOnIt() {
        noClasses().that().resideInAPackage("app.sabai.therapist.planning")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "app.sabai.therapist.assignment..", "app.sabai.therapist.availability..", "app.sabai.therapist.demo..",
                        "app.sabai.therapist.absence..")
                .check(classes);
    }
}
