package org.takedown.gateway.tracking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.BulkPlanTest;
import org.takedown.platform.Platform;

/**
 * A partner's callback finds its request through an index, on a table of thousands of requests,
 * whether it names the partner's reference or only its operation (Google): the lookup by operation
 * had no index and read the whole table, each time a callback arrived before its request's answer
 * was recorded.
 *
 * <p>Formerly {@code CallbackLookupPlanIT}, the name older notes cite (migration comments,
 * bench/HISTORY.md).
 */
@MicronautTest(transactional = false)
class CallbackLookupUsesPartnerIndexesPlanIT extends BulkPlanTest {

  @BeforeAll
  void manySubmittedRequests() {
    copiesOf(Platform.GOOGLE, 2_000, 3);
  }

  @Test
  void findsTheRequestByThePartnersReference() {
    String plan = plans.of(TrackedRequests.BY_PARTNER_REF, List.of("GOOGLE", "ref-17-2"));

    assertTrue(plan.contains("request_by_partner_ref"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }

  @Test
  void findsTheRequestByThePartnersOperation() {
    String plan = plans.of(TrackedRequests.BY_PARTNER_OPERATION, List.of("GOOGLE", "op-17-2"));

    assertTrue(plan.contains("request_by_partner_operation"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }
}
