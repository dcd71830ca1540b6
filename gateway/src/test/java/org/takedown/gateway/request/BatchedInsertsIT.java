package org.takedown.gateway.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.core.BaseConnection;
import org.takedown.contracts.HistoryEntry;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;

/**
 * The pool's connections send a batch of inserts as one multi-row INSERT (pgjdbc's
 * reWriteBatchedInserts, set in application.yml), and a batch written that way still lands every
 * row: a request's history read back holds each line of the batch, in order.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchedInsertsIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject RequestHistory history;
  @Inject TransactionOperations<Connection> transactions;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @Test
  void theDriverRewritesBatchedInsertsOnThePoolsConnections() {
    boolean rewrites =
        transactions.executeRead(
            status -> {
              try {
                return status
                    .getConnection()
                    .unwrap(BaseConnection.class)
                    .getQueryExecutor()
                    .isReWriteBatchedInsertsEnabled();
              } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    assertTrue(rewrites, "reWriteBatchedInserts is off");
  }

  @Test
  void aBatchOfHistoryLinesLandsWhole() {
    UUID request = new Requests(new Api(server.getURL(), json)).submitTakedown(Platform.META);
    int before = transactions.executeRead(status -> history.of(request)).size();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<HistoryLine> lines = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      lines.add(
          new HistoryLine(
              request,
              at.plusMillis(i),
              RequestState.PENDING,
              RequestState.PENDING,
              HistorySource.GATEWAY,
              null,
              "line " + i));
    }

    transactions.executeWrite(
        status -> {
          history.append(lines);
          return null;
        });

    List<String> details =
        transactions.executeRead(status -> history.of(request)).stream()
            .skip(before)
            .map(HistoryEntry::detail)
            .toList();
    assertEquals(
        List.of("line 0", "line 1", "line 2", "line 3", "line 4", "line 5", "line 6"), details);
  }
}
