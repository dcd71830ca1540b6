package org.takedown.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.BulkPlanTest;
import org.takedown.platform.Platform;

/**
 * The claim on thousands of PENDING requests, as when a partner's outage has left a backlog, with
 * fresh statistics. The claim always uses the plan PostgreSQL caches for it (RequestQueue.CLAIM),
 * and that plan walks the partner's PENDING requests in claim order (migration V9).
 *
 * <p>Formerly {@code ClaimPlanIT}, the name older notes cite (migration comments,
 * bench/HISTORY.md).
 */
@MicronautTest(transactional = false)
class ClaimWalksDispatchOrderPlanIT extends BulkPlanTest {

  private static final int CASES = 3_000;
  private static final String CLAIM = RequestQueue.claimOf(8);

  /** The claim's arguments: Meta's due requests from the start of the order, leased to "plan". */
  private static final List<String> ARGUMENTS =
      List.of(
          "'META'",
          "now()",
          "now()",
          "'-infinity'",
          "'-infinity'",
          "gen_random_uuid()",
          "now() + interval '1 minute'",
          "'plan'");

  /** The statistics PostgreSQL took during a partner's outage: all of it a backlog. */
  @BeforeAll
  void backlog() {
    backlogOf(Platform.META, CASES, 3);
  }

  @Test
  void cachedPlanWalksThePartnersPendingRequestsInClaimOrder() {
    String plan = plans.generic(CLAIM);

    assertTrue(plan.contains("request_dispatch_order"), plan);
    assertFalse(plan.contains("request_awaiting_partner_by_due"), plan);
    assertFalse(plan.contains("Sort"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }

  @Test
  void usesTheCachedPlanFromTheFirstCall() {
    String plan = plans.afterCalls(CLAIM, ARGUMENTS, 1, RequestQueue.CACHED_PLAN);

    // a plan made for the call's values would show 'META', not the parameter
    assertTrue(plan.contains("$1"), plan);
    assertTrue(plan.contains("request_dispatch_order"), plan);
  }
}
