package org.takedown.gateway.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.gateway.startup.GatewayLauncher;
import org.takedown.gateway.startup.StartRefused;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestDatabase;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/**
 * The local build under mixed configurations (GATEWAY-API.md "Configuration"): what it stands in
 * for, what it refuses, and what {@code /health} says. Nothing configured is {@link LocalRunIT}.
 */
class RunModeIT {

  @TempDir Path dataDir;

  @Test
  void localModeForcedWithADatabaseAndAnIssuerStandsInOnlyForThePartners() {
    List<String> args = new ArrayList<>(common());
    args.add("--gateway.local.enabled=true");
    args.add("--datasources.default.url=" + TestDatabase.freshDatabaseUrl());
    args.add("--datasources.default.username=postgres");
    TestTokens.get().gatewayProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
    try (GatewayLauncher.Launched launched = launch(args)) {
      Map<String, Object> health = health(launched);
      assertEquals("local", health.get("mode"));
      assertEquals(
          List.of("console-issuer", "custody-signing-key", "meta", "tiktok", "google"),
          List.copyOf(((Map<?, ?>) health.get("standIns")).keySet()));
      assertFalse(Files.exists(dataDir.resolve("postgres")), "no embedded PostgreSQL");
      assertFalse(
          Files.exists(dataDir.resolve(LocalServices.DEV_AUTH_DIR).resolve("jwks.json")),
          "no dev token issuer");
      assertTrue(
          Files.exists(dataDir.resolve(LocalServices.CUSTODY_DIR).resolve(DevCustodyKey.FILE)),
          "the custody checkpoint key is kept under the data directory");
    }
  }

