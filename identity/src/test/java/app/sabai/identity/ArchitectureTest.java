package app.sabai.identity;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The structure DESIGN.md describes: the rules in plain Java at each feature's top level, Spring in its adapter sub-package. */
class ArchitectureTest {

    static final String[] DOMAIN = {
            "app.sabai.identity.users", "app.sabai.identity.clients", "app.sabai.identity.keys", "app.sabai.identity.token"};

    final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("app.sabai.identity");

    @Test
    void theDomainUsesNoFramework() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theDomainDoesNotReachIntoAdapters() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("app.sabai.identity..adapter..", "app.sabai.identity.web..")
                .check(classes);
    }
}
