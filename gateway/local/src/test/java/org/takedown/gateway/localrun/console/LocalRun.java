package org.takedown.gateway.localrun.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.takedown.gateway.localrun.DevSigningKey;
import org.takedown.gateway.localrun.LocalServices;
import org.takedown.gateway.startup.GatewayLauncher;
import org.takedown.gateway.testing.Api;

/**
 * The README's local run, for the console's journeys in a browser: the gateway started as {@code
 * java -jar takedown-gateway-local.jar} starts it (nothing configured: an embedded PostgreSQL, the
 * partner sandbox, the development token issuer and the development identity provider), on free
 * ports and in a data directory of its own. Around it, what the README and docs/api-guide.md do
 * with curl: a submitter sends cases with a development token, and the sandbox's admin endpoints
 * play the partners' reviewers.
 */
final class LocalRun implements AutoCloseable {

  private final Path dataDir;
  private final GatewayLauncher.Launched launched;
  private final Api api;
  private final String submitter;
  private final String officer;

  private LocalRun(Path dataDir, GatewayLauncher.Launched launched) {
    this.dataDir = dataDir;
    this.launched = launched;
    EmbeddedServer server = launched.context().getBean(EmbeddedServer.class);
    this.api = new Api(server.getURL(), launched.context().getBean(JsonMapper.class));
    DevSigningKey key = DevSigningKey.loadOrCreate(dataDir.resolve("dev-auth"));
    this.submitter =
        key.issue(
            "e-blagh-triage", List.of("case-submitter"), "takedown-gateway", Duration.ofHours(1));
    this.officer =
        key.issue("officer-1", List.of("liaison-officer"), "takedown-gateway", Duration.ofHours(1));
  }

  /**
   * Starts a local run; {@code settings} ({@code key=value}) are added to the command line, as an
   * operator would add {@code --key=value}.
   */
  static LocalRun start(String... settings) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("takedown-local-run-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--micronaut.server.port=-1",
                "--gateway.local.data-dir=" + dataDir,
                // any free ports: a developer's own local run may hold the README's
                "--gateway.local.sandbox-base-port=0",
                "--gateway.local.issuer-port=0"));
    for (String setting : settings) {
      args.add("--" + setting);
    }
    try {
      return new LocalRun(
          dataDir,
          GatewayLauncher.launch(
              args.toArray(String[]::new), Optional.of(LocalServices.standIns())));
    } catch (RuntimeException e) {
      delete(dataDir);
      throw e;
    }
  }

  /** The gateway's address, {@code http://localhost:<port>}, as the README has it opened. */
  URL gateway() {
    return launched.context().getBean(EmbeddedServer.class).getURL();
  }

  /** The development identity provider, {@code http://127.0.0.1:<port>}. */
  String issuer() {
    return (String) launched.standIns().properties().get("gateway.console.oidc.issuer");
  }

  /** A partner's sandbox ({@code meta}, {@code tiktok}, {@code google}). */
  String sandbox(String partner) {
    return (String)
        launched.standIns().properties().get("gateway.partners." + partner + ".base-url");
  }

  /** Submits {@code body} as e-Blagh's triage does; answers the new case's id. */
  String submit(Map<String, Object> body) {
    Api.Answer created = api.post("/api/v1/cases", submitter, api.toJson(body));
    assertEquals(201, created.status(), created.body());
    return (String) created.json().get("id");
  }

  /** The ids of a case's requests, by {@code PLATFORM/ACTION} (e.g. {@code META/TAKEDOWN}). */
  Map<String, String> requestIds(String caseId) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (Map<String, Object> request :
        api.get("/api/v1/cases/" + caseId, officer).list("requests")) {
      ids.put(request.get("platform") + "/" + request.get("action"), (String) request.get("id"));
    }
    return ids;
  }

  /** A request as the API shows it to an officer, with its history. */
  Map<String, Object> request(String requestId) {
    Api.Answer answer = api.get("/api/v1/requests/" + requestId, officer);
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  /** Waits (bounded) until the request is in {@code status}, as the API shows it. */
  void awaitStatus(String requestId, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status.equals(request(requestId).get("status")));
  }

  /**
   * What docs/api-guide.md does with curl: the partner's reviewer decides, e.g. {@code
   * decide("meta", id, "complete", "{\"outcome\":\"REMOVED\"}")}; the partner tells the gateway its
   * own way.
   */
  void decide(String partner, String requestId, String action, String body) {
    Api.Answer answer =
        api.post(sandbox(partner) + "/__sandbox/requests/" + requestId + "/" + action, null, body);
    assertEquals(200, answer.status(), answer.body());
  }

  /** Adds a WireMock stub to a partner's sandbox (its admin API), e.g. a refusal. */
  void stub(String partner, String mapping) {
    Api.Answer answer = api.post(sandbox(partner) + "/__admin/mappings", null, mapping);
    assertEquals(201, answer.status(), answer.body());
  }

  @Override
  public void close() {
    try {
      launched.close();
    } finally {
      delete(dataDir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder; the system cleans it eventually
    }
  }
}
