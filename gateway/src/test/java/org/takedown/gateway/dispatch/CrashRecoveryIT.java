package org.takedown.gateway.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.global.GlobalSettings;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.Application;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestDatabase;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;
import org.takedown.sandbox.PartnerSandbox;
import org.takedown.sandbox.PartnerSimulator;

/**
 * A gateway JVM killed with SIGKILL while it dispatches loses no request: started again under the
 * same {@code gateway.dispatch.instance-id}, it takes back the leases its dead run left and sends
 * those requests again with their same references, which the partners deduplicate.
 *
 * <p>The gateway runs as a separate process, started the way an operator starts it ({@link
 * Application#main}), so that the kill is a real one: no shutdown hook, no {@code @PreDestroy}, no
 * answer recorded after it. The partner sandbox lives in this JVM and outlives the gateway. Every
 * answer of the three partners is delayed, so that requests are in flight when the kill comes.
 *
 * <p>The lease is 10 minutes, far longer than this test may wait: if the restarted gateway did not
 * take back its own leases, the requests its dead run held would stay untouchable and the wait for
 * them would time out. Expiry cannot be what delivers them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryIT {

  private static final String INSTANCE_ID = "crash-test-gateway";
  private static final String LEASE = "10m";
  private static final int ITEMS = 100;
  private static final int REQUESTS = ITEMS * 2;
  // four calls in flight per partner: about 30 deliveries a second for the three together
  private static final int PARTNER_DELAY_MILLIS = 400;
  private static final int KILL_AFTER_AT_LEAST = 20;
  private static final int KILL_BEFORE_MORE_THAN = 150;
  // a gateway starts in 3 s on an idle machine, in a minute on a 2-core one running other builds
  private static final Duration START_BOUND = Duration.ofSeconds(120);
  private static final Duration DRAIN_BOUND = Duration.ofSeconds(60);
  private static final Path LOGS = Path.of("target", "crash-recovery");

  private final PartnerSandbox sandbox = TestGateway.sandbox();
  private final Map<PartnerSimulator, GlobalSettings> settingsBefore = new LinkedHashMap<>();
  private final List<GatewayProcess> processes = new ArrayList<>();
  private final JsonMapper json = JsonMapper.createDefault();
  private String databaseUrl;
  private int port;

  @BeforeAll
  void slowDownThePartners() throws IOException {
    databaseUrl = TestDatabase.freshDatabaseUrl();
    port = freePort();
    Files.createDirectories(LOGS);
    for (PartnerSimulator partner : partners()) {
      GlobalSettings before = partner.wireMock().getGlobalSettings().getSettings();
      settingsBefore.put(partner, before);
      // A global delay holds back every answer after the simulator computed it: the partner has
      // created the request, the gateway does not know it yet. A stub of the test's own would
      // replace the simulator's answer and with it the partner's deduplication.
      partner
          .wireMock()
          .updateGlobalSettings(before.copy().fixedDelay(PARTNER_DELAY_MILLIS).build());
    }
  }

  @AfterAll
  void killTheGatewayAndRestoreThePartners() {
    try {
      processes.forEach(GatewayProcess::kill);
    } finally {
      settingsBefore.forEach((partner, before) -> partner.wireMock().updateGlobalSettings(before));
    }
  }

  @Test
  void aGatewayKilledWhileDispatchingDeliversEveryRequestOnceRestarted() throws Exception {
    GatewayProcess first = start("first-run");
    try {
      first.awaitReady();
      Map<String, Platform> requests = submit(new Api(first.url(), json));

      await("the partners received some of the requests")
          .atMost(DRAIN_BOUND)
          .pollInterval(Duration.ofMillis(20))
          .failFast("the gateway exited", () -> !first.isAlive())
          .until(() -> receivedByPartners(requests).size() >= KILL_AFTER_AT_LEAST);
      int exitCode = first.kill();
      Set<String> receivedBeforeKill = receivedByPartners(requests);
      Instant killedAt = Instant.now();
      assertEquals(128 + 9, exitCode, "the gateway died of SIGKILL");
      assertTrue(
          receivedBeforeKill.size() <= KILL_BEFORE_MORE_THAN,
          "the kill came too late to mean anything: the partners had received "
              + receivedBeforeKill.size()
              + " requests already; slow them down more");

      Map<String, Row> atKill = rows();
      Set<String> submittedAtKill = idsWhere(atKill, r -> r.status().equals("SUBMITTED"));
      Set<String> leftLeased =
          idsWhere(atKill, r -> r.status().equals("PENDING") && INSTANCE_ID.equals(r.leaseOwner()));
      assertFalse(leftLeased.isEmpty(), "the kill came while requests were in flight");
      assertTrue(
          leftLeased.stream()
              .allMatch(
                  id ->
                      atKill
                          .get(id)
                          .leaseUntil()
                          .isAfter(killedAt.plus(START_BOUND).plus(DRAIN_BOUND))),
          "the leases left behind outlast the wait below, so only a takeback can free them");

      GatewayProcess second = start("second-run");
      Instant restartedAt = Instant.now();
      second.awaitReady();
      Instant readyAt = Instant.now();
      await("every request SUBMITTED after the restart")
          .atMost(DRAIN_BOUND)
          .pollInterval(Duration.ofMillis(100))
          .failFast("the restarted gateway exited", () -> !second.isAlive())
          .untilAsserted(() -> assertEquals(Map.of("SUBMITTED", REQUESTS), statusCounts()));
      Instant drainedAt = Instant.now();

      Map<String, Row> atEnd = rows();
      Map<String, Integer> calls = new TreeMap<>();
      requests.forEach((id, platform) -> calls.put(id, partner(platform).createCallsFor(id)));
      assertEquals(
          Map.of(),
          filter(calls, n -> n == 0),
          "requests the partners never received: none is lost");
      assertEquals(
          Map.of(),
          filter(calls, n -> n > 2),
          "a request is sent at most twice: by the dead run and by the restarted one");
      Map<String, String> refsHeld = new TreeMap<>();
      Map<String, String> refsRecorded = new TreeMap<>();
      requests.forEach(
          (id, platform) -> {
            refsHeld.put(id, partner(platform).request(id).map(r -> r.id()).orElse(null));
            refsRecorded.put(id, atEnd.get(id).partnerRef());
          });
      assertEquals(
          refsHeld,
          refsRecorded,
          "the partners hold one request per reference, and the gateway recorded that one");
      Set<String> resent = filter(calls, n -> n == 2).keySet();
      assertTrue(
          leftLeased.containsAll(resent),
          "only requests leased by the dead run were sent twice: " + resent);
      assertTrue(
          submittedAtKill.stream().allMatch(id -> calls.get(id) == 1),
          "a request recorded SUBMITTED before the kill is never sent again");

      // The chain of custody (#18): a call is logged with its recorded result, so the dead run's
      // unrecorded calls are not, and their second sending is; what the dead run committed is
      // integrated by the restarted one. Every request: one send and one answer, all in the tree.
      await("every custody entry in the tree after the restart")
          .atMost(DRAIN_BOUND)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  custody(
                          "SELECT count(*) FROM custody_entry e"
                              + " WHERE NOT EXISTS (SELECT 1 FROM custody_leaf l WHERE l.entry_id = e.id)")
                      == 0);
      assertEquals(
          custody("SELECT count(*) FROM custody_entry"),
          custody("SELECT coalesce(max(leaf_index) + 1, 0) FROM custody_leaf"),
          "the tree's indexes run without a gap");
      Map<String, Integer> sends = custodyEntriesPerRequest("partner.request");
      Map<String, Integer> answers = custodyEntriesPerRequest("partner.answer");
      assertEquals(requests.keySet(), sends.keySet(), "every request's sending is in the log");
      assertEquals(Map.of(), filter(sends, n -> n != 1), "one logged sending per request");
      assertEquals(sends, answers, "each logged sending with its answer");

      Api api = new Api(second.url(), json);
      String officer = TestTokens.get().officer("officer-crash");
      for (String status : List.of("PENDING", "FAILED")) {
        assertEquals(
            List.of(),
            api.get("/api/v1/requests?status=" + status + "&limit=1", officer).list("items"),
            status + " requests");
      }

      String takenBack =
          second
              .logLine("requests were leased by a previous run of " + INSTANCE_ID)
              .map(line -> line.replaceAll(".* - (\\d+) requests were leased.*", "$1"))
              .orElse("none");
      System.out.printf(
          "CrashRecoveryIT: %d requests. Before SIGKILL the partners had received %d, the gateway"
              + " had recorded %d SUBMITTED and held %d leases (lease %s). The restart was ready"
              + " after %d ms, took back %s leases, sent %d requests a second time (received but"
              + " unrecorded at the kill) and had every request SUBMITTED %d ms after it started"
              + " (%d ms after ready). None missing.%n",
          REQUESTS,
          receivedBeforeKill.size(),
          submittedAtKill.size(),
          leftLeased.size(),
          LEASE,
          Duration.between(restartedAt, readyAt).toMillis(),
          takenBack,
          resent.size(),
          Duration.between(restartedAt, drainedAt).toMillis(),
          Duration.between(readyAt, drainedAt).toMillis());
    } catch (AssertionError | RuntimeException e) {
      StringBuilder logs = new StringBuilder(String.valueOf(e.getMessage()));
      for (GatewayProcess process : processes) {
        logs.append("\n--- tail of ").append(process.log()).append(" ---\n");
        logs.append(process.tail(60));
      }
      throw new AssertionError(logs.toString(), e);
    }
  }

  /**
   * One case of 100 items spread over the three partners, each item to be taken down and preserved:
   * 200 requests that become due at once, in one transaction, however slowly this machine answers.
   * (Cases submitted one by one would be dispatched while the last ones are still being submitted,
   * and on a loaded machine all of them before the kill.)
   */
  private Map<String, Platform> submit(Api api) {
    Map<String, Object> body = Cases.spread("EIB-CRASH-" + UUID.randomUUID(), ITEMS);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
    items.forEach(item -> item.put("actions", List.of("TAKEDOWN", "PRESERVATION")));
    Api.Answer created =
        api.post("/api/v1/cases", TestTokens.get().submitter("e-blagh-triage"), api.toJson(body));
    assertEquals(201, created.status(), created.body());
    Map<String, Platform> requests = new HashMap<>();
    for (Map<String, Object> request : created.list("requests")) {
      requests.put((String) request.get("id"), Platform.valueOf((String) request.get("platform")));
    }
    assertEquals(REQUESTS, requests.size());
    return requests;
  }

  /** Which of {@code requests} reached their partner at least once. */
  private Set<String> receivedByPartners(Map<String, Platform> requests) {
    Map<Platform, Set<String>> received = new HashMap<>();
    for (Platform platform : Platform.values()) {
      received.put(platform, partner(platform).references());
    }
    return requests.entrySet().stream()
        .filter(e -> received.get(e.getValue()).contains(e.getKey()))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private GatewayProcess start(String name) {
    Map<String, String> properties =
        new TreeMap<>(
            TestGateway.propertiesOn(
                databaseUrl,
                "micronaut.server.port",
                Integer.toString(port),
                "gateway.dispatch.instance-id",
                INSTANCE_ID,
                "gateway.dispatch.lease",
                LEASE,
                "gateway.polling.enabled",
                "false",
                // started by the launcher, in production mode: no console without its provider
                "gateway.console.enabled",
                "false"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    // C1 only: a faster start on a busy machine; this test measures no throughput
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add(Application.class.getName());
    GatewayProcess process = GatewayProcess.start(command, LOGS.resolve(name + ".log"), port);
    processes.add(process);
    return process;
  }

  private Map<String, Row> rows() throws SQLException {
    Map<String, Row> rows = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT id, status, partner_ref, lease_owner, lease_until FROM takedown_request")) {
      while (result.next()) {
        Timestamp leaseUntil = result.getTimestamp("lease_until");
        rows.put(
            result.getString("id"),
            new Row(
                result.getString("status"),
                result.getString("partner_ref"),
                result.getString("lease_owner"),
                leaseUntil == null ? null : leaseUntil.toInstant()));
      }
    }
    return rows;
  }

  private long custody(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  /** How many custody entries of {@code kind} each request has, by request id. */
  private Map<String, Integer> custodyEntriesPerRequest(String kind) throws SQLException {
    Map<String, Integer> counts = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT request_id, count(*) FROM custody_entry WHERE kind = ?"
                    + " GROUP BY request_id")) {
      statement.setString(1, kind);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          counts.put(result.getString(1), result.getInt(2));
        }
      }
    }
    return counts;
  }

  /** Requests per status, e.g. {@code {PENDING=12, SUBMITTED=188}}. */
  private Map<String, Integer> statusCounts() throws SQLException {
    return rows().values().stream()
        .collect(Collectors.toMap(Row::status, row -> 1, Integer::sum, TreeMap::new));
  }

  private record Row(String status, String partnerRef, String leaseOwner, Instant leaseUntil) {}

  private static Set<String> idsWhere(Map<String, Row> rows, Predicate<Row> test) {
    return rows.entrySet().stream()
        .filter(e -> test.test(e.getValue()))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private static Map<String, Integer> filter(Map<String, Integer> calls, IntPredicate test) {
    return calls.entrySet().stream()
        .filter(e -> test.test(e.getValue()))
        .collect(
            Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }

  private List<PartnerSimulator> partners() {
    return List.of(sandbox.meta(), sandbox.tiktok(), sandbox.google());
  }

  private PartnerSimulator partner(Platform platform) {
    return switch (platform) {
      case META -> sandbox.meta();
      case TIKTOK -> sandbox.tiktok();
      case GOOGLE -> sandbox.google();
    };
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A gateway JVM of its own, its output in a file; killed with this JVM at the latest. */
  private static final class GatewayProcess {

    private final Process process;
    private final Path log;
    private final int port;
    private final Thread killOnExit;

    private GatewayProcess(Process process, Path log, int port) {
      this.process = process;
      this.log = log;
      this.port = port;
      this.killOnExit = new Thread(process::destroyForcibly, "kill-" + log.getFileName());
      Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static GatewayProcess start(List<String> command, Path log, int port) {
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new GatewayProcess(process, log, port);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the gateway", e);
      }
    }

    URL url() {
      try {
        return URI.create("http://localhost:" + port).toURL();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Path log() {
      return log;
    }

    boolean isAlive() {
      return process.isAlive();
    }

    /** Waits until {@code GET /health} answers 200 and checks that nothing was started locally. */
    void awaitReady() {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest health =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
              .timeout(Duration.ofSeconds(5))
              .build();
      await("the gateway at port " + port + " answers GET /health")
          .atMost(START_BOUND)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .failFast("the gateway exited", () -> !process.isAlive())
          .until(
              () -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
      assertEquals(
          0, process.descendants().count(), "the gateway started no process (no local PostgreSQL)");
      assertTrue(logLine("Local run at").isEmpty(), "the gateway started no local service");
    }

    /** SIGKILL (what {@link Process#destroyForcibly} sends on Linux); returns the exit code. */
    int kill() {
      process.destroyForcibly();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          throw new AssertionError("the gateway survived SIGKILL for 30 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already
      }
      return process.exitValue();
    }

    Optional<String> logLine(String containing) {
      return lines().stream().filter(line -> line.contains(containing)).findFirst();
    }

    String tail(int count) {
      List<String> lines = lines();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private List<String> lines() {
      try {
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
      }
    }
  }
}
