package org.takedown.gateway.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;
import org.takedown.testing.MutableClock;

/** A preservation is warned about before it lapses, and marked EXPIRED when it has. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreservationWatchIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject MutableClock clock;
  @Inject ApplyPartnerUpdate apply;
  @Inject PreservationWatch watch;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "test.mutable-clock", "true",
        "gateway.polling.enabled", "false",
        "gateway.preservation.check-interval", "1h");
  }

  @Test
  void warnsTwoWeeksAheadThenExpiresThePreservation() {
    Api api = new Api(server.getURL(), json);
    Requests requests = new Requests(api);
    Map<String, Object> body = Cases.sample();
    body.put("items", List.of(Cases.item(Cases.TIKTOK_URL, "PRESERVATION")));
    String id = (String) requests.submit(body).get(0).get("id");
    String ref = (String) requests.awaitStatus(id, "SUBMITTED").get("partnerRef");
    Instant preservedUntil =
        clock.instant().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
    apply.apply(
        Platform.TIKTOK,
        new PartnerUpdate(
            PartnerRef.of(ref),
            PartnerState.COMPLETED,
            Outcome.PRESERVED,
            preservedUntil,
            clock.instant(),
            "TikTok status COMPLETED, result PRESERVED"),
        HistorySource.PARTNER_CALLBACK);
    assertEquals(preservedUntil.toString(), requests.get(id).get("preservedUntil"));

    assertEquals(0, watch.checkOnce(), "nothing to say 90 days ahead");
    clock.advance(Duration.ofDays(77));
    assertEquals(1, watch.checkOnce());
    assertEquals(0, watch.checkOnce(), "one warning only");
    List<Map<String, Object>> history = requests.history(id);
    String warning = (String) history.get(history.size() - 1).get("detail");
    assertTrue(warning.startsWith("preservation expires at " + preservedUntil), warning);
    assertEquals("COMPLETED", requests.get(id).get("status"));

    clock.advance(Duration.ofDays(13).plusSeconds(1));
    assertEquals(1, watch.checkOnce());
    Map<String, Object> expired = requests.get(id);
    assertEquals("EXPIRED", expired.get("status"));
    assertEquals("PRESERVED", expired.get("outcome"), "the expired request keeps its outcome");
    Api.Answer feed =
        api.get("/api/v1/events?limit=200", TestTokens.get().submitter("e-blagh-triage"));
    assertTrue(
        feed.list("items").stream()
            .anyMatch(e -> id.equals(e.get("requestId")) && "EXPIRED".equals(e.get("status"))),
        "submitters see the expiry in their feed");
  }
}
