package org.takedown.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/** Who may call what: every token the gateway must refuse, and every role boundary. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthMatrixIT implements TestPropertyProvider {

  private static final List<String> SUBMITTER = List.of("case-submitter");

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  final TestTokens tokens = TestTokens.get();
  String caseOfTriage;
  String requestOfTriage;

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
    caseOfTriage = (String) created.json().get("id");
    requestOfTriage = (String) created.list("requests").get(0).get("id");
  }

  private Api.Answer submitWith(String token) {
    return api.post("/api/v1/cases", token, api.toJson(Cases.sample()));
  }

  private static void assertProblem(Api.Answer answer, int status) {
    assertEquals(status, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertEquals(status, answer.json().get("status"));
  }

  @Test
  void refusesACallWithoutToken() {
    Api.Answer answer = submitWith(null);
    assertProblem(answer, 401);
    assertEquals("urn:takedown-gateway:problem:unauthenticated", answer.json().get("type"));
  }

  @Test
  void refusesAnExpiredToken() {
    assertProblem(submitWith(tokens.expired("triage", SUBMITTER)), 401);
  }

  @Test
  void refusesATokenForAnotherAudience() {
    assertProblem(submitWith(tokens.withAudience("triage", SUBMITTER, "another-service")), 401);
  }

  @Test
  void refusesATokenFromAnotherIssuer() {
    assertProblem(submitWith(tokens.withIssuer("triage", SUBMITTER, "https://evil.test")), 401);
  }

  @Test
  void refusesAnUnsignedToken() {
    assertProblem(submitWith(tokens.unsigned("triage", SUBMITTER)), 401);
  }

  @Test
  void refusesATokenSignedWithAnotherKey() {
    assertProblem(submitWith(tokens.signedByStranger("triage", SUBMITTER)), 401);
  }

  @Test
  void refusesATamperedSignature() {
    assertProblem(submitWith(tokens.tampered("triage", SUBMITTER)), 401);
  }

  @Test
  void refusesGarbageInsteadOfAToken() {
    assertProblem(submitWith("not.a.jwt"), 401);
  }

  @Test
  void acceptsEs256Tokens() {
    assertEquals(201, submitWith(tokens.es256("triage", SUBMITTER)).status());
  }

  @Test
  void refusesAValidTokenWithoutTheRole() {
    Api.Answer officerSubmits = submitWith(tokens.officer("officer-1"));
    assertProblem(officerSubmits, 403);
    assertEquals("urn:takedown-gateway:problem:forbidden", officerSubmits.json().get("type"));
    assertProblem(submitWith(tokens.token("nobody", List.of())), 403);
    assertProblem(api.get("/api/v1/requests", tokens.submitter("triage")), 403);
  }

  @Test
  void hidesAnotherSubmittersCase() {
    String otherSubmitter = tokens.submitter("brigade-case-system");
    assertProblem(api.get("/api/v1/cases/" + caseOfTriage, otherSubmitter), 404);
    assertProblem(api.get("/api/v1/requests/" + requestOfTriage, otherSubmitter), 404);
  }

  @Test
  void letsTheOwnerOfficersAndAdminsReadTheCase() {
    for (String token :
        List.of(tokens.submitter("triage"), tokens.officer("officer-1"), tokens.admin("root"))) {
      assertEquals(200, api.get("/api/v1/cases/" + caseOfTriage, token).status());
      assertEquals(200, api.get("/api/v1/requests/" + requestOfTriage, token).status());
    }
  }

  @Test
  void letsOfficersAndAdminsListRequests() {
    assertEquals(200, api.get("/api/v1/requests", tokens.officer("officer-1")).status());
    assertEquals(200, api.get("/api/v1/requests", tokens.admin("root")).status());
  }

  @Test
  void leavesHealthAndTheApiDocumentOpen() {
    assertEquals(200, api.get("/health", null).status());
    Api.Answer openapi = api.get("/openapi.yml", null);
    assertEquals(200, openapi.status());
    assertTrue(openapi.body().contains("/api/v1/cases"));
  }
}
