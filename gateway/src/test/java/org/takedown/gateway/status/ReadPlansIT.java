package org.takedown.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.BulkPlanTest;
import org.takedown.gateway.testing.Plans;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;

/**
 * An officer's reads of a case's requests, and of the overdue ones, find them through indexes, on a
 * table of thousands of requests: since migration V7 the requests are indexed by case only through
 * the unique index of (case, item, action), and no longer by their case's reference at all.
 */
@MicronautTest(transactional = false)
class ReadPlansIT extends BulkPlanTest {

  private static final int CASES = 2_000;

  Api api;
  UUID request;

  @BeforeAll
  void manyCases() {
    api = api();
    request = copiesOf(Platform.META, CASES, 3);
  }

  @Test
  void readsACasesRequestsThroughTheUniqueIndexOfItsItems() {
    String plan = plans.of(CaseReads.REQUESTS_OF_CASE, List.of(Plans.copiedCase(17)));

    assertTrue(plan.contains("request_one_per_item_action"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }

  @Test
  void readsOneCaseOrRequestByItsKeyWhoeverReads() {
    UUID caseId = Plans.copiedCase(17);
    List<String> plansOf =
        List.of(
            plans.of(CaseReads.HEAD, List.of(caseId)),
            plans.of(CaseReads.HEAD_OF_SUBMITTER, List.of(caseId, "e-blagh-triage")),
            plans.of(RequestReads.ONE, List.of(request)),
            plans.of(RequestReads.ONE_OF_SUBMITTER, List.of(request, "e-blagh-triage")));

    for (String plan : plansOf) {
      assertTrue(plan.contains("_pkey"), plan);
      assertFalse(plan.contains("Seq Scan"), plan);
    }
  }

  @Test
  void filtersByCaseReferenceThroughTheCase() {
    RequestReads.Listing listing =
        RequestReads.listing(
            new RequestFilter(null, null, null, null, null, "BULK-17", 50, null), Instant.now());

    String plan = plans.of(listing.sql(), listing.parameters());

    assertTrue(plan.contains("case_by_external_ref"), plan);
    assertTrue(plan.contains("request_one_per_item_action"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }

  @Test
  void findsOverdueRequestsThroughTheIndexesOfEachOpenStatus() {
    RequestReads.Listing listing =
        RequestReads.listing(
            new RequestFilter(null, null, null, null, true, null, 50, null), Instant.now());

    String plan = plans.of(listing.sql(), listing.parameters());

    // PENDING ones through the dispatch order, the others through the deadline index (V9)
    assertTrue(plan.contains("request_dispatch_order"), plan);
    assertTrue(plan.contains("request_awaiting_partner_by_due"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }

  @Test
  void readsTheWorkQueueThroughTheIndexesOfEachOpenStatus() {
    List<Object> limits =
        java.util.Collections.nCopies(RequestReads.WORK_QUEUE_PARAMETERS, (Object) 100);

    String plan = plans.of(RequestReads.WORK_QUEUE, limits);

    // each part reads at most the queue's length, in the order of its own index (V5, V9)
    assertTrue(plan.contains("request_dispatch_order"), plan);
    assertTrue(plan.contains("request_awaiting_partner_by_due"), plan);
    // and only the rows shown look their case up, by its key
    assertTrue(plan.contains("takedown_case_pkey"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }

  @Test
  void listsACasesRequestsByItsReference() {
    Api.Answer page =
        api.get("/api/v1/requests?caseRef=BULK-17", TestTokens.get().officer("officer-1"));

    assertEquals(200, page.status(), page.body());
    assertEquals(3, page.list("items").size(), page.body());
    assertTrue(
        page.list("items").stream()
            .allMatch(r -> Plans.copiedCase(17).toString().equals(r.get("caseId"))),
        page.body());
  }
}
