package org.takedown.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

/** Officers list the verified callbacks that named no request, newest first, a page at a time. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrphanCallbacksIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject ApplyPartnerUpdate apply;
  Api api;
  final String officer = TestTokens.get().officer("officer-1");

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.polling.enabled", "false");
  }

  @BeforeAll
  void receiveOrphans() {
    api = new Api(server.getURL(), json);
    orphan(Platform.META, "1700000000000001", PartnerState.IN_REVIEW, null);
    // a Google push is a hint: it reports no state
    assertEquals(
        ApplyPartnerUpdate.Result.ORPHAN,
        apply.hint(Platform.GOOGLE, new PartnerRef("legalRequests/999", "operations/lr-3e7")));
    orphan(Platform.META, "1700000000000002", PartnerState.COMPLETED, Outcome.NOT_FOUND);
    orphan(Platform.META, "1700000000000003", PartnerState.COMPLETED, Outcome.REMOVED);
  }

  private void orphan(Platform platform, String ref, PartnerState state, Outcome outcome) {
    assertEquals(
        ApplyPartnerUpdate.Result.ORPHAN,
        apply.apply(
            platform,
            new PartnerUpdate(PartnerRef.of(ref), state, outcome, null, Instant.now(), "said"),
            HistorySource.PARTNER_CALLBACK));
  }

  @Test
  void listsThemNewestFirstByPartnerAPageAtATime() {
    Api.Answer all = api.get("/api/v1/callback-orphans", officer);
    assertEquals(200, all.status(), all.body());
    assertEquals(
        List.of("1700000000000003", "1700000000000002", "legalRequests/999", "1700000000000001"),
        all.list("items").stream().map(o -> o.get("partnerRef")).toList());
    Map<String, Object> newest = all.list("items").get(0);
    assertEquals("META", newest.get("platform"));
    assertEquals("COMPLETED", newest.get("state"));
    assertEquals("REMOVED", newest.get("outcome"));
    assertNull(newest.get("adoptedAt"));
    Map<String, Object> hint = all.list("items").get(2);
    assertEquals("GOOGLE", hint.get("platform"));
    assertEquals("operations/lr-3e7", hint.get("partnerOperation"));
    assertTrue(hint.containsKey("state"), hint.toString());
    assertNull(hint.get("state"), "a push reports no state: " + hint);
    assertNull(hint.get("outcome"), hint.toString());

    Api.Answer first = api.get("/api/v1/callback-orphans?platform=META&limit=2", officer);
    assertEquals(2, first.list("items").size());
    String cursor = (String) first.json().get("nextCursor");
    Api.Answer second =
        api.get("/api/v1/callback-orphans?platform=META&limit=2&cursor=" + cursor, officer);
    assertEquals(
        List.of("1700000000000001"),
        second.list("items").stream().map(o -> o.get("partnerRef")).toList());
    assertNull(second.json().get("nextCursor"));

    assertEquals(0, api.get("/api/v1/callback-orphans?adopted=true", officer).list("items").size());
  }

  @Test
  void namesEveryBadParameter() {
    Api.Answer answer =
        api.withInvalidRequest()
            .get(
                "/api/v1/callback-orphans?platform=MYSPACE&adopted=maybe&limit=0&cursor=x",
                officer);
    assertEquals(422, answer.status(), answer.body());
    for (String field : List.of("platform", "adopted", "limit", "cursor")) {
      assertTrue(
          answer.body().contains("\"field\":\"" + field + "\""), field + ": " + answer.body());
    }
  }

  @Test
  void isForOfficersAndAdmins() {
    assertEquals(401, api.get("/api/v1/callback-orphans", null).status());
    assertEquals(
        403,
        api.get("/api/v1/callback-orphans", TestTokens.get().submitter("e-blagh-triage")).status());
    assertEquals(
        200, api.get("/api/v1/callback-orphans", TestTokens.get().admin("admin-1")).status());
  }
}
