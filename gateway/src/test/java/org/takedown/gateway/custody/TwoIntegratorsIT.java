package org.takedown.gateway.custody;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestDatabase;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;

/**
 * Two gateway instances on one database, both appending and both integrating on a short schedule:
 * one tree. Every checkpoint either signed verifies, each is consistent with the one before, and
 * every entry verifies against the last.
 */
class TwoIntegratorsIT {

  @Test
  void twoInstancesAppendingAndIntegratingConcurrentlyBuildOneConsistentTree() throws Exception {
    String url = TestDatabase.freshDatabaseUrl();
    List<ApplicationContext> instances = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        instances.add(
            ApplicationContext.run(
                    EmbeddedServer.class,
                    new java.util.HashMap<String, Object>(
                        TestGateway.propertiesOn(
                            url,
                            "gateway.custody.integrate-interval",
                            "20ms",
                            "gateway.dispatch.enabled",
                            "false",
                            "gateway.polling.enabled",
                            "false")))
                .getApplicationContext());
      }
      int writers = 4;
      int entriesEach = 60;
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        ApplicationContext instance = instances.get(w % 2);
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  CustodyLog log = instance.getBean(CustodyLog.class);
                  @SuppressWarnings("unchecked")
                  TransactionOperations<Connection> tx =
                      instance.getBean(TransactionOperations.class);
                  for (int e = 0; e < entriesEach; e++) {
                    CustodyEntry entry =
                        new CustodyEntry(
                            CustodyKind.PARTNER_CALLBACK,
                            Instant.now(),
                            UUID.randomUUID(),
                            UUID.randomUUID(),
                            Platform.META,
                            "meta",
                            ("w" + writer + "e" + e).getBytes(StandardCharsets.UTF_8));
                    tx.executeWrite(
                        status -> {
                          log.record(entry);
                          return null;
                        });
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      int total = writers * entriesEach;

      JsonMapper json = instances.get(0).getBean(JsonMapper.class);
      Api api = new Api(instances.get(1).getBean(EmbeddedServer.class).getURL(), json);
      Auditor auditor = new Auditor(api, TestTokens.get().admin("auditor-3"), json);
      await().atMost(Duration.ofSeconds(10)).until(() -> auditor.checkpoint().treeSize() == total);

      List<Auditor.SignedCheckpoint> checkpoints = new ArrayList<>();
      try (Connection connection = DriverManager.getConnection(url, "postgres", "");
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT tree_size, root_hash, at, jws FROM custody_checkpoint"
                      + " ORDER BY tree_size")) {
        while (rows.next()) {
          checkpoints.add(
              auditor.verified(
                  rows.getLong("tree_size"),
                  Base64.getEncoder().encodeToString(rows.getBytes("root_hash")),
                  DateTimeFormatter.ISO_INSTANT.format(
                      rows.getObject("at", OffsetDateTime.class).toInstant()),
                  rows.getString("jws")));
        }
      }
      assertTrue(checkpoints.size() >= 2, "several rounds signed: " + checkpoints.size());
      assertEquals(0, checkpoints.get(0).treeSize(), "the empty tree is signed first");
      for (int i = 1; i < checkpoints.size(); i++) {
        assertTrue(
            auditor.consistent(checkpoints.get(i - 1), checkpoints.get(i)),
            "checkpoint " + checkpoints.get(i).treeSize() + " extends the one before");
      }
      Auditor.SignedCheckpoint last = checkpoints.get(checkpoints.size() - 1);
      assertEquals(total, last.treeSize());
      // a sample of entries through each instance's API, each against the last checkpoint
      for (long index = 0; index < total; index += 7) {
        long i = index;
        byte[] leaf = leafInputOf(url, i);
        assertEquals(Optional.empty(), auditor.failure(i, leaf, last), "entry " + i);
      }
    } finally {
      for (ApplicationContext instance : instances) {
        instance.close();
      }
    }
  }

  private static byte[] leafInputOf(String url, long index) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT leaf_input FROM custody_leaf WHERE leaf_index = " + index)) {
      rows.next();
      return rows.getBytes(1);
    }
  }
}
