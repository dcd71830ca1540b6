package org.takedown.gateway.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.RequestStates;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/**
 * Requests moved the way production moves them (dispatch to the partner sandbox, the partner's
 * decision, an officer's extension through the API) show in the statistics: above all, an officer's
 * extension is recognised in the history as the seeded partner's extensions are.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsOfLiveRequestsIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  Requests requests;
  RequestStates states;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.first-after", "100ms",
        "gateway.polling.max-interval", "500ms",
        "gateway.polling.idle-interval", "50ms");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
    states = new RequestStates(requests);
  }

  @Test
  @SuppressWarnings("unchecked")
  void countsAPreservationAnOfficerExtended() {
    String extended = states.preserved();
    states.preserved();
    states.removed();
    Api.Answer extension = requests.act(extended, "extend-preservation");
    assertEquals(200, extension.status(), extension.body());

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Api.Answer answer =
        api.get(
            "/api/v1/statistics?from="
                + today.minusDays(1)
                + "&to="
                + today.plusDays(2)
                + "&timezone=UTC&groupBy=action",
            TestTokens.get().officer("officer-1"));
    assertEquals(200, answer.status(), answer.body());
    Map<String, Object> totals = (Map<String, Object>) answer.json().get("totals");

    assertEquals(3, ((Number) totals.get("requests")).intValue());
    assertEquals(3, ((Number) totals.get("completed")).intValue());
    assertEquals(
        Map.of("preserved", 2, "extended", 1, "expired", 0),
        ((Map<String, Object>) totals.get("preservations"))
            .entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> ((Number) e.getValue()).intValue())));
    assertEquals(1.0, ((Number) totals.get("removalRate")).doubleValue());
    assertNotNull(totals.get("timeToSubmit"));
    assertNotNull(totals.get("timeToOutcome"));
  }
}
