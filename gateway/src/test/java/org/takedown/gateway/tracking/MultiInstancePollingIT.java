package org.takedown.gateway.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestDatabase;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.testing.MutableClock;

/**
 * Two gateway instances on one database share the poll queue: a request is asked about by one of
 * them at a time. Each instance has its own clock, which stands still until the test moves it, so
 * that nothing is due before the test says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstancePollingIT {

  private static final Duration FIRST_AFTER = Duration.ofMinutes(1);
  private static final Duration LEASE = Duration.ofMinutes(2);

  final List<ApplicationContext> instances = new ArrayList<>();
  Requests requests;
  PollColumns columns;

  @BeforeAll
  void startTwoInstances() {
    String database = TestDatabase.freshDatabaseUrl();
    for (int i = 0; i < 2; i++) {
      Map<String, Object> properties =
          new HashMap<>(
              TestGateway.propertiesOn(
                  database,
                  "test.mutable-clock",
                  "true",
                  "gateway.polling.first-after",
                  FIRST_AFTER.toSeconds() + "s",
                  "gateway.polling.idle-interval",
                  "20ms"));
      instances.add(
          ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext());
    }
    ApplicationContext first = instances.get(0);
    requests =
        new Requests(
            new Api(first.getBean(EmbeddedServer.class).getURL(), first.getBean(JsonMapper.class)));
    @SuppressWarnings("unchecked")
    TransactionOperations<Connection> transactions = first.getBean(TransactionOperations.class);
    columns = new PollColumns(first.getBean(JdbcOperations.class), transactions);
  }

  @AfterAll
  void stop() {
    instances.forEach(ApplicationContext::close);
  }

  /** Submits {@code count} TAKEDOWN items spread over the partners; all end up SUBMITTED. */
  private Map<String, Platform> submittedRequests(int count) {
    Map<String, Object> body = Cases.sample();
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(Cases.item(Cases.freshUrl(Platform.values()[i % 3]), "TAKEDOWN"));
    }
    body.put("items", items);
    Map<String, Platform> submitted = new HashMap<>();
    for (Map<String, Object> request : requests.submit(body)) {
      submitted.put((String) request.get("id"), Platform.valueOf((String) request.get("platform")));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                submitted.keySet().stream()
                    .allMatch(id -> "SUBMITTED".equals(requests.get(id).get("status"))));
    return submitted;
  }

  @Test
  void concurrentClaimsOfBothInstancesNeverShareARequest() throws Exception {
    Map<String, Platform> submitted = submittedRequests(45);
    // past every poll the instances' own lanes could reach: these claims are the only ones
    Instant now = instances.get(0).getBean(MutableClock.class).instant().plus(Duration.ofDays(1));
    List<PollQueue> queues = instances.stream().map(i -> i.getBean(PollQueue.class)).toList();
    int claimersPerInstance = 4;
    int perClaim = 2;
    // Claimers of both instances claim in lockstep: every round, all of them at once. One round
    // can hand out 16 requests and each partner has 15, so the rounds run the claims of both
    // instances into each other, and three rounds leave nothing unclaimed.
    int rounds = 3;
    CyclicBarrier round = new CyclicBarrier(2 * claimersPerInstance);
    List<Callable<List<UUID>>> claimers = new ArrayList<>();
    for (int c = 0; c < 2 * claimersPerInstance; c++) {
      PollQueue queue = queues.get(c % 2);
      claimers.add(
          () -> {
            List<UUID> claimed = new ArrayList<>();
            for (Platform platform : Platform.values()) {
              for (int r = 0; r < rounds; r++) {
                round.await(10, TimeUnit.SECONDS);
                queue
                    .claim(platform, perClaim, now, now.plus(LEASE))
                    .forEach(poll -> claimed.add(poll.id()));
              }
            }
            return claimed;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(claimers.size());
    List<UUID> all = new ArrayList<>();
    int[] perInstance = new int[2];
    try {
      List<Future<List<UUID>>> results = new ArrayList<>();
      for (Callable<List<UUID>> claimer : claimers) {
        results.add(pool.submit(claimer));
      }
      for (int c = 0; c < results.size(); c++) {
        List<UUID> claimed = results.get(c).get(30, TimeUnit.SECONDS);
        perInstance[c % 2] += claimed.size();
        all.addAll(claimed);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(
        perInstance[0] > 0 && perInstance[1] > 0,
        "both instances took part: " + perInstance[0] + " and " + perInstance[1]);

    Set<UUID> distinct = new HashSet<>(all);
    assertEquals(distinct.size(), all.size(), "a request was claimed twice: " + all);
    Set<UUID> expected = new HashSet<>();
    submitted.keySet().forEach(id -> expected.add(UUID.fromString(id)));
    assertTrue(distinct.containsAll(expected), "every due request was claimed once");
    for (PollQueue queue : queues) {
      for (Platform platform : Platform.values()) {
        assertEquals(
            List.of(),
            queue.claim(platform, 50, now, now.plus(LEASE)),
            "a held lease keeps the request from every other poller");
      }
    }
  }

  @Test
  void aLapsedLeaseMovesToTheOtherInstanceAndTheFirstCannotReleaseIt() {
    String id = submittedRequests(1).keySet().iterator().next();
    Instant now = instances.get(0).getBean(MutableClock.class).instant().plus(Duration.ofDays(2));
    PollQueue first = instances.get(0).getBean(PollQueue.class);
    PollQueue second = instances.get(1).getBean(PollQueue.class);
    List<PollQueue.ClaimedPoll> held = first.claim(Platform.META, 50, now, now.plus(LEASE));
    PollQueue.ClaimedPoll ours =
        held.stream().filter(p -> p.id().toString().equals(id)).findFirst().orElseThrow();

    assertTrue(
        second.claim(Platform.META, 50, now.plus(LEASE).minusMillis(1), now.plus(LEASE)).stream()
            .noneMatch(p -> p.id().equals(ours.id())),
        "not before the lease lapses");
    Instant later = now.plus(LEASE).plusMillis(1);
    PollQueue.ClaimedPoll taken =
        second.claim(Platform.META, 50, later, later.plus(LEASE)).stream()
            .filter(p -> p.id().equals(ours.id()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the lapsed lease was not claimed again"));

    // the first poller wakes up late: its release must not clear the second one's lease
    first.release(ours, later.plus(Duration.ofHours(1)), "late");
    PollColumns.Row row = columns.of(id);
    assertEquals(taken.leaseToken(), row.leaseToken());
    assertEquals(null, row.lastError());
  }

  @Test
  void bothInstancesPollingTogetherAskAboutEachRequestOnce() {
    Map<String, Platform> submitted = submittedRequests(30);
    for (Map.Entry<String, Platform> request : submitted.entrySet()) {
      TestGateway.simulator(request.getValue()).muteCallbacks(request.getKey());
      TestGateway.simulator(request.getValue()).complete(request.getKey(), "REMOVED");
    }

    // Every request is now due for both instances at once. Their clocks stand a moment apart
    // (each was made when its instance started), hence the extra minute.
    instances.forEach(
        i -> i.getBean(MutableClock.class).advance(FIRST_AFTER.plus(Duration.ofMinutes(1))));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                submitted.keySet().stream()
                    .allMatch(id -> "COMPLETED".equals(requests.get(id).get("status"))));
    for (String id : submitted.keySet()) {
      List<Map<String, Object>> polls =
          requests.history(id).stream()
              .filter(line -> "partner-poll".equals(line.get("source")))
              .toList();
      assertEquals(1, polls.size(), "request " + id + " was polled more than once: " + polls);
      assertEquals("COMPLETED", polls.get(0).get("to"));
      if (submitted.get(id) == Platform.META) {
        String partnerRef = (String) requests.get(id).get("partnerRef");
        assertEquals(1, metaStatusReads(partnerRef), "Meta was asked about " + id + " once");
      }
    }
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
