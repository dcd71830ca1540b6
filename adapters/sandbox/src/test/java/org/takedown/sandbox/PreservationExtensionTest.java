package org.takedown.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.sandbox.SandboxHttp.json;
import static org.takedown.sandbox.SandboxHttp.object;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.takedown.testing.MutableClock;

/** Each partner extends a preservation by 90 days from its end, and refuses anything else. */
class PreservationExtensionTest {

  private static final Duration NINETY_DAYS = Duration.ofDays(90);

  private static MutableClock clock;
  private static PartnerSandbox sandbox;
  private Instant t0;
  private String reference;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.parse("2024-06-20T12:00:00Z"));
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
    reference = UUID.randomUUID().toString();
  }

  /** A client whose tokens are fresh on the sandbox clock as it reads now. */
  private PartnerClient client() {
    return new PartnerClient(sandbox, clock.instant());
  }

  @Test
  void metaExtendsAPreservationByNinetyDaysFromItsEnd() throws Exception {
    MetaSimulator meta = sandbox.meta();
    String id = client().createAtMeta(reference, "PRESERVATION");
    meta.preserve(reference);
    clock.advance(Duration.ofDays(10));

    HttpResponse<String> response = client().metaExtend(id, MetaSimulator.ACCESS_TOKEN);

    assertEquals(200, response.statusCode());
    String until = t0.plus(NINETY_DAYS.multipliedBy(2)).toString();
    assertEquals(Map.of("success", true, "preserved_until", until), json(response));
    assertEquals(until, client().metaStatus(id).get("preserved_until"));
    assertEquals(1, meta.extendCalls());
    assertEquals(1, meta.extendCallsFor(reference));
  }

  @Test
  void metaRefusesToExtendARemovalWithCode100() throws Exception {
    MetaSimulator meta = sandbox.meta();
    String id = client().createAtMeta(reference, "CONTENT_REMOVAL");
    meta.complete(reference, "REMOVED");

    HttpResponse<String> response = client().metaExtend(id, MetaSimulator.ACCESS_TOKEN);

    assertEquals(400, response.statusCode());
    Map<String, Object> error = object(json(response), "error");
    assertEquals(100L, error.get("code"));
    assertTrue(((String) error.get("message")).contains("no preserved data"));
    assertEquals(1, meta.extendCallsFor(reference));
  }

  @Test
  void metaRefusesToExtendAnUnknownObjectOrWithoutTheToken() throws Exception {
    HttpResponse<String> unknown =
        client().metaExtend("1784000000000000", MetaSimulator.ACCESS_TOKEN);
    HttpResponse<String> unauthorized = client().metaExtend("1784000000000000", "wrong");

    assertEquals(400, unknown.statusCode());
    Map<String, Object> error = object(json(unknown), "error");
    assertEquals(100L, error.get("code"));
    assertEquals(33L, error.get("error_subcode"));
    assertEquals(401, unauthorized.statusCode());
    assertEquals(190L, object(json(unauthorized), "error").get("code"));
    assertEquals(2, sandbox.meta().extendCalls());
  }

  @Test
  void tiktokExtendsAPreservationByNinetyDays() throws Exception {
    TikTokSimulator tiktok = sandbox.tiktok();
    PartnerClient client = client();
    String id = client.createAtTikTok(reference, "PRESERVATION");
    tiktok.preserve(reference);

    HttpResponse<String> response = client.tiktokExtend(id);

    assertEquals(200, response.statusCode());
    long until = t0.plus(NINETY_DAYS.multipliedBy(2)).getEpochSecond();
    Map<String, Object> body = json(response);
    assertEquals("ok", object(body, "error").get("code"));
    assertEquals(Map.of("request_id", id, "preserve_expire_time", until), object(body, "data"));
    assertEquals(until, client.tiktokStatus(id).get("preserve_expire_time"));
    assertEquals(1, tiktok.extendCallsFor(reference));
  }

  @Test
  void tiktokRefusesToExtendWhatIsNotPreservedWithInvalidParams() throws Exception {
    PartnerClient client = client();
    String id = client.createAtTikTok(reference, "PRESERVATION");

    HttpResponse<String> pending = client.tiktokExtend(id);
    HttpResponse<String> unknown = client.tiktokExtend("7000000000000000000");

    assertEquals(400, pending.statusCode());
    assertEquals("invalid_params", object(json(pending), "error").get("code"));
    assertEquals(400, unknown.statusCode());
    assertEquals("invalid_params", object(json(unknown), "error").get("code"));
    assertEquals(2, sandbox.tiktok().extendCalls());
  }

  @Test
  void googleExtendsAPreservationAndAnswersTheLegalRequest() throws Exception {
    GoogleSimulator google = sandbox.google();
    PartnerClient client = client();
    Map<String, Object> created = client.createAtGoogle(reference, "PRESERVATION");
    String legalRequest = (String) object(created, "metadata").get("legalRequest");
    google.preserve(reference);

    HttpResponse<String> response = client.googleExtend(legalRequest);

    assertEquals(200, response.statusCode());
    String until = t0.plus(NINETY_DAYS.multipliedBy(2)).toString();
    Map<String, Object> resource = json(response);
    assertEquals(legalRequest, resource.get("name"));
    assertEquals("RESOLVED", resource.get("state"));
    assertEquals("PRESERVED", resource.get("resolution"));
    assertEquals(until, resource.get("preserveUntil"));
    assertEquals(
        until,
        object(client.googlePoll((String) created.get("name")), "response").get("preserveUntil"));
    assertEquals(1, google.extendCallsFor(reference));
  }

  @Test
  void googleRefusesToExtendARemovalWithFailedPreconditionAndAnUnknownOneWithNotFound()
      throws Exception {
    GoogleSimulator google = sandbox.google();
    PartnerClient client = client();
    Map<String, Object> created = client.createAtGoogle(reference, "REMOVAL");
    google.resolve(reference, "REMOVED");

    HttpResponse<String> removal =
        client.googleExtend((String) object(created, "metadata").get("legalRequest"));
    HttpResponse<String> unknown = client.googleExtend("legalRequests/1");

    assertEquals(400, removal.statusCode());
    Map<String, Object> error = object(json(removal), "error");
    assertEquals(400L, error.get("code"));
    assertEquals("FAILED_PRECONDITION", error.get("status"));
    assertEquals(404, unknown.statusCode());
    assertEquals("NOT_FOUND", object(json(unknown), "error").get("status"));
    assertEquals(2, google.extendCalls());
  }

  @Test
  void anExpiredPreservationCannotBeExtended() throws Exception {
    String id = client().createAtMeta(reference, "PRESERVATION");
    sandbox.meta().preserve(reference);
    clock.advance(NINETY_DAYS.plusSeconds(1));

    HttpResponse<String> response = client().metaExtend(id, MetaSimulator.ACCESS_TOKEN);

    assertEquals(400, response.statusCode());
    assertTrue(
        ((String) object(json(response), "error").get("message")).contains("expired"),
        response.body());
  }
}
