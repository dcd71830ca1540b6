package org.takedown.gateway.localrun;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.gateway.startup.GatewayLauncher;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;

/**
 * The zero-setup run of the README: nothing configured, so the gateway starts an embedded
 * PostgreSQL in its data directory (and migrates it), the partner sandbox and the development token
 * issuer; a case submitted with a {@link DevToken} token reaches the partners, and the README's
 * lifecycle takes it to its outcome: Meta and TikTok by signed callbacks, Google by polling, and a
 * preservation extended by an officer.
 */
class LocalRunIT {

  @TempDir Path dataDir;

  @Test
  void runsTheReadmeLifecycleWithNothingConfigured() {
    String[] args = {
      "--micronaut.server.port=-1",
      "--gateway.local.data-dir=" + dataDir,
      // any free ports: a developer's own local run may hold the README's
      "--gateway.local.sandbox-base-port=0",
      "--gateway.local.issuer-port=0",
      // the README waits a minute for Google's first poll; the test need not. Meta and TikTok keep
      // the default minute, so only their callbacks can finish them in time
      "--gateway.partners.google.polling.first-after=300ms",
      "--gateway.polling.idle-interval=100ms"
    };
    try (GatewayLauncher.Launched launched =
        GatewayLauncher.launch(args, Optional.of(LocalServices.standIns()))) {
      ApplicationContext context = launched.context();
      LocalServices local = (LocalServices) launched.standIns();
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      assertTrue(
          Files.isDirectory(dataDir.resolve("postgres")), "the database lives in the data dir");
      Api api = new Api(server.getURL(), context.getBean(JsonMapper.class));
      DevSigningKey key = DevSigningKey.loadOrCreate(dataDir.resolve(LocalServices.DEV_AUTH_DIR));
      String submitter = token(key, "e-blagh-triage", "case-submitter");
      String officer = token(key, "officer-1", "liaison-officer");

      Api.Answer created = api.post("/api/v1/cases", submitter, api.toJson(Cases.sample()));
      assertEquals(201, created.status(), created.body());
      String location = created.header("Location");

      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  api.get(location, submitter).list("requests").stream()
                      .allMatch(r -> "SUBMITTED".equals(r.get("status"))));
      Api.Answer health = api.get("/health", null);
      assertEquals(200, health.status());
      assertEquals("local", health.json().get("mode"), health.body());
      assertEquals(
          List.of(
              "database",
              "token-issuer",
              "console-issuer",
              "custody-signing-key",
              "meta",
              "tiktok",
              "google"),
          List.copyOf(((Map<?, ?>) health.json().get("standIns")).keySet()),
          health.body());

      Map<String, String> requestIds = new HashMap<>();
      for (Map<String, Object> request : api.get(location, submitter).list("requests")) {
        requestIds.put(
            request.get("platform") + "/" + request.get("action"), (String) request.get("id"));
      }
      String metaTakedown = requestIds.get("META/TAKEDOWN");
      String tiktokTakedown = requestIds.get("TIKTOK/TAKEDOWN");
      String tiktokPreservation = requestIds.get("TIKTOK/PRESERVATION");
      String googleTakedown = requestIds.get("GOOGLE/TAKEDOWN");

      finish(api, local, "meta", metaTakedown, "complete", "{\"outcome\":\"REMOVED\"}");
      finish(api, local, "tiktok", tiktokTakedown, "complete", "{\"outcome\":\"REMOVED\"}");
      finish(api, local, "tiktok", tiktokPreservation, "preserve", "");
      finish(
          api,
          local,
          "google",
          googleTakedown,
          "complete",
          "{\"outcome\":\"REMOVED\",\"callback\":false}");

      Map<String, Object> meta = awaitStatus(api, officer, metaTakedown, "COMPLETED");
      assertEquals("REMOVED", meta.get("outcome"));
      assertTrue(historySources(meta).contains("partner-callback"), meta.toString());
      Map<String, Object> tiktok = awaitStatus(api, officer, tiktokTakedown, "COMPLETED");
      assertTrue(historySources(tiktok).contains("partner-callback"), tiktok.toString());
      Map<String, Object> google = awaitStatus(api, officer, googleTakedown, "COMPLETED");
      assertEquals("REMOVED", google.get("outcome"));
      assertTrue(historySources(google).contains("partner-poll"), google.toString());
      assertFalse(historySources(google).contains("partner-callback"), google.toString());

      Map<String, Object> preserved = awaitStatus(api, officer, tiktokPreservation, "COMPLETED");
      Instant preservedUntil = Instant.parse((String) preserved.get("preservedUntil"));
      Api.Answer extended =
          api.post("/api/v1/requests/" + tiktokPreservation + "/extend-preservation", officer, "");
      assertEquals(200, extended.status(), extended.body());
      Instant extendedUntil =
          Instant.parse(
              (String)
                  api.get("/api/v1/requests/" + tiktokPreservation, officer)
                      .json()
                      .get("preservedUntil"));
      assertTrue(extendedUntil.isAfter(preservedUntil), extendedUntil + " after " + preservedUntil);
    }
  }

  private static String token(DevSigningKey key, String subject, String role) {
    return key.issue(subject, List.of(role), "takedown-gateway", Duration.ofMinutes(5));
  }

  /** What the README does with curl: the sandbox's admin endpoint decides a request. */
  private static void finish(
      Api api, LocalServices local, String partner, String requestId, String action, String body) {
    String base = local.sandboxBaseUrl(partner);
    Api.Answer answer =
        api.post(base + "/__sandbox/requests/" + requestId + "/" + action, null, body);
    assertEquals(200, answer.status(), answer.body());
  }

  private static Map<String, Object> awaitStatus(
      Api api, String officer, String requestId, String status) {
    String path = "/api/v1/requests/" + requestId;
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> status.equals(api.get(path, officer).json().get("status")));
    return api.get(path, officer).json();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> historySources(Map<String, Object> request) {
    return ((List<Map<String, Object>>) request.get("history"))
        .stream().map(line -> line.get("source")).toList();
  }
}
