package org.takedown.gateway.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.BulkPlanTest;
import org.takedown.platform.Platform;

/**
 * Everyone's event feed (an auditor's) is read in commit order straight from the primary key,
 * (txid, id), on a table of thousands of events: since migration V8 no other index holds that
 * order.
 */
@MicronautTest(transactional = false)
class EventFeedPlanIT extends BulkPlanTest {

  @BeforeAll
  void manyEvents() {
    // each copied request gets its request.created event from the trigger
    copiesOf(Platform.META, 2_000, 3);
    plans.execute("ANALYZE request_event");
  }

  @Test
  void readsEveryonesEventsInThePrimaryKeysOrder() {
    String plan = plans.of(EventFeed.READ, Arrays.asList(null, null, "0", 0L, 50));

    assertTrue(plan.contains("request_event_pkey"), plan);
    assertFalse(plan.contains("Sort"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }
}
