package org.takedown.gateway.localrun;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;

/**
 * The zero-setup run of the README: nothing configured, so the gateway starts an embedded
 * PostgreSQL in its data directory (and migrates it), the partner sandbox and the development token
 * issuer; a case submitted with a {@link DevToken} token reaches the partners.
 */
class LocalRunIT {

  @TempDir Path dataDir;

  @Test
  void runsEndToEndWithNothingConfigured() {
    String[] args = {"--gateway.local.data-dir=" + dataDir};
    try (LocalServices local = LocalServices.startMissing(args)) {
      Map<String, Object> properties = new HashMap<>(local.properties());
      properties.put("micronaut.server.port", -1);
      try (ApplicationContext context =
          ApplicationContext.builder().args(args).properties(properties).start()) {
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        assertTrue(
            Files.isDirectory(dataDir.resolve("postgres")), "the database lives in the data dir");
        Api api = new Api(server.getURL(), context.getBean(JsonMapper.class));
        String token =
            DevSigningKey.loadOrCreate(dataDir.resolve(LocalServices.DEV_AUTH_DIR))
                .issue(
                    "e-blagh-triage",
                    List.of("case-submitter"),
                    "takedown-gateway",
                    Duration.ofMinutes(5));

        Api.Answer created = api.post("/api/v1/cases", token, api.toJson(Cases.sample()));
        assertEquals(201, created.status(), created.body());
        String location = created.header("Location");

        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    api.get(location, token).list("requests").stream()
                        .allMatch(r -> "SUBMITTED".equals(r.get("status"))));
        assertEquals(200, api.get("/health", null).status());
      }
    }
  }
}
