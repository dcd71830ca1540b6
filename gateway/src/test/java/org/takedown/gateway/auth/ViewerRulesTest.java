package org.takedown.gateway.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.security.authentication.Authentication;
import org.junit.jupiter.api.Test;

/**
 * Submitter isolation by construction: only the auth package turns a caller into a {@link Viewer},
 * and the features that read cases, requests and events never see the caller itself, so they cannot
 * pick an owner (or none) of their own.
 */
class ViewerRulesTest {

  private static final JavaClasses GATEWAY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.takedown.gateway");

  @Test
  void onlyTheAuthPackageMakesViewers() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.takedown.gateway.auth..")
        .should()
        .callConstructor(Viewer.Everyone.class)
        .orShould()
        .callConstructor(Viewer.Submitter.class, String.class)
        .because("a viewer is built from the authenticated caller in one place")
        .check(GATEWAY);
  }

  @Test
  void theReadsOfCasesRequestsAndEventsSeeAViewerNeverTheCaller() {
    noClasses()
        .that()
        .resideInAnyPackage("org.takedown.gateway.status..", "org.takedown.gateway.events..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(Authentication.class)
        .because("who may see what is decided once, by the Viewer the caller is")
        .check(GATEWAY);
  }
}
