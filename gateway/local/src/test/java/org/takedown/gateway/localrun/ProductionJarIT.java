package org.takedown.gateway.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.gateway.testing.TestGateway;

/**
 * The production jar, the one the Docker image runs (gateway/target/takedown-gateway.jar): it holds
 * no stand-in, refuses to start unless every service is configured, and runs in production mode
 * when they are.
 */
class ProductionJarIT {

  /** sysexits' EX_CONFIG, the gateway's exit status for a configuration it cannot start with. */
  private static final int CONFIGURATION_ERROR = 78;

  private static final Path JAR = Path.of(System.getProperty("production.jar"));

  @TempDir Path dir;

  @Test
  void holdsNoStandIn() throws IOException {
    assertTrue(Files.isRegularFile(JAR), JAR + " is built by the gateway module's package phase");
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      List<String> standIns =
          jar.stream()
              .map(ZipEntry::getName)
              .filter(
                  name ->
                      name.startsWith("io/zonky/")
                          || name.startsWith("org/takedown/sandbox/")
                          || name.startsWith("org/takedown/gateway/localrun/")
                          || name.contains("DevIdentityProvider")
                          || name.contains("DevSigningKey")
                          || name.startsWith("wiremock/")
                          || name.startsWith("com/github/tomakehurst/"))
              .limit(5)
              .toList();
      assertEquals(List.of(), standIns);
    }
  }

  @Test
  void refusesToStartUnconfiguredNamingEveryMissingProperty() {
    try (GatewayProcess gateway = GatewayProcess.jar(dir, JAR)) {
      assertEquals(CONFIGURATION_ERROR, gateway.awaitExit(Duration.ofSeconds(60)));
      String first = gateway.lines().get(0);
      assertTrue(first.contains("ERROR") && first.contains("production build"), first);
      for (String property :
          List.of(
              "datasources.default.url",
              "gateway.auth.jwks-uri",
              "gateway.auth.issuer",
              "gateway.console.oidc.issuer",
              "gateway.console.session.secret",
              "gateway.partners.meta.access-token",
              "gateway.partners.tiktok.client-key",
              "gateway.partners.google.service-account-file")) {
        assertTrue(first.contains(property), property + " in " + first);
      }
    }
    assertFalse(Files.exists(dir.resolve("data")), "nothing was started, nothing written");
  }

  @Test
  void refusesLocalModeEvenWhenAsked() {
    try (GatewayProcess gateway = GatewayProcess.jar(dir, JAR, "--gateway.local.enabled=true")) {
      assertEquals(CONFIGURATION_ERROR, gateway.awaitExit(Duration.ofSeconds(60)));
      assertTrue(gateway.output().contains("this is the production build"), gateway.output());
    }
  }

  @Test
  void runsInProductionModeWhenEverythingIsConfigured() {
    List<String> args = new ArrayList<>();
    TestGateway.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
    // no identity provider in this test: an API-only gateway, which production mode allows
    args.removeIf(a -> a.startsWith("--gateway.console."));
    args.add("--gateway.console.enabled=false");
    args.removeIf(a -> a.startsWith("--micronaut.server.port="));
    try (GatewayProcess gateway = GatewayProcess.jar(dir, JAR, args.toArray(String[]::new))) {
      gateway.awaitHealthy(Duration.ofSeconds(90));
      String first = gateway.lines().get(0);
      assertTrue(first.contains("Production mode"), first);
      assertEquals(GatewayProcess.STOPPED_BY_SIGTERM, gateway.stop(), gateway.output());
    }
  }
}
