package org.takedown.gateway.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.adapters.tiktok.TikTokAdapter;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;
import org.takedown.sandbox.TikTokSimulator;
import org.takedown.testing.MutableClock;

/**
 * When the pollers ask, and how many calls it takes. The gateway's clock stands still until a test
 * moves it, so every poll happens at a known instant and its schedule can be checked exactly; the
 * polling lanes themselves run as in production.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollingCadenceIT implements TestPropertyProvider {

  private static final Duration FIRST_AFTER = Duration.ofSeconds(30);
  private static final Duration TIKTOK_FIRST_AFTER = Duration.ofMinutes(2);
  private static final Duration MAX_INTERVAL = Duration.ofHours(1);
  private static final String TIKTOK_QUERY = "/v2/legal/requests/query/";

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  @Inject MutableClock clock;
  @Inject ApplyPartnerUpdate apply;
  Requests requests;
  PollColumns columns;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "test.mutable-clock", "true",
        "gateway.polling.first-after", FIRST_AFTER.toSeconds() + "s",
        "gateway.partners.tiktok.polling.first-after", TIKTOK_FIRST_AFTER.toSeconds() + "s",
        "gateway.polling.max-interval", MAX_INTERVAL.toSeconds() + "s",
        "gateway.polling.idle-interval", "20ms");
  }

  @BeforeAll
  void connect() {
    requests = new Requests(new Api(server.getURL(), json));
    columns = new PollColumns(jdbc, transactions);
  }

  @Test
  void asksTikTokAboutUpToTwentyRequestsPerStatusQuery() {
    int count = TikTokAdapter.MAX_STATUS_BATCH + 3;
    Map<String, Object> body = Cases.sample();
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(Cases.item(Cases.freshUrl(Platform.TIKTOK), "TAKEDOWN"));
    }
    body.put("items", items);
    List<String> ids =
        requests.submit(body).stream().map(request -> (String) request.get("id")).toList();
    awaitAll(ids, "SUBMITTED");
    List<String> partnerRefs = new ArrayList<>();
    TikTokSimulator tiktok = TestGateway.sandbox().tiktok();
    for (String id : ids) {
      partnerRefs.add((String) requests.get(id).get("partnerRef"));
      // TikTok's own first-after, not the default
      PollColumns.Row row = columns.of(id);
      assertEquals(row.updatedAt().plus(TIKTOK_FIRST_AFTER), row.nextPollAt());
      tiktok.muteCallbacks(id);
      tiktok.complete(id, "REMOVED");
    }

    clock.advance(TIKTOK_FIRST_AFTER);

    awaitAll(ids, "COMPLETED");
    List<Integer> batchSizes =
        tiktokQueries().stream()
            .map(query -> (int) queriedIds(query).stream().filter(partnerRefs::contains).count())
            .filter(size -> size > 0)
            .sorted(Comparator.reverseOrder())
            .toList();
    assertEquals(
        List.of(TikTokAdapter.MAX_STATUS_BATCH, 3),
        batchSizes,
        count + " requests due together take two status queries");
  }

  @Test
  void asksLessOftenAsAnUndecidedRequestAges() {
    String id =
        (String) requests.submit(Cases.oneItem(Platform.GOOGLE, "TAKEDOWN")).get(0).get("id");
    requests.awaitStatus(id, "SUBMITTED");
    TestGateway.sandbox().google().muteCallbacks(id);
    PollColumns.Row submitted = columns.of(id);
    Instant created = submitted.createdAt();
    assertEquals(submitted.updatedAt().plus(FIRST_AFTER), submitted.nextPollAt());

    // a young request is asked again after first-after
    assertEquals(FIRST_AFTER, pollAt(id, submitted.nextPollAt()));
    // two hours old: a tenth of its age
    assertEquals(Duration.ofMinutes(12), pollAt(id, created.plus(Duration.ofHours(2))));
    // five hours old: half an hour
    assertEquals(Duration.ofMinutes(30), pollAt(id, created.plus(Duration.ofHours(5))));
    // a day old: never longer than max-interval
    assertEquals(MAX_INTERVAL, pollAt(id, created.plus(Duration.ofDays(1))));

    Map<String, Object> after = requests.get(id);
    assertEquals("SUBMITTED", after.get("status"));
    assertEquals(2, requests.history(id).size(), "undecided polls add no history");
  }

  @Test
  void asksSoonAgainAfterAPollFindsTheRequestMovedAndNeverAfterTheDecision() {
    String id = (String) requests.submit(Cases.oneItem(Platform.META, "TAKEDOWN")).get(0).get("id");
    requests.awaitStatus(id, "SUBMITTED");
    TestGateway.sandbox().meta().muteCallbacks(id);
    Instant created = columns.of(id).createdAt();

    TestGateway.sandbox().meta().review(id);
    // two hours old, but it has just moved: first-after, not a tenth of its age
    assertEquals(FIRST_AFTER, pollAt(id, created.plus(Duration.ofHours(2))));
    assertEquals("IN_REVIEW", requests.get(id).get("status"));
    // still in review at the next poll: back to a tenth of its age
    assertEquals(
        Duration.ofMinutes(12).plusSeconds(3),
        pollAt(id, created.plus(Duration.ofHours(2)).plus(FIRST_AFTER)));

    TestGateway.sandbox().meta().complete(id, "REMOVED");
    clock.advance(Duration.ofMinutes(12).plusSeconds(3));
    Map<String, Object> completed = requests.awaitStatus(id, "COMPLETED");
    assertEquals("REMOVED", completed.get("outcome"));
    assertNull(columns.of(id).nextPollAt(), "a decided request is asked about no more");
  }

  @Test
  void aCallbackThatMovesTheRequestBringsItsNextPollForward() {
    String id =
        (String) requests.submit(Cases.oneItem(Platform.TIKTOK, "TAKEDOWN")).get(0).get("id");
    String partnerRef = (String) requests.awaitStatus(id, "SUBMITTED").get("partnerRef");
    Instant created = columns.of(id).createdAt();
    assertEquals(Duration.ofMinutes(30), pollAt(id, created.plus(Duration.ofHours(5))));

    apply.apply(
        Platform.TIKTOK,
        new PartnerUpdate(
            PartnerRef.of(partnerRef),
            PartnerState.IN_REVIEW,
            null,
            null,
            clock.instant(),
            "TikTok status PROCESSING"),
        HistorySource.PARTNER_CALLBACK);

    assertEquals(clock.instant().plus(TIKTOK_FIRST_AFTER), columns.of(id).nextPollAt());
  }

  private void awaitAll(List<String> ids, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ids.stream().allMatch(id -> status.equals(requests.get(id).get("status"))));
  }

  /**
   * Moves the clock to {@code at}, where the request is due, waits for the lane to poll it, and
   * answers how long until its next poll.
   */
  private Duration pollAt(String id, Instant at) {
    Instant before = columns.of(id).nextPollAt();
    Duration step = Duration.between(clock.instant(), at);
    if (step.isNegative() || at.isBefore(before)) {
      throw new IllegalArgumentException("the request is not due at " + at);
    }
    clock.advance(step);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !Objects.equals(columns.of(id).nextPollAt(), before));
    // a lease still held means the poll has not been released yet
    await().atMost(Duration.ofSeconds(10)).until(() -> columns.of(id).leaseToken() == null);
    return Duration.between(clock.instant(), columns.of(id).nextPollAt());
  }

  @SuppressWarnings("unchecked")
  private List<String> queriedIds(LoggedRequest query) {
    try {
      Map<String, Object> body = json.readValue(query.getBodyAsString(), Argument.of(Map.class));
      return (List<String>) body.get("request_ids");
    } catch (IOException e) {
      throw new AssertionError("unreadable TikTok query " + query.getBodyAsString(), e);
    }
  }

  private List<LoggedRequest> tiktokQueries() {
    return TestGateway.sandbox()
        .tiktok()
        .wireMock()
        .findAll(postRequestedFor(urlPathEqualTo(TIKTOK_QUERY)));
  }
}
