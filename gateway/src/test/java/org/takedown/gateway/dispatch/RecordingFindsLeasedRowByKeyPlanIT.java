package org.takedown.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.takedown.gateway.testing.BulkPlanTest;
import org.takedown.platform.Platform;

/**
 * The statements that record a partner's answer find the leased row by its primary key, even when
 * the statistics say nothing is PENDING (a gateway's usual state) and a backlog has built up since:
 * planned from such statistics, {@code ... AND status = 'PENDING'} walked a partial index of
 * PENDING requests for the one id, once per answer (RequestQueue.LEASED_ROW).
 *
 * <p>Formerly {@code RecordPlanIT}, the name older notes cite (migration comments,
 * bench/HISTORY.md).
 */
@MicronautTest(transactional = false)
class RecordingFindsLeasedRowByKeyPlanIT extends BulkPlanTest {

  private static final int ROWS = 5_000;

  /** A table of requests all past PENDING, and statistics that say so. */
  @BeforeAll
  void requestsLongSent() {
    copiesOf(Platform.META, ROWS / 3, 3);
    plans.execute(
        "UPDATE takedown_request SET status = 'SUBMITTED', next_attempt_at = NULL",
        "ANALYZE takedown_request");
  }

  static Stream<String> recordingStatements() {
    return Stream.of(
        RequestQueue.MARK_SUBMITTED, RequestQueue.SCHEDULE_RETRY, RequestQueue.MARK_FAILED);
  }

  @ParameterizedTest
  @MethodSource("recordingStatements")
  void findsTheLeasedRowByItsPrimaryKey(String sql) {
    String plan = plans.generic(sql);

    assertTrue(plan.contains("takedown_request_pkey"), plan);
    assertFalse(plan.contains("request_dispatch_order"), plan);
    assertFalse(plan.contains("request_awaiting_partner_by_due"), plan);
  }
}
