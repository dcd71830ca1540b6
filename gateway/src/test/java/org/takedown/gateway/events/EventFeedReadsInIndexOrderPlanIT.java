package org.takedown.gateway.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.BulkPlanTest;
import org.takedown.platform.Platform;

/**
 * Everyone's event feed (an officer's) is read in commit order straight from the primary key,
 * (txid, id), on a table of thousands of events: since migration V8 no other index holds that
 * order. One submitter's is read in the same order through event_feed (submitter, txid, id).
 *
 * <p>Formerly {@code EventFeedPlanIT}, the name older notes cite (migration comments,
 * bench/HISTORY.md).
 */
@MicronautTest(transactional = false)
class EventFeedReadsInIndexOrderPlanIT extends BulkPlanTest {

  @BeforeAll
  void manyEvents() {
    // each copied request gets its request.created event from the trigger
    copiesOf(Platform.META, 2_000, 3);
    // spread over many submitters, as in production
    plans.execute(
        "UPDATE request_event SET submitter = 'bulk-' || (id % 100)", "ANALYZE request_event");
  }

  @Test
  void readsEveryonesEventsInThePrimaryKeysOrder() {
    String plan = plans.of(EventFeed.READ_EVERYONE, List.of("0", 0L, 50));

    assertTrue(plan.contains("request_event_pkey"), plan);
    assertFalse(plan.contains("Sort"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }

  @Test
  void readsOneSubmittersEventsThroughItsIndex() {
    String plan = plans.of(EventFeed.READ_OF_SUBMITTER, List.of("bulk-7", "0", 0L, 50));
    String generic = plans.generic(EventFeed.READ_OF_SUBMITTER);

    // the submitter's few events may be sorted after the index found them; never another's read
    for (String p : List.of(plan, generic)) {
      assertTrue(p.contains("event_feed"), p);
      assertFalse(p.contains("Seq Scan"), p);
      assertFalse(p.contains("request_event_pkey"), p);
    }
  }
}
