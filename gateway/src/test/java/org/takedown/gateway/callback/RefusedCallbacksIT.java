package org.takedown.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.JsonLogCapture;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.testing.MutableClock;

/**
 * The webhooks are open to anyone: a burst of forged or broken callbacks is counted in full, by
 * partner and reason, but writes one log line per partner, then one a minute with the count since.
 * The clock only moves when the test moves it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedCallbacksIT implements TestPropertyProvider {

  private static final int BURST = 100;
  private static final String SIGNATURE = "X-Hub-Signature-256";

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject MutableClock clock;
  @Inject RefusedCallbacks refusals;
  Api api;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.dispatch.enabled", "false",
        "gateway.polling.enabled", "false",
        "test.mutable-clock", "true");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
  }

  @Test
  void aBurstOfRefusedCallbacksWritesOneLinePerPartnerAndCountsEveryOne() throws Exception {
    // a quiet minute first: whatever other tests here refused is written and forgotten
    clock.advance(Duration.ofMinutes(1));
    refusals.writeDueLines();
    clock.advance(Duration.ofMinutes(1));
    double metaBefore = counter("meta", "signature");
    double tiktokBefore = counter("tiktok", "signature");
    double googleBefore = counter("google", "token");
    try (JsonLogCapture capture = JsonLogCapture.start()) {
      // Meta: signed, but not with the app secret; TikTok: unsigned; Google: no bearer token
      List<Integer> statuses =
          burst(
              () -> post("meta", "{}", SIGNATURE, "sha256=" + "0".repeat(64)),
              () -> post("tiktok", "{}"),
              () -> post("google", "{}"));

      assertEquals(3 * BURST, statuses.size());
      assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 403), statuses.toString());
      List<Map<String, Object>> lines = refusalLines(capture);
      assertEquals(
          List.of("GOOGLE", "META", "TIKTOK"),
          lines.stream().map(line -> line.get("platform")).sorted().toList(),
          "one line per partner: " + lines);
      assertTrue(
          lines.stream().allMatch(line -> "WARN".equals(line.get("level"))), lines.toString());
      assertEquals(metaBefore + BURST, counter("meta", "signature"));
      assertEquals(tiktokBefore + BURST, counter("tiktok", "signature"));
      assertEquals(googleBefore + BURST, counter("google", "token"));

      // a minute on, the next check says what was refused since the first line
      clock.advance(Duration.ofMinutes(1));
      refusals.writeDueLines();
      refusals.writeDueLines();

      List<Map<String, Object>> after = refusalLines(capture);
      assertEquals(6, after.size(), after.toString());
      for (Map<String, Object> line : after.subList(3, 6)) {
        assertEquals(BURST - 1, ((Number) line.get("refused")).intValue(), line.toString());
      }
      Map<String, Object> meta =
          after.subList(3, 6).stream()
              .filter(line -> "META".equals(line.get("platform")))
              .findFirst()
              .orElseThrow();
      assertEquals(Map.of("signature", BURST - 1), meta.get("reasons"));
    }
  }

  @Test
  void anAuthenticCallbackThatCannotBeReadIsCountedAsUnreadable() {
    double before = counter("meta", "unreadable");
    String body = "not json at all";

    Api.Answer answer =
        post("meta", body, SIGNATURE, "sha256=" + HmacSha256.hex(MetaSimulator.APP_SECRET, body));

    assertEquals(400, answer.status(), answer.body());
    assertEquals(before + 1, counter("meta", "unreadable"));
  }

  /** A callback the gateway refuses: one the OpenAPI document does not allow either. */
  private Api.Answer post(String partner, String body, String... headers) {
    return api.withInvalidRequest().post("/webhooks/" + partner, null, body, headers);
  }

  @SafeVarargs
  private List<Integer> burst(Supplier<Api.Answer>... senders) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        for (Supplier<Api.Answer> sender : senders) {
          sent.add(threads.submit(() -> sender.get().status()));
        }
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : sent) {
        statuses.add(answer.get());
      }
      return statuses;
    } finally {
      threads.shutdownNow();
    }
  }

  private static List<Map<String, Object>> refusalLines(JsonLogCapture capture) {
    return capture.lines(line -> RefusedCallbacks.class.getName().equals(line.get("logger_name")));
  }

  /** {@code takedown_callbacks_refused_total} of a partner and reason, as Prometheus reads it. */
  private double counter(String partner, String reason) {
    Api.Answer metrics = api.get("/metrics", null);
    assertEquals(200, metrics.status());
    return metrics
        .body()
        .lines()
        .filter(line -> line.startsWith("takedown_callbacks_refused_total{"))
        .filter(line -> line.contains("partner=\"" + partner + "\""))
        .filter(line -> line.contains("reason=\"" + reason + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(0);
  }
}
