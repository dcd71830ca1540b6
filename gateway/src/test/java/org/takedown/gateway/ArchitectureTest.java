package org.takedown.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.takedown.contracts.RequestStatus;
import org.takedown.gateway.request.RequestState;
import org.takedown.gateway.request.RequestStates;
import org.takedown.gateway.status.ListingParameters;

/**
 * The dependency rule: adapters never see each other, the port stays plain Java, the console
 * queries nothing itself, the contract's request status stays at the edges.
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.takedown");

  private static final String[] ADAPTERS = {"meta", "tiktok", "google"};

  @Test
  void adaptersNeverSeeEachOther() {
    for (String adapter : ADAPTERS) {
      for (String other : ADAPTERS) {
        if (!adapter.equals(other)) {
          noClasses()
              .that()
              .resideInAPackage("org.takedown.adapters." + adapter + "..")
              .should()
              .dependOnClassesThat()
              .resideInAPackage("org.takedown.adapters." + other + "..")
              .check(CLASSES);
        }
      }
    }
  }

  @Test
  void adaptersSeeOnlyThePortOfTheGateway() {
    noClasses()
        .that()
        .resideInAPackage("org.takedown.adapters..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.takedown.gateway..", "org.takedown.contracts..", "org.takedown.sandbox..")
        .check(CLASSES);
  }

  @Test
  void thePortIsFreeOfMicronautHttpAndPartnerTypes() {
    noClasses()
        .that()
        .resideInAPackage("org.takedown.platform..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.micronaut..",
            "jakarta..",
            "java.net.http..",
            "com.nimbusds..",
            "com.fasterxml..",
            "org.takedown.adapters..",
            "org.takedown.gateway..")
        .check(CLASSES);
  }

  @Test
  void theGatewayReachesPartnersOnlyThroughThePort() {
    noClasses()
        .that()
        .resideInAPackage("org.takedown.gateway..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.takedown.adapters..", "org.takedown.sandbox..")
        .check(CLASSES);
  }

  /**
   * The console is one more driving adapter over the API's use cases (STYLE.md): it reads and acts
   * through them, and holds no query and no transaction of its own.
   */
  @Test
  void theConsoleHoldsNoSql() {
    noClasses()
        .that()
        .resideInAPackage("org.takedown.gateway.console..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..", "javax.sql..", "io.micronaut.data..", "io.micronaut.transaction..")
        .check(CLASSES);
  }

  @Test
  void contractsStayFreeOfBeansAndHttp() {
    noClasses()
        .that()
        .resideInAPackage("org.takedown.contracts..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.micronaut..", "jakarta..", "org.takedown.gateway..")
        .check(CLASSES);
  }

  /**
   * The custody tree's mathematics also runs in the offline verification command, with nothing but
   * a bundle: plain Java, no framework, no database, nothing else of the gateway.
   */
  @Test
  void theCustodyTreeIsPlainJava() {
    classes()
        .that()
        .resideInAPackage("org.takedown.gateway.custody.tree..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.takedown.gateway.custody.tree..")
        .check(CLASSES);
  }

  /**
   * The offline verification command runs from the jar with no database and no configuration: the
   * tree's mathematics, Nimbus for the signature, and the JDK.
   */
  @Test
  void theVerificationCommandNeedsNothingButTheTreeAndNimbus() {
    classes()
        .that()
        .resideInAPackage("org.takedown.gateway.custody.verify..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "com.nimbusds..",
            "org.takedown.gateway.custody.tree..",
            "org.takedown.gateway.custody.verify..")
        .check(CLASSES);
  }

  /**
   * The gateway's state machine runs on its own {@link RequestState}; the contract's {@link
   * RequestStatus} is what clients see, so it appears only where the client's words are read or
   * written: the one mapping ({@link RequestStates}), the reading of the {@code status} filter
   * ({@link ListingParameters}), the event feed's words ({@code events.EventFeed}), and the
   * console, a driving adapter whose pages show the contract's requests (the answers themselves are
   * built through {@link RequestStates}); beside them only the JSON introspections Micronaut
   * generates for the contract's records.
   */
  @Test
  void theContractsRequestStatusStaysAtTheEdges() {
    noClasses()
        .that()
        .resideInAPackage("org.takedown.gateway..")
        .and()
        .resideOutsideOfPackage("org.takedown.gateway.console..")
        .and()
        .doNotBelongToAnyOf(RequestStates.class, ListingParameters.class)
        .and()
        .doNotHaveFullyQualifiedName("org.takedown.gateway.events.EventFeed")
        // the serde introspections Micronaut generates for the contract's records (ContractsSerde)
        .and()
        .haveNameNotMatching(
            "org\\.takedown\\.gateway\\.\\$org_takedown_contracts_\\w+\\$Introspection")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(RequestStatus.class)
        .because("the gateway's domain has its own RequestState, mapped at the edges")
        .check(CLASSES);
  }
}
