package org.takedown.gateway.tracking;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.callback.PollOnHint;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.request.StateColumn;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.CallbackOutcome;
import org.takedown.platform.ExchangeLog;
import org.takedown.platform.ExtendOutcome;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;
import org.takedown.platform.PlatformAdapter;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitCommand;
import org.takedown.platform.SubmitOutcome;
import org.takedown.sandbox.PartnerSimulator;
import org.takedown.sandbox.SandboxRequest;

/**
 * The same news reaching the gateway twice at the same moment, by callback and by poll: the request
 * moves once, the second arrival is recorded as ignored, nothing throws and nothing moves back.
 * Google's pushes carry no news of their own (they are hints: GATEWAY-API.md, "Configuration"); one
 * that arrives while the poller reads Google gets the request polled again, so that news the read
 * predates is not left for the next scheduled poll.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackPollRaceIT implements TestPropertyProvider {

  private static final int ROUNDS = 20;

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  @Inject ApplyPartnerUpdate apply;
  @Inject PollDueRequests poll;
  @Inject PollOnHint hints;
  @Inject List<PlatformAdapter> adapters;
  final Map<Platform, PlatformAdapter> adapterOf = new EnumMap<>(Platform.class);
  final ExecutorService racers = Executors.newFixedThreadPool(2);
  Requests requests;
  PollColumns columns;

  @Override
  public Map<String, String> getProperties() {
    // No polling lane runs, and nothing is due on its own for an hour: the tests make one request
    // due at a time and poll it themselves, at the moment the callback arrives.
    return TestGateway.properties(
        "gateway.polling.enabled", "false", "gateway.polling.first-after", "1h");
  }

  @BeforeAll
  void connect() {
    requests = new Requests(new Api(server.getURL(), json));
    columns = new PollColumns(jdbc, transactions);
    adapters.forEach(adapter -> adapterOf.put(adapter.platform(), adapter));
  }

  @AfterAll
  void stopRacers() {
    racers.shutdownNow();
  }

  /** A request the partner accepted: the gateway's id and the partner's reference. */
  private record Submitted(String id, Platform platform, String partnerRef) {}

  private List<Submitted> submitted(List<Platform> platforms) {
    Map<String, Object> body = Cases.sample();
    List<Map<String, Object>> items = new ArrayList<>();
    platforms.forEach(platform -> items.add(Cases.item(Cases.freshUrl(platform), "TAKEDOWN")));
    body.put("items", items);
    List<String> ids =
        requests.submit(body).stream().map(request -> (String) request.get("id")).toList();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> ids.stream().allMatch(id -> "SUBMITTED".equals(requests.get(id).get("status"))));
    List<Submitted> submitted = new ArrayList<>();
    for (String id : ids) {
      Map<String, Object> request = requests.get(id);
      submitted.add(
          new Submitted(
              id,
              Platform.valueOf((String) request.get("platform")),
              (String) request.get("partnerRef")));
    }
    return submitted;
  }

  /** Runs both at once, released together by one gate; rethrows what either threw. */
  private <A, B> List<Object> race(Callable<A> first, Callable<B> second) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Future<A> a =
        racers.submit(
            () -> {
              gate.await();
              return first.call();
            });
    Future<B> b =
        racers.submit(
            () -> {
              gate.await();
              return second.call();
            });
    gate.countDown();
    return List.of(a.get(20, TimeUnit.SECONDS), b.get(20, TimeUnit.SECONDS));
  }

  private static PartnerUpdate completion(Submitted request, Instant partnerTime) {
    return new PartnerUpdate(
        PartnerRef.of(request.partnerRef()),
        PartnerState.COMPLETED,
        Outcome.REMOVED,
        null,
        partnerTime,
        request.platform() + " callback: completed, removed");
  }

  @Test
  void aCallbackArrivingWhileThePollerReadsThePartnerIsAppliedOnce() throws Exception {
    // the partners whose callbacks are verdicts, signed over their bodies
    List<Platform> platforms = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      platforms.add(i % 2 == 0 ? Platform.META : Platform.TIKTOK);
    }
    Map<HistorySource, Integer> winners = new EnumMap<>(HistorySource.class);
    for (Submitted request : submitted(platforms)) {
      PartnerSimulator partner = TestGateway.simulator(request.platform());
      partner.muteCallbacks(request.id());
      SandboxRequest decided = partner.complete(request.id(), "REMOVED");
      columns.pollDueAt(request.id(), Instant.now().minusSeconds(1));
      // the callback is let go the moment the poller, holding its claim, asks the partner
      CountDownLatch pollerReadsThePartner = new CountDownLatch(1);
      PlatformAdapter watched =
          new ReadSignallingAdapter(adapterOf.get(request.platform()), pollerReadsThePartner);

      List<Object> results =
          race(
              () -> poll.pollOnce(watched),
              () -> {
                if (!pollerReadsThePartner.await(10, TimeUnit.SECONDS)) {
                  throw new AssertionError("the poller never asked the partner");
                }
                return apply.apply(
                    request.platform(),
                    completion(request, decided.updatedAt()),
                    HistorySource.PARTNER_CALLBACK);
              });

      assertEquals(1, results.get(0), "the poller found exactly this request due");
      HistorySource winner = assertCompletedOnceAndOnceIgnored(request.id());
      winners.merge(winner, 1, Integer::sum);
      PollColumns.Row row = columns.of(request.id());
      assertNull(row.nextPollAt(), "a completed request is not polled again");
      assertNull(row.leaseToken(), "the poller let go of the request");
    }
    // which one wins is up to the scheduler; both orders are valid, so this is only reported
    System.out.println("poll/callback race won by " + winners);
  }

  @Test
  void aGooglePushArrivingWhileThePollerReadsGoogleGetsTheRequestPolledAgain() throws Exception {
    PartnerSimulator google = TestGateway.simulator(Platform.GOOGLE);
    for (Submitted request : submitted(Collections.nCopies(4, Platform.GOOGLE))) {
      google.muteCallbacks(request.id());
      google.review(request.id());
      columns.pollDueAt(request.id(), Instant.now().minusSeconds(1));
      CountDownLatch pollerHasRead = new CountDownLatch(1);
      CountDownLatch pushed = new CountDownLatch(1);
      PlatformAdapter held =
          new HeldReadAdapter(adapterOf.get(Platform.GOOGLE), pollerHasRead, pushed);

      List<Object> results =
          race(
              () -> poll.pollOnce(held),
              () -> {
                if (!pollerHasRead.await(10, TimeUnit.SECONDS)) {
                  throw new AssertionError("the poller never asked Google");
                }
                // Google resolves it after the poller's read, and pushes
                google.complete(request.id(), "REMOVED");
                List<ApplyPartnerUpdate.Result> hinted =
                    hints.receive(
                        Platform.GOOGLE,
                        new CallbackOutcome.Hint(
                            UUID.randomUUID().toString(),
                            List.of(PartnerRef.of(request.partnerRef()))));
                pushed.countDown();
                return hinted;
              });

      assertEquals(1, results.get(0), "the poller found exactly this request due");
      assertEquals(List.of(ApplyPartnerUpdate.Result.POLL_DUE), results.get(1));
      // the poller applied what it had read; the push left the request due at once
      assertEquals("IN_REVIEW", requests.get(request.id()).get("status"));
      PollColumns.Row row = columns.of(request.id());
      assertNull(row.leaseToken(), "the poller let go of the request");
      assertTrue(!row.nextPollAt().isAfter(Instant.now()), "due at once: " + row.nextPollAt());
      assertEquals(1, poll.pollOnce(adapterOf.get(Platform.GOOGLE)));
      Map<String, Object> after = requests.get(request.id());
      assertEquals("COMPLETED", after.get("status"));
      assertEquals("REMOVED", after.get("outcome"));
    }
  }

  @Test
  void thePollPathAndTheCallbackPathLockTheSameRow() throws Exception {
    Map<ApplyPartnerUpdate.Result, Integer> results =
        new EnumMap<>(ApplyPartnerUpdate.Result.class);
    for (Submitted request : submitted(Collections.nCopies(ROUNDS, Platform.TIKTOK))) {
      PartnerUpdate completion = completion(request, Instant.now());
      // the poller names the request by id, a callback by the partner's reference
      List<Object> both =
          race(
              () ->
                  apply.apply(
                      UUID.fromString(request.id()), completion, HistorySource.PARTNER_POLL),
              () -> apply.apply(Platform.TIKTOK, completion, HistorySource.PARTNER_CALLBACK));

      assertEquals(
          Set.of(ApplyPartnerUpdate.Result.APPLIED, ApplyPartnerUpdate.Result.IGNORED),
          Set.copyOf(both),
          "one applies, the other is ignored: " + both);
      assertCompletedOnceAndOnceIgnored(request.id());
      both.forEach(r -> results.merge((ApplyPartnerUpdate.Result) r, 1, Integer::sum));
    }
    assertEquals(ROUNDS, results.get(ApplyPartnerUpdate.Result.APPLIED));
  }

  @Test
  void aStaleReviewRacingACompletionNeverMovesTheRequestBack() throws Exception {
    for (Submitted request : submitted(Collections.nCopies(ROUNDS, Platform.META))) {
      PartnerUpdate review =
          new PartnerUpdate(
              PartnerRef.of(request.partnerRef()),
              PartnerState.IN_REVIEW,
              null,
              null,
              Instant.now(),
              "Meta status IN_REVIEW");

      race(
          () -> apply.apply(UUID.fromString(request.id()), review, HistorySource.PARTNER_POLL),
          () ->
              apply.apply(
                  Platform.META,
                  completion(request, Instant.now()),
                  HistorySource.PARTNER_CALLBACK));

      Map<String, Object> after = requests.get(request.id());
      assertEquals("COMPLETED", after.get("status"));
      assertEquals("REMOVED", after.get("outcome"));
      List<Map<String, Object>> history = requests.history(request.id());
      int rank = 0;
      for (Map<String, Object> line : history) {
        int next = StateColumn.state((String) line.get("to")).rank();
        assertTrue(next >= rank, "the request moved back: " + history);
        rank = next;
      }
      assertEquals(1, transitionsTo(history, "COMPLETED").size(), history.toString());
    }
  }

  /**
   * The request is COMPLETED/REMOVED; one history line records the move, made by one source, and
   * one line records the other source's copy as an ignored duplicate. Returns the winning source.
   */
  private HistorySource assertCompletedOnceAndOnceIgnored(String id) {
    Map<String, Object> after = requests.get(id);
    assertEquals("COMPLETED", after.get("status"));
    assertEquals("REMOVED", after.get("outcome"));
    List<Map<String, Object>> history = requests.history(id);
    List<Map<String, Object>> moves = transitionsTo(history, "COMPLETED");
    assertEquals(1, moves.size(), history.toString());
    List<Map<String, Object>> ignored =
        history.stream()
            .filter(line -> ((String) line.get("detail")).startsWith("ignored: duplicate"))
            .toList();
    assertEquals(1, ignored.size(), history.toString());
    assertEquals("COMPLETED", ignored.get(0).get("from"));
    assertEquals("COMPLETED", ignored.get(0).get("to"));
    assertEquals(
        Set.of("partner-poll", "partner-callback"),
        Set.of(moves.get(0).get("source"), ignored.get(0).get("source")),
        history.toString());
    return moves.get(0).get("source").equals("partner-poll")
        ? HistorySource.PARTNER_POLL
        : HistorySource.PARTNER_CALLBACK;
  }

  /** An adapter that signals when the poller asks the partner, and then asks it. */
  private record ReadSignallingAdapter(PlatformAdapter partner, CountDownLatch reading)
      implements PlatformAdapter {

    @Override
    public Platform platform() {
      return partner.platform();
    }

    @Override
    public Duration longestCall() {
      return partner.longestCall();
    }

    @Override
    public SubmitOutcome submit(SubmitCommand command, ExchangeLog exchanges) {
      return partner.submit(command, exchanges);
    }

    @Override
    public StatusOutcome status(PartnerRef ref, ExchangeLog exchanges) {
      reading.countDown();
      return partner.status(ref, exchanges);
    }

    @Override
    public int statusBatchLimit() {
      return partner.statusBatchLimit();
    }

    @Override
    public List<StatusOutcome> statuses(List<PartnerRef> refs, ExchangeLog exchanges) {
      reading.countDown();
      return partner.statuses(refs, exchanges);
    }

    @Override
    public ExtendOutcome extendPreservation(PartnerRef ref, ExchangeLog exchanges) {
      return partner.extendPreservation(ref, exchanges);
    }
  }

  /**
   * An adapter whose status read answers what the partner said, but only once {@code released}: in
   * between, the poller holds its claim with an answer that is getting old.
   */
  private record HeldReadAdapter(
      PlatformAdapter partner, CountDownLatch read, CountDownLatch released)
      implements PlatformAdapter {

    @Override
    public Platform platform() {
      return partner.platform();
    }

    @Override
    public Duration longestCall() {
      return partner.longestCall();
    }

    @Override
    public SubmitOutcome submit(SubmitCommand command, ExchangeLog exchanges) {
      return partner.submit(command, exchanges);
    }

    @Override
    public StatusOutcome status(PartnerRef ref, ExchangeLog exchanges) {
      return statuses(List.of(ref), exchanges).get(0);
    }

    @Override
    public int statusBatchLimit() {
      return partner.statusBatchLimit();
    }

    @Override
    public List<StatusOutcome> statuses(List<PartnerRef> refs, ExchangeLog exchanges) {
      List<StatusOutcome> answers = partner.statuses(refs, exchanges);
      read.countDown();
      try {
        if (!released.await(10, TimeUnit.SECONDS)) {
          throw new AssertionError("the push never came");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      return answers;
    }

    @Override
    public ExtendOutcome extendPreservation(PartnerRef ref, ExchangeLog exchanges) {
      return partner.extendPreservation(ref, exchanges);
    }
  }

  private static List<Map<String, Object>> transitionsTo(
      List<Map<String, Object>> history, String status) {
    return history.stream()
        .filter(line -> status.equals(line.get("to")) && !status.equals(line.get("from")))
        .toList();
  }
}
