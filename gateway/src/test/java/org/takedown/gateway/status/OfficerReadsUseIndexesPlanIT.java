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
 *
 * <p>Formerly {@code ReadPlansIT}, the name older notes cite (migration comments,
 * bench/HISTORY.md).
 */
@MicronautTest(transactional = false)
class OfficerReadsUseIndexesPlanIT extends BulkPlanTest {

  private static final int CASES = 2_000;

  Api api;
  UUID request;

  @BeforeAll
  void manyCases() {
    api = api();
    request = copiesOf(Platform.META, CASES, 3);
    // the copied requests' items, each with a URL and a content id of its own (V11)
    plans.execute(
        "INSERT INTO case_item SELECT (jsonb_populate_record(i, jsonb_build_object("
            + "'case_id', md5('bulk' || g)::uuid, 'position', n,"
            + " 'canonical_url', i.canonical_url || '/' || g || '/' || n,"
            + " 'content_id', 'content-' || g || '-' || n))).*"
            + " FROM case_item i, generate_series(1, "
            + CASES
            + ") g, generate_series(1, 3) n"
            + " WHERE i.case_id = (SELECT case_id FROM takedown_request WHERE id = '"
            + request
            + "')",
        "ANALYZE case_item");
  }

  private static RequestFilter only(
      java.time.Instant createdFrom,
      java.time.Instant createdTo,
      String partnerRef,
      String canonicalUrl,
      String contentId) {
    return new RequestFilter(
        null,
        null,
        null,
        null,
        null,
        null,
        createdFrom,
        createdTo,
        partnerRef,
        canonicalUrl,
        contentId,
        50,
        null);
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

  @Test
  void findsARequestByItsPartnerReferenceThroughItsIndexWhateverThePartner() {
    RequestReads.Listing listing =
        RequestReads.listing(only(null, null, "ref-17-2", null, null), Instant.now());

    String plan = plans.of(listing.sql(), listing.parameters());

    // under each partner in turn: the index leads with the partner (V7); so does the plan
    // PostgreSQL caches for the statement
    for (String read : List.of(plan, plans.generic(listing.sql()))) {
      assertTrue(read.contains("request_by_partner_ref"), read);
      // looked up under each partner, not the whole index read for the reference
      assertTrue(read.contains("Index Cond: (((platform)::text = ANY"), read);
      assertFalse(read.contains("Seq Scan"), read);
    }
    assertEquals(
        1,
        api.get("/api/v1/requests?partnerRef=ref-17-2", TestTokens.get().officer("officer-1"))
            .list("items")
            .size());
  }

  @Test
  void findsTheRequestsOfAUrlOrAContentIdThroughTheirItems() {
    for (RequestFilter filter :
        List.of(
            only(null, null, null, "https://facebook.com/watch?v=1/17/2", null),
            only(null, null, null, null, "content-17-2"))) {
      RequestReads.Listing listing = RequestReads.listing(filter, Instant.now());

      String plan = plans.of(listing.sql(), listing.parameters());

      for (String read : List.of(plan, plans.generic(listing.sql()))) {
        assertTrue(
            read.contains("case_item_by_canonical_url") || read.contains("case_item_by_content_id"),
            read);
        assertTrue(read.contains("request_one_per_item_action"), read);
        assertFalse(read.contains("Seq Scan"), read);
      }
    }
  }

  @Test
  void readsACreationRangeInTheListingsOwnOrder() {
    Instant now = Instant.now();
    RequestReads.Listing listing =
        RequestReads.listing(
            only(now.minus(java.time.Duration.ofDays(1)), now, null, null, null), now);

    String plan = plans.of(listing.sql(), listing.parameters());

    assertTrue(plan.contains("request_newest_first"), plan);
    assertFalse(plan.contains("Sort"), "read in order, not sorted:\n" + plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }

  @Test
  void listsAPartnersFailuresThroughTheirOwnIndexNotEveryNewerRequest() {
    RequestReads.Listing listing =
        RequestReads.listing(
            new RequestFilter(
                org.takedown.gateway.request.RequestState.FAILED,
                org.takedown.contracts.Platform.TIKTOK,
                null,
                null,
                null,
                null,
                50,
                null),
            Instant.now());

    String plan = plans.of(listing.sql(), listing.parameters());

    // V13: through request_newest_first it read every newer request to find the few that failed
    assertTrue(plan.contains("request_failed_newest_first"), plan);
    assertFalse(plan.contains("Sort"), "read in order, not sorted:\n" + plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }

  @Test
  void theConsolesListLooksUpOnlyTheCasesOfTheRowsItShows() {
    RequestReads.Listing listing =
        RequestReads.browsing(
            new RequestFilter(null, null, null, null, null, null, 50, null), Instant.now());

    String plan = plans.of(listing.sql(), listing.parameters());

    assertTrue(plan.contains("request_newest_first"), plan);
    assertTrue(plan.contains("takedown_case_pkey"), plan);
    assertFalse(plan.contains("Seq Scan"), plan);
  }
}
