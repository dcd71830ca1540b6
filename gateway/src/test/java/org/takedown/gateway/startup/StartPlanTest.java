package org.takedown.gateway.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.value.MapPropertyResolver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The mode rule of GATEWAY-API.md "Configuration", case by case: which mode a configuration gets,
 * what is stood in for, and what a start is refused for.
 */
class StartPlanTest {

  private static final List<String> META =
      List.of(
          "gateway.partners.meta.base-url",
          "gateway.partners.meta.agency-id",
          "gateway.partners.meta.access-token",
          "gateway.partners.meta.app-secret",
          "gateway.partners.meta.verify-token");
  private static final List<String> TIKTOK =
      List.of(
          "gateway.partners.tiktok.base-url",
          "gateway.partners.tiktok.client-key",
          "gateway.partners.tiktok.client-secret");
  private static final List<String> GOOGLE =
      List.of(
          "gateway.partners.google.base-url",
          "gateway.partners.google.service-account-file",
          "gateway.partners.google.push-audience",
          "gateway.partners.google.push-service-account",
          "gateway.partners.google.push-jwks-uri");
  private static final List<String> DATABASE = List.of("datasources.default.url");
  private static final List<String> ISSUER =
      List.of("gateway.auth.jwks-uri", "gateway.auth.issuer");
  private static final List<String> CONSOLE =
      List.of(
          "gateway.console.oidc.issuer",
          "gateway.console.oidc.client-id",
          "gateway.console.oidc.client-secret",
          "gateway.console.session.secret");

  private static final String CUSTODY_KEY = "gateway.custody.signing-key";

  @Test
  void productionWithoutTheCustodySigningKeyIsRefusedNamingIt() {
    Map<String, Object> config = complete();
    config.remove(CUSTODY_KEY);
    StartPlan plan = plan(config);
    assertEquals(RunMode.Mode.PRODUCTION, plan.mode());
    assertEquals(List.of(CUSTODY_KEY), plan.missing());
    String refusal = plan.refusal(false).orElseThrow();
    assertTrue(
        refusal.contains("gateway.custody.signing-key (GATEWAY_CUSTODY_SIGNING_KEY)"), refusal);
  }

  @Test
  void everyPartnerAdapterDeclaresWhatARealRunNeeds() {
    assertEquals(
        List.of(
            "database",
            "token-issuer",
            "console-issuer",
            "custody-signing-key",
            "meta",
            "tiktok",
            "google"),
        Service.all().stream().map(Service::name).toList());
    assertEquals(CONSOLE, requiredOf("console-issuer"));
    assertEquals(META, requiredOf("meta"));
    assertEquals(TIKTOK, requiredOf("tiktok"));
    assertEquals(GOOGLE, requiredOf("google"));
  }

  @Test
  void nothingConfiguredIsLocalModeWithEveryServiceStoodIn() {
    StartPlan plan = plan(Map.of());
    assertEquals(RunMode.Mode.LOCAL, plan.mode());
    assertEquals(
        List.of(
            "database",
            "token-issuer",
            "console-issuer",
            "custody-signing-key",
            "meta",
            "tiktok",
            "google"),
        standInNames(plan));
    assertEquals(List.of(), plan.missing());
    assertEquals(Optional.empty(), plan.refusal(true));
  }

  @Test
  void theProductionBuildRefusesLocalModeNamingEveryProperty() {
    String refusal = plan(Map.of()).refusal(false).orElseThrow();
    for (String property : all()) {
      assertTrue(refusal.contains(property), property + " in " + refusal);
    }
    assertTrue(refusal.contains("GATEWAY_PARTNERS_META_BASE_URL"), refusal);
    assertTrue(refusal.contains("takedown-gateway-local.jar"), refusal);
  }

  @Test
  void oneServiceConfiguredMeansProductionModeAndEveryOtherPropertyIsMissing() {
    // the typo case: the operator meant to configure Meta too, and only the database took
    StartPlan plan =
        plan(
            Map.of(
                "datasources.default.url", "jdbc:postgresql://db/takedown",
                "gateway.partners.meta.base-ur", "https://graph.facebook.com"));
    assertEquals(RunMode.Mode.PRODUCTION, plan.mode());
    assertEquals(List.of(), plan.standIns());
    List<String> expected = new java.util.ArrayList<>(ISSUER);
    expected.addAll(CONSOLE);
    expected.add(CUSTODY_KEY);
    expected.addAll(META);
    expected.addAll(TIKTOK);
    expected.addAll(GOOGLE);
    assertEquals(expected, plan.missing());
    String refusal = plan.refusal(true).orElseThrow();
    assertTrue(refusal.startsWith("The gateway cannot start in production mode"), refusal);
    assertTrue(refusal.contains("datasources.default.url is set"), refusal);
  }

  @Test
  void everythingConfiguredStartsInProductionModeWithNothingStoodIn() {
    StartPlan plan = plan(complete());
    assertEquals(RunMode.Mode.PRODUCTION, plan.mode());
    assertEquals(List.of(), plan.standIns());
    assertEquals(List.of(), plan.missing());
    assertEquals(Optional.empty(), plan.refusal(false));
  }

  @Test
  void aPartnerWithoutItsCredentialsIsRefusedEvenThoughItsBaseUrlIsSet() {
    Map<String, Object> config = complete();
    config.remove("gateway.partners.tiktok.client-secret");
    config.put("gateway.partners.meta.access-token", "  ");
    StartPlan plan = plan(config);
    assertEquals(
        List.of("gateway.partners.meta.access-token", "gateway.partners.tiktok.client-secret"),
        plan.missing());
  }

