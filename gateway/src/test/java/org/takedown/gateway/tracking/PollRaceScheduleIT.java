package org.takedown.gateway.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.MutableClock;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

/**
 * A callback that moves a request while a poller holds it brings the next poll forward (the request
 * just changed, so it is asked again soon); the poller's release, computed before the change for an
 * old, quiet request, must not push it back.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollRaceScheduleIT implements TestPropertyProvider {

  private static final Duration FIRST_AFTER = Duration.ofSeconds(30);

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  @Inject MutableClock clock;
  @Inject PollQueue queue;
  @Inject PollSchedule schedule;
  @Inject ApplyPartnerUpdate apply;

  @Override
  public Map<String, String> getProperties() {
    // the test is the only poller
    return TestGateway.properties(
        "test.mutable-clock", "true",
        "gateway.polling.enabled", "false",
        "gateway.polling.first-after", FIRST_AFTER.toSeconds() + "s");
  }

  @Test
  void aCallbackDuringAPollKeepsItsQuickRepoll() {
    Requests requests = new Requests(new Api(server.getURL(), json));
    String id =
        (String) requests.submit(Cases.oneItem(Platform.GOOGLE, "TAKEDOWN")).get(0).get("id");
    String partnerRef = (String) requests.awaitStatus(id, "SUBMITTED").get("partnerRef");
    clock.advance(Duration.ofHours(5));
    Instant now = PgTime.micros(clock.instant());
    List<PollQueue.ClaimedPoll> claimed =
        queue.claim(Platform.GOOGLE, 10, now, now.plus(Duration.ofMinutes(2)));
    assertEquals(1, claimed.size());
    PollQueue.ClaimedPoll poll = claimed.get(0);

    assertEquals(
        ApplyPartnerUpdate.Result.APPLIED,
        apply.apply(
            Platform.GOOGLE,
            new PartnerUpdate(
                PartnerRef.of(partnerRef), PartnerState.IN_REVIEW, null, null, now, "UNDER_REVIEW"),
            HistorySource.PARTNER_CALLBACK));
    // what the poller decided for a quiet five-hour-old request: half an hour
    queue.release(poll, schedule.nextPoll(Platform.GOOGLE, poll.createdAt(), now), null);

    PollColumns.Row row = new PollColumns(jdbc, transactions).of(id);
    assertEquals("IN_REVIEW", row.status());
    assertEquals(now.plus(FIRST_AFTER), row.nextPollAt());
  }
}
