package org.takedown.gateway.custody;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.takedown.gateway.custody.verify.SignedCheckpoint;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.JsonLogCapture;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;

/**
 * The monitor: each new checkpoint reaches the witnesses (a directory, an HTTP endpoint) signed and
 * verifiable; a log rewritten under it is an ERROR line, {@code takedown_custody_consistent} 0 and
 * {@code custody.status} INCONSISTENT in {@code /health}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustodyMonitorIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject CustodyLog custody;
  @Inject TransactionOperations<Connection> transactions;
  Api api;
  Auditor auditor;
  String databaseUrl;
  Path witnessDirectory;
  HttpServer witnessServer;
  final List<String> posted = new CopyOnWriteArrayList<>();

  @Override
  public Map<String, String> getProperties() {
    try {
      witnessDirectory = Files.createTempDirectory("custody-witness");
      witnessServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    witnessServer.createContext(
        "/checkpoints",
        exchange -> {
          posted.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    witnessServer.start();
    Map<String, String> properties =
        TestGateway.properties(
            "gateway.dispatch.enabled", "false",
            "gateway.custody.integrate-interval", "100ms",
            "gateway.custody.monitor-interval", "100ms",
            "gateway.custody.witness.directory", witnessDirectory.toString(),
            "gateway.custody.witness.url",
                "http://127.0.0.1:" + witnessServer.getAddress().getPort() + "/checkpoints");
    databaseUrl = properties.get("datasources.default.url");
    return properties;
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    auditor = new Auditor(api, TestTokens.get().officer("auditor-4"), json);
  }

  @AfterAll
  void stopWitness() {
    witnessServer.stop(0);
  }

  private void record(String content) {
    CustodyEntry entry =
        new CustodyEntry(
            CustodyKind.PARTNER_REQUEST,
            Instant.now(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            Platform.TIKTOK,
            CustodyEntry.GATEWAY,
            content.getBytes(StandardCharsets.UTF_8));
    transactions.executeWrite(
        status -> {
          custody.record(entry);
          return null;
        });
  }

  /** The witness directory's files, by name. */
  private List<Path> witnessed() throws IOException {
    try (Stream<Path> files = Files.list(witnessDirectory)) {
      return files.sorted().toList();
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> custodyHealth() {
    Api.Answer health = api.get("/health", null);
    assertEquals(200, health.status(), health.body());
    return (Map<String, Object>) health.json().get("custody");
  }

  private String consistentSample() {
    return api.get("/metrics", null)
        .body()
        .lines()
        .filter(line -> line.startsWith("takedown_custody_consistent "))
        .findFirst()
        .orElse(null);
  }

  @Test
  @Order(1)
  void handsEachNewCheckpointToTheWitnessesSignedAndVerifiable() throws Exception {
    record("{\"call\":1}");
    long first =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> auditor.checkpoint().treeSize(), size -> size >= 1);
    String name = CheckpointWitness.fileName(first);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> witnessed().stream().anyMatch(f -> f.getFileName().toString().equals(name)));
    record("{\"call\":2}");
    long second =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> auditor.checkpoint().treeSize(), size -> size > first);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                witnessed().stream()
                    .anyMatch(
                        f ->
                            f.getFileName().toString().equals(CheckpointWitness.fileName(second))));

    JWKSet keys = JWKSet.parse(api.get("/api/v1/custody/keys", null).body());
    for (Path file : witnessed()) {
      SignedCheckpoint checkpoint =
          SignedCheckpoint.verify(Files.readAllBytes(file), keys, file.toString());
      assertEquals(
          CheckpointWitness.fileName(checkpoint.treeSize()), file.getFileName().toString());
      String body = Files.readString(file);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> posted.contains("POST application/json " + body));
    }
    Map<String, Object> health = custodyHealth();
    assertEquals("CONSISTENT", health.get("status"), health.toString());
    assertTrue(((Number) health.get("treeSize")).longValue() >= second, health.toString());
    assertNotNull(health.get("checkedAt"));
    assertEquals("takedown_custody_consistent 1.0", consistentSample());
  }

  @Test
  @Order(2)
  void aRewrittenTreeIsAnErrorLineAMetricAndAHealthField() throws Exception {
    record("{\"call\":3}");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ((Number) custodyHealth().get("treeSize")).longValue() >= 3);
    try (JsonLogCapture logs = JsonLogCapture.start()) {
      try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
          Statement statement = connection.createStatement()) {
        statement.execute("ALTER TABLE custody_node DISABLE TRIGGER USER");
        statement.execute("UPDATE custody_node SET hash = sha256(hash)");
        statement.execute("ALTER TABLE custody_node ENABLE TRIGGER USER");
      }

      Map<String, Object> health =
          await()
              .atMost(Duration.ofSeconds(5))
              .until(this::custodyHealth, h -> "INCONSISTENT".equals(h.get("status")));
      String problem = (String) health.get("problem");
      assertTrue(problem.contains("not to the signed"), problem);
      assertEquals("takedown_custody_consistent 0.0", consistentSample());
      // the appender may still be writing the line when the health field reads INCONSISTENT
      List<Map<String, Object>> errors =
          await()
              .atMost(Duration.ofSeconds(5))
              .until(
                  () ->
                      logs.lines(
                          line ->
                              "ERROR".equals(line.get("level"))
                                  && CustodyMonitor.class
                                      .getName()
                                      .equals(line.get("logger_name"))),
                  lines -> !lines.isEmpty());
      assertFalse(errors.isEmpty(), logs.raw().toString());
      assertTrue(((String) errors.get(0).get("message")).contains(problem), errors.toString());
      // it stays so, whatever the next rounds see
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .until(() -> "INCONSISTENT".equals(custodyHealth().get("status")));
    }
  }
}
