package org.takedown.gateway.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.sandbox.PartnerSimulator;

/**
 * Callbacks can be lost: the gateway's pollers find out on their own what each partner decided. The
 * sandbox decides silently (no callback for these references), so only a poll can tell.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollingIT implements TestPropertyProvider {

  private static final Duration MAX_INTERVAL = Duration.ofSeconds(1);

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  Requests requests;
  PollColumns columns;

  @Override
  public Map<String, String> getProperties() {
    // real time, but fast: the first poll 200 ms after delivery, never more than 1 s apart
    return TestGateway.properties(
        "gateway.polling.first-after", "200ms",
        "gateway.polling.max-interval", MAX_INTERVAL.toMillis() + "ms",
        "gateway.polling.idle-interval", "50ms");
  }

  @BeforeAll
  void connect() {
    requests = new Requests(new Api(server.getURL(), json));
    columns = new PollColumns(jdbc, transactions);
  }

  /** A request on {@code platform} that the partner accepted, its callbacks muted. */
  private String submittedSilently(Platform platform, String action) {
    String id = (String) requests.submit(Cases.oneItem(platform, action)).get(0).get("id");
    requests.awaitStatus(id, "SUBMITTED");
    TestGateway.simulator(platform).muteCallbacks(id);
    return id;
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void followsASilentReviewAndCompletionByPolling(Platform platform) {
    String id = submittedSilently(platform, "TAKEDOWN");
    PartnerSimulator partner = TestGateway.simulator(platform);

    partner.review(id);
    requests.awaitStatus(id, "IN_REVIEW");
    partner.complete(id, "REMOVED");
    Map<String, Object> completed = requests.awaitStatus(id, "COMPLETED");

    assertEquals("REMOVED", completed.get("outcome"));
    List<Map<String, Object>> changes =
        requests.history(id).stream()
            .filter(line -> !Objects.equals(line.get("from"), line.get("to")))
            .toList();
    assertEquals(
        List.of("PENDING", "SUBMITTED", "IN_REVIEW", "COMPLETED"),
        changes.stream().map(line -> line.get("to")).toList(),
        changes.toString());
    assertEquals("partner-poll", changes.get(2).get("source"), changes.toString());
    assertEquals("partner-poll", changes.get(3).get("source"), changes.toString());
    assertTrue(
        partner.callbacks().stream().noneMatch(callback -> id.equals(callback.reference())),
        "the partner announced nothing");
    assertNull(columns.of(id).nextPollAt(), "a completed request is asked about no more");
  }

  @Test
  void learnsADeclineByPolling() {
    String id = submittedSilently(Platform.TIKTOK, "TAKEDOWN");

    TestGateway.sandbox().tiktok().decline(id, "NO_VIOLATION");

    Map<String, Object> completed = requests.awaitStatus(id, "COMPLETED");
    assertEquals("NO_VIOLATION", completed.get("outcome"));
    List<Map<String, Object>> history = requests.history(id);
    Map<String, Object> last = history.get(history.size() - 1);
    assertEquals("partner-poll", last.get("source"));
    assertEquals("TikTok status REJECTED, result NO_VIOLATION", last.get("detail"));
  }

  @Test
  void keepsAskingAboutARequestThePartnerHasNotDecided() {
    String id = submittedSilently(Platform.META, "TAKEDOWN");
    String partnerRef = (String) requests.get(id).get("partnerRef");
    Instant firstPoll = columns.of(id).nextPollAt();
    assertNotNull(firstPoll, "delivery schedules the first poll");

    await().atMost(Duration.ofSeconds(10)).until(() -> metaStatusReads(partnerRef) >= 3);

    PollColumns.Row row = columns.of(id);
    assertEquals("SUBMITTED", row.status());
    assertTrue(row.nextPollAt().isAfter(firstPoll), "each poll schedules the next one");
    assertTrue(
        !row.nextPollAt().isAfter(Instant.now().plus(MAX_INTERVAL)),
        "never further ahead than max-interval: " + row.nextPollAt());
    // a poll that finds the request where it was is not news: the history stays readable
    List<Map<String, Object>> history = requests.history(id);
    assertEquals(2, history.size(), history.toString());
  }

  @Test
  void retriesAStatusReadThePartnerRefusesAndKeepsTheRequestAsItWas() {
    String id = submittedSilently(Platform.META, "TAKEDOWN");
    String partnerRef = (String) requests.get(id).get("partnerRef");
    MetaSimulator meta = TestGateway.sandbox().meta();
    StubMapping refusal =
        meta.wireMock()
            .stubFor(
                WireMock.get(urlPathEqualTo("/" + MetaSimulator.API_VERSION + "/" + partnerRef))
                    .atPriority(1)
                    .willReturn(
                        aResponse()
                            .withStatus(400)
                            .withHeader("Content-Type", "application/json")
                            .withBody(MetaSimulator.errorBody(100, "Unsupported get request"))));
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> columns.of(id).lastError() != null && metaStatusReads(partnerRef) >= 1);
      PollColumns.Row refused = columns.of(id);
      assertEquals("SUBMITTED", refused.status());
      assertTrue(refused.lastError().contains("status read refused by META"), refused.lastError());
    } finally {
      meta.wireMock().removeStub(refusal);
    }

    meta.complete(id, "RESTRICTED");

    Map<String, Object> completed = requests.awaitStatus(id, "COMPLETED");
    assertEquals("RESTRICTED", completed.get("outcome"));
  }

  private int metaStatusReads(String partnerRef) {
    return TestGateway.sandbox()
        .meta()
        .wireMock()
        .countRequestsMatching(
            getRequestedFor(urlPathEqualTo("/" + MetaSimulator.API_VERSION + "/" + partnerRef))
                .build())
        .getCount();
  }
}
