package org.takedown.gateway.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;

/**
 * The integrator over a real PostgreSQL, driven round by round (its schedule is left idle): commit
 * order, gapless indexes, and the triggers that keep the log append-only.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustodyIntegrationIT implements TestPropertyProvider {

  @Inject IntegrateCustodyLog integrator;
  @Inject CustodyLog custody;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  String databaseUrl;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties =
        TestGateway.properties("gateway.custody.integrate-interval", "1h");
    databaseUrl = properties.get("datasources.default.url");
    return properties;
  }

  private Connection connect() throws SQLException {
    Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
    connection.setAutoCommit(false);
    return connection;
  }

  private static void insert(Connection connection, String content) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(CustodyLog.INSERT)) {
      insert.setString(1, "partner.request");
      insert.setObject(2, java.time.OffsetDateTime.now());
      insert.setObject(3, UUID.randomUUID());
      insert.setObject(4, UUID.randomUUID());
      insert.setString(5, "META");
      insert.setString(6, "gateway");
      insert.setBytes(7, content.getBytes(StandardCharsets.UTF_8));
      insert.executeUpdate();
    }
  }

  /** Runs rounds until one ran (the startup round may hold the lock) and nothing is left. */
  private void integrateAll() {
    IntegrateCustodyLog.Round round;
    do {
      round = integrator.integrate(IntegrateCustodyLog.BATCH);
    } while (!round.ran() || round.integrated() > 0);
  }

  private Long indexOf(String content) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT l.leaf_index FROM custody_entry e"
                    + " LEFT JOIN custody_leaf l ON l.entry_id = e.id WHERE e.content = ?",
                s -> {
                  s.setBytes(1, content.getBytes(StandardCharsets.UTF_8));
                  try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    long index = rows.getLong(1);
                    return rows.wasNull() ? null : index;
                  }
                }));
  }

  @Test
  void aTransactionStillOpenHoldsBackEveryLaterCommitSoNoneLandsBelowIt() throws Exception {
    try (Connection older = connect();
        Connection newer = connect()) {
      String olderContent = "older-" + UUID.randomUUID();
      insert(older, olderContent);
      String newerContent = "newer-" + UUID.randomUUID();
      insert(newer, newerContent);
      newer.commit();

      integrateAll();
      assertNull(indexOf(newerContent), "committed, but behind a transaction still running");

      older.commit();
      integrateAll();
      Long olderIndex = indexOf(olderContent);
      Long newerIndex = indexOf(newerContent);
      assertNotNull(olderIndex);
      assertNotNull(newerIndex);
      assertTrue(olderIndex < newerIndex, olderIndex + " before " + newerIndex);
    }
  }

  @Test
  void entriesOfConcurrentTransactionsAreIntegratedGaplessInCommitOrder() throws Exception {
    int writers = 6;
    int transactionsEach = 25;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    AtomicBoolean writing = new AtomicBoolean(true);
    Future<?> integrating =
        pool.submit(
            () -> {
              while (writing.get()) {
                integrator.integrate(50);
              }
              return null;
            });
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(
          pool.submit(
              () -> {
                for (int t = 0; t < transactionsEach; t++) {
                  int size = 1 + (t % 3);
                  List<CustodyEntry> entries = new ArrayList<>();
                  for (int e = 0; e < size; e++) {
                    entries.add(
                        new CustodyEntry(
                            CustodyKind.PARTNER_ANSWER,
                            Instant.now(),
                            UUID.randomUUID(),
                            UUID.randomUUID(),
                            Platform.TIKTOK,
                            "tiktok",
                            ("w" + writer + "t" + t + "e" + e).getBytes(StandardCharsets.UTF_8)));
                  }
                  transactions.executeWrite(
                      status -> {
                        custody.recordAll(entries);
                        return null;
                      });
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    writing.set(false);
    integrating.get();
    pool.shutdown();
    integrateAll();

    List<long[]> rows =
        transactions.executeRead(
            status ->
                jdbc.prepareStatement(
                    "SELECT l.leaf_index, e.txid::text::bigint AS txid, e.id FROM custody_entry e"
                        + " LEFT JOIN custody_leaf l ON l.entry_id = e.id ORDER BY l.leaf_index",
                    s -> {
                      List<long[]> all = new ArrayList<>();
                      try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                          r.getLong("leaf_index");
                          assertTrue(!r.wasNull(), "every entry is integrated");
                          all.add(new long[] {r.getLong(1), r.getLong(2), r.getLong(3)});
                        }
                      }
                      return all;
                    }));
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(i, rows.get(i)[0], "gapless");
      if (i > 0) {
        long[] before = rows.get(i - 1);
        long[] after = rows.get(i);
        assertTrue(
            before[1] < after[1] || before[1] == after[1] && before[2] < after[2],
            "index order is (txid, id) order at " + i);
      }
    }
    long checkpointSize =
        transactions.executeRead(
            status ->
                jdbc.prepareStatement(
                    "SELECT max(tree_size) FROM custody_checkpoint",
                    s -> {
                      try (ResultSet r = s.executeQuery()) {
                        r.next();
                        return r.getLong(1);
                      }
                    }));
    assertEquals(rows.size(), checkpointSize, "the newest checkpoint covers every entry");
  }

  @Test
  void anEntryCommitsOrRollsBackWithTheCallersTransaction() {
    String content = "rolled-back-" + UUID.randomUUID();
    assertThrows(
        IllegalStateException.class,
        () ->
            transactions.executeWrite(
                status -> {
                  custody.record(
                      new CustodyEntry(
                          CustodyKind.PARTNER_REQUEST,
                          Instant.now(),
                          UUID.randomUUID(),
                          UUID.randomUUID(),
                          Platform.META,
                          CustodyEntry.GATEWAY,
                          content.getBytes(StandardCharsets.UTF_8)));
                  throw new IllegalStateException("the exchange failed to record");
                }));
    integrateAll();
    long rows =
        transactions.executeRead(
            status ->
                jdbc.prepareStatement(
                    "SELECT count(*) FROM custody_entry WHERE content = ?",
                    s -> {
                      s.setBytes(1, content.getBytes(StandardCharsets.UTF_8));
                      try (ResultSet r = s.executeQuery()) {
                        r.next();
                        return r.getLong(1);
                      }
                    }));
    assertEquals(0, rows);
  }

  @Test
  void theApplicationCannotRewriteTheLog() throws Exception {
    transactions.executeWrite(
        status -> {
          custody.record(
              new CustodyEntry(
                  CustodyKind.OFFICER_ACTION,
                  Instant.now(),
                  UUID.randomUUID(),
                  UUID.randomUUID(),
                  null,
                  "officer-1",
                  "{}".getBytes(StandardCharsets.UTF_8)));
          return null;
        });
    integrateAll();
    transactions.executeWrite(
        status -> {
          custody.record(
              new CustodyEntry(
                  CustodyKind.OFFICER_ACTION,
                  Instant.now(),
                  null,
                  null,
                  null,
                  "officer-1",
                  "pending".getBytes(StandardCharsets.UTF_8)));
          return null;
        });
    for (String sql :
        List.of(
            "UPDATE custody_entry SET content = 'x'",
            "UPDATE custody_entry SET actor = 'x' WHERE content = 'pending'",
            "DELETE FROM custody_entry",
            "TRUNCATE custody_entry CASCADE",
            "UPDATE custody_leaf SET leaf_input = 'x' WHERE leaf_index = 0",
            "UPDATE custody_leaf SET leaf_index = 99 WHERE leaf_index = 0",
            "DELETE FROM custody_leaf",
            "TRUNCATE custody_leaf",
            // a leaf beyond the next index
            "INSERT INTO custody_leaf SELECT max(leaf_index) + 2, max(entry_id) + 1000, 'x'"
                + " FROM custody_leaf",
            // the next index twice over, in one statement
            "INSERT INTO custody_leaf SELECT max(leaf_index) + 1 + g, max(entry_id) + 1000 + g, 'x'"
                + " FROM custody_leaf, generate_series(0, 2, 2) g GROUP BY g",
            "UPDATE custody_node SET hash = sha256('x') WHERE level = 0 AND node_index = 0",
            "DELETE FROM custody_node",
            "TRUNCATE custody_node",
            "INSERT INTO custody_node VALUES (0, 999999, sha256('x'))",
            "UPDATE custody_checkpoint SET jws = 'x'",
            "DELETE FROM custody_checkpoint",
            "TRUNCATE custody_checkpoint")) {
      RuntimeException refused =
          assertThrows(
              RuntimeException.class,
              () ->
                  transactions.executeWrite(
                      status -> jdbc.prepareStatement(sql, PreparedStatement::executeUpdate)),
              sql);
      String message = String.valueOf(rootCause(refused).getMessage());
      assertTrue(
          message.contains("append-only")
              || message.contains("not the next indexes")
              || message.contains("not the hash of leaf"),
          sql + ": " + message);
    }
    integrateAll();
    assertNotNull(indexOf("pending"), "the integrator's own assignment still works");
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