  @Test
  void localModeForcedStandsInOnlyForWhatIsNotConfigured() {
    Map<String, Object> config = new HashMap<>();
    config.put("gateway.local.enabled", "true");
    config.put("datasources.default.url", "jdbc:postgresql://db/takedown");
    config.put("gateway.auth.jwks-uri", "https://sso.example/certs");
    config.put("gateway.auth.issuer", "https://sso.example");
    StartPlan plan = plan(config);
    assertEquals(RunMode.Mode.LOCAL, plan.mode());
    assertEquals(
        List.of("console-issuer", "custody-signing-key", "meta", "tiktok", "google"),
        standInNames(plan));
    assertEquals(List.of(), plan.missing());
  }

  @Test
  void localModeNeverStandsInForAServiceThatIsConfiguredButIncomplete() {
    Map<String, Object> config = new HashMap<>();
    config.put("gateway.local.enabled", "true");
    config.put("gateway.partners.meta.base-url", "https://graph.facebook.com");
    config.put("gateway.auth.jwks-uri", "https://sso.example/certs");
    StartPlan plan = plan(config);
    assertEquals(
        List.of("database", "console-issuer", "custody-signing-key", "tiktok", "google"),
        standInNames(plan));
    assertEquals(
        List.of(
            "gateway.auth.issuer",
            "gateway.partners.meta.agency-id",
            "gateway.partners.meta.access-token",
            "gateway.partners.meta.app-secret",
            "gateway.partners.meta.verify-token"),
        plan.missing());
    String refusal = plan.refusal(true).orElseThrow();
    assertTrue(refusal.contains("never stood in for"), refusal);
  }

  @Test
  void localModeForbiddenWithNothingConfiguredIsRefusedNamingEveryProperty() {
    StartPlan plan = plan(Map.of("gateway.local.enabled", "false"));
    assertEquals(RunMode.Mode.PRODUCTION, plan.mode());
    assertEquals(all(), plan.missing());
    assertTrue(plan.refusal(true).orElseThrow().contains("gateway.local.enabled is false"));
  }

  @Test
  void localModeForcedWithEverythingConfiguredStandsInForNothing() {
    Map<String, Object> config = complete();
    config.put("gateway.local.enabled", "true");
    StartPlan plan = plan(config);
    assertEquals(RunMode.Mode.LOCAL, plan.mode());
    assertEquals(List.of(), plan.standIns());
    assertEquals(Optional.empty(), plan.refusal(true));
    // the production build has no local mode at all, even with nothing to stand in for
    assertTrue(plan.refusal(false).isPresent());
  }

  @Test
  void aConsoleIssuerAloneIsProductionModeAndNeedsItsClientAndSessionSecret() {
    StartPlan plan = plan(Map.of("gateway.console.oidc.issuer", "https://sso.example/realms/unit"));
    assertEquals(RunMode.Mode.PRODUCTION, plan.mode());
    assertTrue(
        plan.missing().containsAll(CONSOLE.subList(1, CONSOLE.size())), plan.missing().toString());
    assertTrue(plan.missing().containsAll(DATABASE), plan.missing().toString());
  }

  @Test
  void anApiOnlyGatewayNeedsNoConsoleIssuerInProduction() {
    Map<String, Object> config = complete();
    CONSOLE.forEach(config::remove);
    StartPlan withConsole = plan(config);
    assertEquals(CONSOLE, withConsole.missing());
    config.put("gateway.console.enabled", "false");
    StartPlan apiOnly = plan(config);
    assertEquals(RunMode.Mode.PRODUCTION, apiOnly.mode());
    assertEquals(List.of(), apiOnly.missing());
    assertEquals(Optional.empty(), apiOnly.refusal(false));
  }

  @Test
  void localModeWithoutAConsoleStandsInForNoIdentityProvider() {
    StartPlan plan = plan(Map.of("gateway.console.enabled", "false"));
    assertEquals(RunMode.Mode.LOCAL, plan.mode());
    assertEquals(
        List.of("database", "token-issuer", "custody-signing-key", "meta", "tiktok", "google"),
        standInNames(plan));
  }

  @Test
  void aBlankValueCountsAsUnset() {
    // docker compose passes "VAR:" through as an empty string
    StartPlan plan = plan(Map.of("datasources.default.url", "", "gateway.auth.jwks-uri", " "));
    assertEquals(RunMode.Mode.LOCAL, plan.mode());
  }

  private static StartPlan plan(Map<String, Object> config) {
    return StartPlan.of(new MapPropertyResolver(config), Service.all());
  }

  private static List<String> standInNames(StartPlan plan) {
    return plan.standIns().stream().map(Service::name).toList();
  }

  private static List<String> requiredOf(String name) {
    return Service.all().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow()
        .requiredProperties();
  }

  private static List<String> all() {
    List<String> all = new java.util.ArrayList<>(DATABASE);
    all.addAll(ISSUER);
    all.addAll(CONSOLE);
    all.add(CUSTODY_KEY);
    all.addAll(META);
    all.addAll(TIKTOK);
    all.addAll(GOOGLE);
    return all;
  }

  private static Map<String, Object> complete() {
    Map<String, Object> config = new HashMap<>();
    for (String property : all()) {
      config.put(property, "set");
    }
    return config;
  }
}
