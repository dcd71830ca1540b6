package org.takedown.gateway.request;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.BulkPlanTest;
import org.takedown.platform.Platform;

/**
 * A request's history is read through the table's primary key, (request_id, id), in its order, on a
 * table of tens of thousands of lines: since migration V8 no other index covers it.
 *
 * <p>Formerly {@code HistoryPlanIT}, the name older notes cite (migration comments,
 * bench/HISTORY.md).
 */
@MicronautTest(transactional = false)
class HistoryReadsThroughPrimaryKeyPlanIT extends BulkPlanTest {

  UUID request;

  @BeforeAll
  void longHistories() {
    request = copiesOf(Platform.META, 2_000, 3);
    plans.execute(
        "INSERT INTO request_history (request_id, at, from_status, to_status, source, detail)"
            + " SELECT r.id, now(), 'PENDING', 'PENDING', 'gateway', 'line ' || n"
            + " FROM takedown_request r, generate_series(1, 5) n",
        "ANALYZE request_history");
  }

  @Test
  void readsARequestsHistoryThroughThePrimaryKey() {
    String plan = plans.of(RequestHistory.OF_REQUEST, List.of(request));

    assertTrue(plan.contains("request_history_pkey"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }
}
