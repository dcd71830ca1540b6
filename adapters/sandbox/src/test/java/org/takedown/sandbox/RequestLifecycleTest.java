package org.takedown.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.sandbox.SandboxHttp.object;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.takedown.testing.MutableClock;

/** Requests move through each partner's own states, and the partner's status reads show them. */
class RequestLifecycleTest {

  private static final Instant START = Instant.parse("2024-06-20T12:00:00Z");
  // Short steps, so that the tokens the client fetched stay valid.
  private static final Duration STEP = Duration.ofMinutes(10);

  private static MutableClock clock;
  private static PartnerSandbox sandbox;
  private PartnerClient client;
  private Instant t0;
  private String reference;

  @BeforeAll
  static void start() {
    clock = new MutableClock(START);
    sandbox = PartnerSandbox.start(SandboxOptions.builder().clock(clock).build());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    sandbox.reset();
    t0 = clock.instant();
    client = new PartnerClient(sandbox, t0);
    reference = UUID.randomUUID().toString();
  }

  private String at(Duration later) {
    return t0.plus(later).toString();
  }

  @Test
  void metaStatusReadFollowsTheReviewAndTheRemoval() throws Exception {
    MetaSimulator meta = sandbox.meta();
    String id = client.createAtMeta(reference, "CONTENT_REMOVAL");

    clock.advance(STEP);
    meta.review(reference);
    assertEquals(
        Map.of("id", id, "status", "IN_REVIEW", "updated_time", at(STEP)), client.metaStatus(id));

    clock.advance(STEP);
    SandboxRequest done = meta.complete(reference, "REMOVED");

    assertEquals("CONTENT_REMOVED", done.outcome());
    assertEquals(
        Map.of(
            "id",
            id,
            "status",
            "COMPLETED",
            "outcome",
            "CONTENT_REMOVED",
            "updated_time",
            at(STEP.multipliedBy(2))),
        client.metaStatus(id));
  }

  @Test
  void metaPreservationIsReadWithPreservedUntilNinetyDaysOn() throws Exception {
    String id = client.createAtMeta(reference, "PRESERVATION");

    SandboxRequest preserved = sandbox.meta().preserve(reference);

    assertEquals(t0.plus(Duration.ofDays(90)), preserved.preservedUntil());
    Map<String, Object> status = client.metaStatus(id);
    assertEquals("COMPLETED", status.get("status"));
    assertEquals("DATA_PRESERVED", status.get("outcome"));
    assertEquals(t0.plus(Duration.ofDays(90)).toString(), status.get("preserved_until"));
  }

  @ParameterizedTest
  @CsvSource({
    "NOT_FOUND, CONTENT_NOT_FOUND",
    "NO_VIOLATION, NO_VIOLATION_FOUND",
    "DECLINED, INSUFFICIENT_LEGAL_BASIS",
    "INSUFFICIENT_LEGAL_BASIS, INSUFFICIENT_LEGAL_BASIS",
    "CONTENT_NOT_FOUND, CONTENT_NOT_FOUND",
  })
  void metaDeclinesInItsOwnWordsOrTheGateways(String word, String reason) throws Exception {
    String id = client.createAtMeta(reference, "CONTENT_REMOVAL");

    sandbox.meta().decline(reference, word);

    Map<String, Object> status = client.metaStatus(id);
    assertEquals("DECLINED", status.get("status"));
    assertEquals(reason, status.get("decline_reason"));
    assertFalse(status.containsKey("outcome"), "a declined request has no outcome");
  }

  @Test
  void completingAMetaRequestAsNotFoundDeclinesIt() throws Exception {
    String id = client.createAtMeta(reference, "CONTENT_REMOVAL");

    sandbox.meta().complete(reference, "NOT_FOUND");

    Map<String, Object> status = client.metaStatus(id);
    assertEquals("DECLINED", status.get("status"));
    assertEquals("CONTENT_NOT_FOUND", status.get("decline_reason"));
  }

  @Test
  void tiktokQueryFollowsProcessingAndTheGeoRestriction() throws Exception {
    TikTokSimulator tiktok = sandbox.tiktok();
    String id = client.createAtTikTok(reference, "REMOVAL");

    clock.advance(STEP);
    tiktok.review(reference);
    Map<String, Object> processing = client.tiktokStatus(id);
    assertEquals("PROCESSING", processing.get("status"));
    assertNull(processing.get("result"));
    assertEquals(t0.plus(STEP).getEpochSecond(), processing.get("update_time"));

    clock.advance(STEP);
    tiktok.complete(reference, "RESTRICTED");
    Map<String, Object> completed = client.tiktokStatus(id);
    assertEquals("COMPLETED", completed.get("status"));
    assertEquals("GEO_RESTRICTED", completed.get("result"));
    assertNull(completed.get("preserve_expire_time"));
    assertEquals(t0.plus(STEP.multipliedBy(2)).getEpochSecond(), completed.get("update_time"));
  }

  @Test
  void tiktokPreservationCarriesThePreserveExpireTime() throws Exception {
    String id = client.createAtTikTok(reference, "PRESERVATION");

    sandbox.tiktok().preserve(reference);

    Map<String, Object> status = client.tiktokStatus(id);
    assertEquals("COMPLETED", status.get("status"));
    assertEquals("PRESERVED", status.get("result"));
    assertEquals(t0.plus(Duration.ofDays(90)).getEpochSecond(), status.get("preserve_expire_time"));
  }

