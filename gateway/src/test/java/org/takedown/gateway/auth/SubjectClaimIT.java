package org.takedown.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/**
 * A token's {@code sub} names the caller: it owns the cases a submitter creates and is compared on
 * every read. A token whose {@code sub} is missing, null, blank, too long or holds a control
 * character authenticates nobody (401), whatever its roles, on every route; a usable one works.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubjectClaimIT implements TestPropertyProvider {

  /** Every role: only the {@code sub} can make these tokens fail. */
  private static final List<String> ALL_ROLES =
      List.of("case-submitter", "liaison-officer", "admin");

  private static final List<String> SUBMITTER = List.of("case-submitter");

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  final TestTokens tokens = TestTokens.get();
  String caseId;
  String requestId;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void createACase() {
    api = new Api(server.getURL(), json);
    Api.Answer created =
        api.post("/api/v1/cases", tokens.submitter("triage"), api.toJson(Cases.sample()));
    assertEquals(201, created.status(), created.body());
    caseId = (String) created.json().get("id");
    requestId = (String) created.list("requests").get(0).get("id");
  }

  /** One call of each route of /api/v1, as method, path and body (null for none). */
  private List<String[]> everyApiRoute() {
    String unknown = UUID.randomUUID().toString();
    return List.of(
        new String[] {"POST", "/api/v1/cases", api.toJson(Cases.sample())},
        new String[] {"GET", "/api/v1/cases/" + caseId, null},
        new String[] {"GET", "/api/v1/requests", null},
        new String[] {"GET", "/api/v1/requests/" + requestId, null},
        new String[] {"POST", "/api/v1/requests/" + unknown + "/retry", ""},
        new String[] {"POST", "/api/v1/requests/" + unknown + "/cancel", ""},
        new String[] {"POST", "/api/v1/requests/" + unknown + "/extend-preservation", ""},
        new String[] {"GET", "/api/v1/events", null},
        new String[] {"GET", "/api/v1/callback-orphans", null},
        new String[] {"GET", "/api/v1/admin/partners", null},
        new String[] {"POST", "/api/v1/admin/partners/meta/resume", ""},
        new String[] {"GET", "/api/v1/admin/dead-letters", null},
        new String[] {"POST", "/api/v1/admin/dead-letters/retry", "{}"});
  }

  private Api.Answer call(String[] route, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.getURI().resolve(route[1]))
            .method(
                route[0],
                route[2] == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(route[2]));
    if (route[2] != null) {
      request.header("Content-Type", "application/json");
    }
    return api.send(request, token);
  }

  private static void assertUnauthenticated(Api.Answer answer, String what) {
    assertEquals(401, answer.status(), what + ": " + answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"), what);
    assertEquals("urn:takedown-gateway:problem:unauthenticated", answer.json().get("type"), what);
    assertEquals(401, answer.json().get("status"), what);
    assertEquals("Bearer", answer.header("WWW-Authenticate"), what);
  }

  @Test
  void refusesATokenWithoutSubOnEveryApiRoute() {
    String withoutSub = tokens.withoutSub(ALL_ROLES);
    String withSub = tokens.token("root", ALL_ROLES);
    for (String[] route : everyApiRoute()) {
      String what = route[0] + " " + route[1];
      assertUnauthenticated(call(route, withoutSub), what);
      // the same roles with a sub pass authentication: the missing sub alone is refused
      Api.Answer answer = call(route, withSub);
      assertNotEquals(401, answer.status(), what + ": " + answer.body());
      assertNotEquals(403, answer.status(), what + ": " + answer.body());
    }
  }

  @Test
  void refusesANullBlankOrNonTextSubOnEveryApiRoute() {
    for (Object sub : Arrays.asList(null, "", "   ", "\t", List.of("triage"), Map.of())) {
      String token = tokens.withSubClaim(sub, ALL_ROLES);
      for (String[] route : everyApiRoute()) {
        assertUnauthenticated(call(route, token), route[0] + " " + route[1] + " with sub " + sub);
      }
    }
  }

  @Test
  void refusesASubHoldingANulInsteadOfFailingOnTheDatabase() {
    // PostgreSQL refuses 0x00 in text: this was a 500 on every read that compares the sub
    String token = tokens.withSubClaim("triage\u0000", SUBMITTER);
    for (String path :
        List.of("/api/v1/cases/" + caseId, "/api/v1/requests/" + requestId, "/api/v1/events")) {
      assertUnauthenticated(api.get(path, token), path);
    }
    assertUnauthenticated(
        api.post("/api/v1/cases", token, api.toJson(Cases.sample())), "POST /api/v1/cases");
  }

  @Test
  void refusesASubHoldingAnyControlCharacter() {
    List<String> refused = new ArrayList<>();
    for (String character :
        List.of("\n", "\r", "\u001b", "\u007f", "\u0085", "\u200b", "\u202e", "\u2028", "\ud800")) {
      String token = tokens.withSubClaim("tri" + character + "age", SUBMITTER);
      Api.Answer answer = api.get("/api/v1/cases/" + caseId, token);
      if (answer.status() != 401) {
        refused.add(
            String.format("U+%04X answered %d", (int) character.charAt(0), answer.status()));
      }
    }
    assertEquals(List.of(), refused, "every such sub is a 401");
  }

  @Test
  void acceptsASubOf255CharactersAndRefusesALongerOne() {
    // counted in characters, as the varchar(256) columns count them: é is one, not two bytes
    String longest = "é".repeat(255);
    String owner = tokens.withSubClaim(longest, SUBMITTER);
    Api.Answer created = api.post("/api/v1/cases", owner, api.toJson(Cases.sample()));
    assertEquals(201, created.status(), created.body());
    Api.Answer read = api.get("/api/v1/cases/" + created.json().get("id"), owner);
    assertEquals(200, read.status(), read.body());
    assertEquals(200, api.get("/api/v1/events", owner).status());

    String tooLong = tokens.withSubClaim(longest + "é", SUBMITTER);
    assertUnauthenticated(
        api.post("/api/v1/cases", tooLong, api.toJson(Cases.sample())), "a sub of 256");
    assertUnauthenticated(api.get("/api/v1/events", tooLong), "a sub of 256");
  }

  @Test
  void keepsARefusedTokenRefused() {
    // a token that failed is never kept as verified: asking again is refused again
    String token = tokens.withSubClaim("triage\u0000", SUBMITTER);
    for (int i = 0; i < 3; i++) {
      assertUnauthenticated(api.get("/api/v1/events", token), "call " + (i + 1));
    }
  }

  @Test
  void readsANumericSubAsItsDigits() {
    Api.Answer created =
        api.post(
            "/api/v1/cases", tokens.withSubClaim(12345, SUBMITTER), api.toJson(Cases.sample()));
    assertEquals(201, created.status(), created.body());
    Api.Answer read =
        api.get("/api/v1/cases/" + created.json().get("id"), tokens.submitter("12345"));
    assertEquals(200, read.status(), read.body());
  }

  @Test
  void acceptsAnyOtherSubExactlyAsWritten() {
    // no trimming or folding: " triage" is not "triage", and sees none of triage's cases
    String spaced = tokens.withSubClaim(" triage", SUBMITTER);
    Api.Answer answer = api.get("/api/v1/cases/" + caseId, spaced);
    assertEquals(404, answer.status(), answer.body());
    assertEquals(200, api.get("/api/v1/cases/" + caseId, tokens.submitter("triage")).status());
  }
}
