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
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;
import org.takedown.testing.MutableClock;

/**
 * A callback that moves a request while a poller holds it brings the next poll forward (the request
 * just changed, so it is asked again soon); the poller's release, computed before the change for an
 * old, quiet request, must not push it back. A push (a hint) that arrives while a poller holds the
 * request may announce news the poller's read predates: the request stays due at once.
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
    String id = (String) requests.submit(Cases.oneItem(Platform.META, "TAKEDOWN")).get(0).get("id");
    String partnerRef = (String) requests.awaitStatus(id, "SUBMITTED").get("partnerRef");
    clock.advance(Duration.ofHours(5));
    Instant now = PgTime.micros(clock.instant());
    List<PollQueue.ClaimedPoll> claimed =
        queue.claim(Platform.META, 10, now, now.plus(Duration.ofMinutes(2)));
    assertEquals(1, claimed.size());
    PollQueue.ClaimedPoll poll = claimed.get(0);

    assertEquals(
        ApplyPartnerUpdate.Result.APPLIED,
        apply.apply(
            Platform.META,
            new PartnerUpdate(
                PartnerRef.of(partnerRef), PartnerState.IN_REVIEW, null, null, now, "UNDER_REVIEW"),
            HistorySource.PARTNER_CALLBACK));
    // what the poller decided for a quiet five-hour-old request: half an hour
    queue.release(poll, schedule.nextPoll(Platform.META, poll.createdAt(), now), null);

    PollColumns.Row row = new PollColumns(jdbc, transactions).of(id);
    assertEquals("IN_REVIEW", row.status());
    assertEquals(now.plus(FIRST_AFTER), row.nextPollAt());
  }

  /** The Google requests of the other tests are not polled again in this one. */
  private void quietEarlierGoogleRequests() {
    transactions.executeWrite(
        status ->
            jdbc.prepareStatement(
                "UPDATE takedown_request SET next_poll_at = next_poll_at + interval '1000 days'"
                    + " WHERE platform = 'GOOGLE' AND next_poll_at IS NOT NULL",
                statement -> statement.executeUpdate()));
  }

  /** A Google request SUBMITTED five hours ago, claimed by a poller now. */
  private PollQueue.ClaimedPoll claimedGoogleRequest() {
    quietEarlierGoogleRequests();
    Requests requests = new Requests(new Api(server.getURL(), json));
    String id =
        (String) requests.submit(Cases.oneItem(Platform.GOOGLE, "TAKEDOWN")).get(0).get("id");
    requests.awaitStatus(id, "SUBMITTED");
    clock.advance(Duration.ofHours(5));
    Instant now = PgTime.micros(clock.instant());
    List<PollQueue.ClaimedPoll> claimed =
        queue.claim(Platform.GOOGLE, 10, now, now.plus(Duration.ofMinutes(2)));
    assertEquals(1, claimed.size());
    return claimed.get(0);
  }

  @Test
  void aPushDuringAPollThatFoundNothingNewKeepsTheRequestDueAtOnce() {
    PollQueue.ClaimedPoll poll = claimedGoogleRequest();
    Instant now = PgTime.micros(clock.instant());

    assertEquals(ApplyPartnerUpdate.Result.POLL_DUE, apply.hint(Platform.GOOGLE, poll.ref()));
    // the poller's answer predates the push: the request is where it was, a quiet old one
    queue.release(poll, schedule.nextPoll(Platform.GOOGLE, poll.createdAt(), now), null);

    PollColumns.Row row = new PollColumns(jdbc, transactions).of(poll.id());
    assertEquals("SUBMITTED", row.status());
    assertEquals(now, row.nextPollAt(), "due at once, for the news the push announced");
    assertEquals(
        List.of(poll.id()),
        queue.claim(Platform.GOOGLE, 10, now, now.plus(Duration.ofMinutes(2))).stream()
            .map(PollQueue.ClaimedPoll::id)
            .toList());
  }

  @Test
  void aPushDuringAPollThatMovedTheRequestKeepsItDueAtOnce() {
    PollQueue.ClaimedPoll poll = claimedGoogleRequest();
    Instant now = PgTime.micros(clock.instant());

    assertEquals(ApplyPartnerUpdate.Result.POLL_DUE, apply.hint(Platform.GOOGLE, poll.ref()));
    // the poller read UNDER_REVIEW before Google resolved it and pushed
    assertEquals(
        ApplyPartnerUpdate.Result.APPLIED,
        apply.apply(
            poll.id(),
            new PartnerUpdate(
                poll.ref(), PartnerState.IN_REVIEW, null, null, now, "Google state UNDER_REVIEW"),
            HistorySource.PARTNER_POLL));
    queue.release(poll, schedule.firstPoll(Platform.GOOGLE, now), null);

    PollColumns.Row row = new PollColumns(jdbc, transactions).of(poll.id());
    assertEquals("IN_REVIEW", row.status());
    assertEquals(now, row.nextPollAt(), "due at once, not first-after from now");
  }

  @Test
  void aPushBeforeTheClaimIsAnsweredByThatPoll() {
    quietEarlierGoogleRequests();
    Requests requests = new Requests(new Api(server.getURL(), json));
    String id =
        (String) requests.submit(Cases.oneItem(Platform.GOOGLE, "TAKEDOWN")).get(0).get("id");
    String partnerRef = (String) requests.awaitStatus(id, "SUBMITTED").get("partnerRef");
    clock.advance(Duration.ofHours(5));
    assertEquals(
        ApplyPartnerUpdate.Result.POLL_DUE, apply.hint(Platform.GOOGLE, PartnerRef.of(partnerRef)));
    clock.advance(Duration.ofMillis(10));
    Instant now = PgTime.micros(clock.instant());
    List<PollQueue.ClaimedPoll> claimed =
        queue.claim(Platform.GOOGLE, 10, now, now.plus(Duration.ofMinutes(2)));
    assertEquals(1, claimed.size(), "the push made it due");

    Instant next = schedule.nextPoll(Platform.GOOGLE, claimed.get(0).createdAt(), now);
    queue.release(claimed.get(0), next, null);

    assertEquals(next, new PollColumns(jdbc, transactions).of(id).nextPollAt());
  }
}
