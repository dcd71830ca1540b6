package org.takedown.gateway.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.JsonLogCapture;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.ExchangeLog;
import org.takedown.platform.ExtendOutcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;
import org.takedown.platform.PlatformAdapter;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitCommand;
import org.takedown.platform.SubmitOutcome;

/**
 * An adapter that throws is a defect of the gateway, logged at ERROR with the request's ids and the
 * exception's type, but not its message: a message may quote the command it was given, the
 * requester's name and email included.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdapterDefectLogIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject DispatchDueRequests dispatch;

  @Override
  public Map<String, String> getProperties() {
    // nothing dispatches but the lane this test builds
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  /** Throws what a careless defect would: an exception quoting the command. */
  private record DefectiveAdapter() implements PlatformAdapter {
    @Override
    public Platform platform() {
      return Platform.META;
    }

    @Override
    public Duration longestCall() {
      return Duration.ofSeconds(1);
    }

    @Override
    public SubmitOutcome submit(SubmitCommand command, ExchangeLog exchanges) {
      throw new IllegalStateException("cannot send " + command);
    }

    @Override
    public StatusOutcome status(PartnerRef ref, ExchangeLog exchanges) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ExtendOutcome extendPreservation(PartnerRef ref, ExchangeLog exchanges) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void anAdapterDefectIsLoggedWithTheRequestsIdsAndWithoutItsMessage() {
    Requests requests = new Requests(new Api(server.getURL(), json));
    Map<String, Object> body = Cases.oneItem(Platform.META, "TAKEDOWN");
    body.put(
        "requestedBy",
        Map.of("name", "Defect Canary Name", "email", "defect.canary@bnpj.test", "unit", "BNPJ"));
    Map<String, Object> request = requests.submit(body).get(0);
    String id = (String) request.get("id");
    PartnerBudget budget =
        new PartnerBudget(
            Platform.META,
            new PartnerLimits(
                1,
                100,
                Duration.ofSeconds(1),
                50,
                100,
                Duration.ofSeconds(8),
                1000,
                1000,
                Duration.ofSeconds(60),
                1),
            Duration.ofMinutes(1),
            Clock.systemUTC());
    PartnerLane lane =
        new PartnerLane(
            new DefectiveAdapter(),
            dispatch,
            budget,
            new PartnerCallMeters(new SimpleMeterRegistry(), Platform.META, budget),
            "adapter-defect-test",
            1,
            Duration.ofMillis(50),
            Clock.systemUTC());

    try (JsonLogCapture capture = JsonLogCapture.start()) {
      lane.start();
      List<Map<String, Object>> errors =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> capture.lines(line -> id.equals(line.get("requestId"))),
                  lines -> !lines.isEmpty());

      Map<String, Object> error = errors.get(0);
      assertEquals("ERROR", error.get("level"), error.toString());
      assertEquals(request.get("caseId"), error.get("caseId"));
      assertEquals("META", error.get("platform"));
      assertEquals(1, ((Number) error.get("attempt")).intValue());
      assertEquals("java.lang.IllegalStateException", error.get("exception"));
      assertEquals(
          "META request " + id + ": adapter failed (IllegalStateException)", error.get("message"));
      for (String line : capture.raw()) {
        assertFalse(
            line.contains("Defect Canary Name") || line.contains("defect.canary@bnpj.test"), line);
      }
    } finally {
      lane.stop(Duration.ofSeconds(5));
    }
  }
}
