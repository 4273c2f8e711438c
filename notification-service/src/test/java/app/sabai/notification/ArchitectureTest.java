package app.sabai.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The structure DESIGN.md describes: the domain ({@code app.sabai.notification.booking}) is plain Java. It may
 * use the contracts and the JDK, but no Spring, no database driver, no Kafka, no service support, and none of
 * this service's adapters (every other package of the service is one).
 */
class ArchitectureTest {

    static final String DOMAIN = "app.sabai.notification.booking..";

    final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("app.sabai.notification");

    @Test
    void theDomainUsesNoFrameworkNorInfrastructure() {
        noClasses().that().resideInAPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.bson..", "com.mongodb..", "org.apache.kafka..", "jakarta..",
                        "app.sabai.support..")
                .check(classes);
    }

    @Test
    void theDomainDoesNotReachIntoAdapters() {
        noClasses().that().resideInAPackage(DOMAIN)
                .should().dependOnClassesThat(resideInAPackage("app.sabai.notification..").and(resideOutsideOfPackage(DOMAIN)))
                .check(classes);
    }
}
