package org.takedown.gateway.status;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.BulkPlanTest;
import org.takedown.platform.Platform;

/**
 * The officers' list of preservations reads a page's worth of rows through the partial index of
 * preservations held (request_preserved_by_end, V12), in its order, on a table of thousands of
 * requests of which a third are preservations held; the first page and the pages after a position
 * alike.
 *
 * <p>Formerly {@code PreservationPlansIT}, the name older notes cite (migration comments,
 * bench/HISTORY.md).
 */
@MicronautTest(transactional = false)
class PreservationListUsesPreservedByEndPlanIT extends BulkPlanTest {

  private static final int CASES = 3_000;

  RequestReads reads;

  @BeforeAll
  void manyPreservations() {
    copiesOf(Platform.TIKTOK, CASES, 3);
    // a third held, ending over the next 90 days; ends to the second, so some share one
    plans.execute(
        "UPDATE takedown_request SET status = 'COMPLETED', outcome = 'PRESERVED',"
            + " preserved_until = date_trunc('second', now() + random() * interval '90 days')"
            + " WHERE item_position = 1",
        "ANALYZE takedown_request");
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  @Test
  void readsTheFirstPageThroughThePreservationIndexInItsOrder() {
    String plan = plans.of(RequestReads.PRESERVATIONS, List.of(51));

    assertTrue(plan.contains("Index Scan using request_preserved_by_end"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
    // only the rows shown look their case up, by its key
    assertTrue(plan.contains("takedown_case_pkey"), plan);
    assertNoFullSort(plan);
  }

  @Test
  void readsAPageAfterAPositionFromThatPositionInTheIndex() {
    // early in the range: most preservations end after it, and none of them is read
    Instant position = Instant.now().plusSeconds(86_400);
    List<Object> parameters = new ArrayList<>();
    parameters.add(utc(position));
    parameters.add(UUID.randomUUID());
    parameters.add(51);

    String plan = plans.of(RequestReads.PRESERVATIONS_AFTER, parameters);

    assertTrue(plan.contains("Index Scan using request_preserved_by_end"), plan);
    // the position is where the scan starts, not a filter on what it read
    assertTrue(plan.contains("AND (ROW(preserved_until, id) > ROW("), plan);
    assertFalse(plan.contains("Filter:"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
    assertNoFullSort(plan);
    String generic = plans.generic(RequestReads.PRESERVATIONS_AFTER);
    assertTrue(generic.contains("request_preserved_by_end"), "the plan it caches too:\n" + generic);
    assertNoFullSort(generic);
  }

  /** The rows come out of the index in the page's order: nothing is sorted, not even ties. */
  private static void assertNoFullSort(String plan) {
    assertFalse(plan.contains("Sort"), plan);
  }
}