  @Test
  void productionWithoutTheCustodySigningKeyIsRefusedNamingIt() {
    List<String> args = new ArrayList<>(common());
    TestGateway.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
    args.removeIf(a -> a.startsWith("--gateway.console.") || a.startsWith("--gateway.custody."));
    args.add("--gateway.console.enabled=false");
    StartRefused refused = assertThrows(StartRefused.class, () -> launch(args));
    assertTrue(
        refused.getMessage().contains("gateway.custody.signing-key (GATEWAY_CUSTODY_SIGNING_KEY)"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("production mode"), refused.getMessage());
  }

  @Test
  void everythingConfiguredRunsInProductionModeEvenInTheLocalBuild() {
    List<String> args = new ArrayList<>(common());
    TestGateway.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
    // no identity provider in this test: an API-only gateway, which production mode allows
    args.removeIf(a -> a.startsWith("--gateway.console."));
    args.add("--gateway.console.enabled=false");
    try (GatewayLauncher.Launched launched = launch(args)) {
      Map<String, Object> health = health(launched);
      assertEquals("production", health.get("mode"));
      assertFalse(health.containsKey("standIns"), health.toString());
      assertTrue(launched.standIns().descriptions().isEmpty());
    }
    assertFalse(Files.exists(dataDir.resolve("postgres")));
  }

  @Test
  void aDatabaseAloneIsProductionModeAndNothingStartsForTheRest() {
    // the operator's typo left Meta's base URL unset: real requests must not go to a simulator
    List<String> args = new ArrayList<>(common());
    args.add("--datasources.default.url=jdbc:postgresql://127.0.0.1:1/takedown");
    args.add("--gateway.partners.meta.base-ur=https://graph.facebook.com");
    StartRefused refused = assertThrows(StartRefused.class, () -> launch(args));
    String message = refused.getMessage();
    assertTrue(message.startsWith("The gateway cannot start in production mode"), message);
    for (String property :
        List.of(
            "gateway.auth.jwks-uri",
            "gateway.auth.issuer",
            "gateway.partners.meta.base-url (GATEWAY_PARTNERS_META_BASE_URL)",
            "gateway.partners.tiktok.client-secret",
            "gateway.partners.google.push-jwks-uri")) {
      assertTrue(message.contains(property), property + " in " + message);
    }
    assertFalse(Files.exists(dataDir.resolve("sandbox")), "no sandbox was started");
    assertFalse(Files.exists(dataDir.resolve("postgres")), "no database was started");
  }

  @Test
  void localModeRefusesAPartnerConfiguredWithoutItsCredentials() {
    List<String> args = new ArrayList<>(common());
    args.add("--gateway.local.enabled=true");
    args.add("--gateway.partners.tiktok.base-url=https://open.tiktokapis.com");
    args.add("--gateway.partners.tiktok.client-key=key");
    StartRefused refused = assertThrows(StartRefused.class, () -> launch(args));
    assertTrue(
        refused.getMessage().contains("gateway.partners.tiktok.client-secret"),
        refused.getMessage());
    assertFalse(refused.getMessage().contains("gateway.partners.meta"), refused.getMessage());
    assertFalse(Files.exists(dataDir.resolve("postgres")), "refused before anything started");
  }

  @Test
  void localModeWithAConsoleIssuerConfiguredStandsInForNoIdentityProvider() {
    List<String> args = new ArrayList<>(common());
    args.add("--gateway.local.enabled=true");
    args.add("--datasources.default.url=" + TestDatabase.freshDatabaseUrl());
    args.add("--datasources.default.username=postgres");
    TestTokens.get().gatewayProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
    // a configured provider is never stood in for, even unreachable: the console's sign-in is then
    // unavailable, and the rest of the gateway runs
    args.add("--gateway.console.oidc.issuer=http://127.0.0.1:1/realms/unit");
    args.add("--gateway.console.oidc.client-id=takedown-console");
    args.add("--gateway.console.oidc.client-secret=secret");
    args.add("--gateway.console.session.secret=" + "s".repeat(32));
    try (GatewayLauncher.Launched launched = launch(args)) {
      Map<String, Object> health = health(launched);
      assertEquals(
          List.of("custody-signing-key", "meta", "tiktok", "google"),
          List.copyOf(((Map<?, ?>) health.get("standIns")).keySet()));
      assertFalse(Files.exists(dataDir.resolve(LocalServices.DEV_AUTH_DIR)), "no dev provider");
      EmbeddedServer server = launched.context().getBean(EmbeddedServer.class);
      Api api = new Api(server.getURL(), launched.context().getBean(JsonMapper.class));
      Api.Answer signIn = api.get("/console/sign-in/oidc", null, "Accept", "text/html");
      assertEquals(503, signIn.status(), signIn.body());
      assertTrue(signIn.body().contains("Connexion indisponible"), signIn.body());
      // not asked again before ProviderCheckFilter.RETRY_AFTER has passed: still unavailable
      assertEquals(503, api.get("/console/sign-in/oidc", null, "Accept", "text/html").status());
      Api.Answer console = api.get("/console", null, "Accept", "text/html");
      assertEquals(303, console.status(), console.body());
      assertEquals(401, api.get("/api/v1/requests", null).status(), "the API runs");
    }
  }

  @Test
  void localModeRefusesAConsoleIssuerWithoutItsClientAndSessionSecret() {
    List<String> args = new ArrayList<>(common());
    args.add("--gateway.local.enabled=true");
    args.add("--gateway.console.oidc.issuer=https://sso.example/realms/unit");
    StartRefused refused = assertThrows(StartRefused.class, () -> launch(args));
    for (String property :
        List.of(
            "gateway.console.oidc.client-id",
            "gateway.console.oidc.client-secret",
            "gateway.console.session.secret")) {
      assertTrue(refused.getMessage().contains(property), refused.getMessage());
    }
  }

  @Test
  void localModeForbiddenWithNothingConfiguredIsRefused() {
    List<String> args = new ArrayList<>(common());
    args.add("--gateway.local.enabled=false");
    StartRefused refused = assertThrows(StartRefused.class, () -> launch(args));
    assertTrue(
        refused.getMessage().contains("production mode (gateway.local.enabled is false)"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("datasources.default.url"), refused.getMessage());
  }

  private List<String> common() {
    return List.of(
        "--micronaut.server.port=-1",
        "--gateway.local.data-dir=" + dataDir,
        "--gateway.local.sandbox-base-port=0",
        "--gateway.local.issuer-port=0");
  }

  private static GatewayLauncher.Launched launch(List<String> args) {
    return GatewayLauncher.launch(
        args.toArray(String[]::new), Optional.of(LocalServices.standIns()));
  }

  private static Map<String, Object> health(GatewayLauncher.Launched launched) {
    EmbeddedServer server = launched.context().getBean(EmbeddedServer.class);
    Api api = new Api(server.getURL(), launched.context().getBean(JsonMapper.class));
    Api.Answer answer = api.get("/health", null);
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }
}