  @Test
  void tiktokRejectsWithItsOwnReasons() throws Exception {
    String id = client.createAtTikTok(reference, "REMOVAL");

    sandbox.tiktok().reject(reference, "NO_VIOLATION");

    Map<String, Object> status = client.tiktokStatus(id);
    assertEquals("REJECTED", status.get("status"));
    assertEquals("NO_VIOLATION", status.get("result"));
  }

  @Test
  void tiktokKnowsNoPlainDecline() throws Exception {
    client.createAtTikTok(reference, "REMOVAL");

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> sandbox.tiktok().decline(reference, "DECLINED"));

    assertTrue(refused.getMessage().contains("NOT_FOUND"), refused.getMessage());
    assertEquals("PENDING", sandbox.tiktok().request(reference).orElseThrow().status());
  }

  @Test
  void googleOperationRunsUnderReviewThenIsDoneWithTheResolvedLegalRequest() throws Exception {
    GoogleSimulator google = sandbox.google();
    Map<String, Object> created = client.createAtGoogle(reference, "REMOVAL");
    String operation = (String) created.get("name");
    String legalRequest = (String) object(created, "metadata").get("legalRequest");

    clock.advance(STEP);
    google.review(reference);
    Map<String, Object> running = client.googlePoll(operation);
    assertEquals(false, running.get("done"));
    assertEquals("UNDER_REVIEW", object(running, "metadata").get("state"));
    assertEquals(at(STEP), object(running, "metadata").get("updateTime"));
    assertFalse(running.containsKey("response"));

    clock.advance(STEP);
    google.resolve(reference, "REMOVED");
    Map<String, Object> done = client.googlePoll(operation);
    assertEquals(true, done.get("done"));
    assertEquals(
        Map.of(
            "name",
            legalRequest,
            "state",
            "RESOLVED",
            "resolution",
            "REMOVED",
            "createTime",
            t0.toString(),
            "updateTime",
            at(STEP.multipliedBy(2))),
        object(done, "response"));
  }

  @Test
  void googlePreservationIsResolvedWithPreserveUntil() throws Exception {
    String operation = (String) client.createAtGoogle(reference, "PRESERVATION").get("name");

    sandbox.google().preserve(reference);

    Map<String, Object> response = object(client.googlePoll(operation), "response");
    assertEquals("PRESERVED", response.get("resolution"));
    assertEquals(t0.plus(Duration.ofDays(90)).toString(), response.get("preserveUntil"));
  }

  @Test
  void googleResolvesTheGatewaysNoViolationAsNoAction() throws Exception {
    String operation = (String) client.createAtGoogle(reference, "REMOVAL").get("name");

    sandbox.google().decline(reference, "NO_VIOLATION");

    assertEquals("NO_ACTION", object(client.googlePoll(operation), "response").get("resolution"));
  }

  @Test
  void aRequestCanBeDecidedWithoutAReview() throws Exception {
    String id = client.createAtMeta(reference, "CONTENT_REMOVAL");

    sandbox.meta().complete(reference, "CONTENT_RESTRICTED");

    assertEquals("CONTENT_RESTRICTED", client.metaStatus(id).get("outcome"));
  }

  @Test
  void aDecidedRequestNeverMovesAgain() throws Exception {
    MetaSimulator meta = sandbox.meta();
    client.createAtMeta(reference, "CONTENT_REMOVAL");
    SandboxRequest removed = meta.complete(reference, "REMOVED");
    clock.advance(STEP);

    IllegalStateException review =
        assertThrows(IllegalStateException.class, () -> meta.review(reference));
    assertThrows(IllegalStateException.class, () -> meta.decline(reference, "NOT_FOUND"));
    assertThrows(IllegalStateException.class, () -> meta.complete(reference, "RESTRICTED"));

    assertTrue(review.getMessage().contains("COMPLETED (CONTENT_REMOVED)"), review.getMessage());
    assertSame(removed, meta.complete(reference, "CONTENT_REMOVED"), "the same decision again");
    assertEquals(removed, meta.request(reference).orElseThrow());
  }

  @Test
  void reviewingTwiceChangesNothing() throws Exception {
    TikTokSimulator tiktok = sandbox.tiktok();
    client.createAtTikTok(reference, "REMOVAL");
    SandboxRequest first = tiktok.review(reference);
    clock.advance(STEP);

    SandboxRequest again = tiktok.review(reference);

    assertEquals(first.updatedAt(), again.updatedAt());
  }

  @Test
  void anUnknownReferenceOrOutcomeIsRefusedNamingWhatIsKnown() throws Exception {
    client.createAtMeta(reference, "CONTENT_REMOVAL");

    assertThrows(NoSuchElementException.class, () -> sandbox.meta().review("no-such-reference"));
    IllegalArgumentException outcome =
        assertThrows(
            IllegalArgumentException.class, () -> sandbox.meta().complete(reference, "DELETED"));

    assertTrue(outcome.getMessage().contains("CONTENT_REMOVED"), outcome.getMessage());
    assertEquals("RECEIVED", sandbox.meta().request(reference).orElseThrow().status());
  }
}
