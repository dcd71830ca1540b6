package org.takedown.gateway.operations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

/**
 * Preservations about to lapse are something to alert on: the gauge counts those within {@code
 * gateway.preservation.warn-before} of their end, per partner.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreservationMetricsIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject ApplyPartnerUpdate apply;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.enabled",
        "false",
        "gateway.preservation.warn-before",
        "14d",
        "gateway.operations.snapshot-interval",
        "100ms");
  }

  @Test
  void countsThePreservationsThatLapseWithinTheWarningWindow() {
    Api api = new Api(server.getURL(), json);
    Requests requests = new Requests(api);
    preserved(requests, Instant.now().plus(Duration.ofDays(10)));
    preserved(requests, Instant.now().plus(Duration.ofDays(30)));

    // the gauges show the snapshot, read every 100 ms here
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Map<String, Double> samples = MetricsIT.samples(api.get("/metrics", null).body());
              assertEquals(1.0, samples.get("takedown_preservations_expiring{partner=\"tiktok\"}"));
              assertEquals(0.0, samples.get("takedown_preservations_expiring{partner=\"meta\"}"));
            });
  }

  private void preserved(Requests requests, Instant until) {
    Map<String, Object> body = Cases.sample();
    body.put("items", List.of(Cases.item(Cases.freshUrl(Platform.TIKTOK), "PRESERVATION")));
    String id = (String) requests.submit(body).get(0).get("id");
    String partnerRef = (String) requests.awaitStatus(id, "SUBMITTED").get("partnerRef");
    apply.apply(
        Platform.TIKTOK,
        new PartnerUpdate(
            PartnerRef.of(partnerRef),
            PartnerState.COMPLETED,
            Outcome.PRESERVED,
            until,
            Instant.now(),
            "TikTok says PRESERVED"),
        HistorySource.PARTNER_CALLBACK);
  }
}
