package org.takedown.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/**
 * Hostile path and query parameters on every read: NUL and control characters, ids that are not
 * UUIDs, broken or forged cursors, limits far out of range, dates PostgreSQL cannot hold. Each one
 * is a 4xx problem that names the parameter, never a 500.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileQueryIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  final String officer = TestTokens.get().officer("officer-1");
  final String admin = TestTokens.get().admin("admin-1");
  final String submitter = TestTokens.get().submitter("hostile-reader");

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /api/v1/requests?caseRef=EIB%00-1 | caseRef
          /api/v1/requests?caseRef=EIB%01-1 | caseRef
          /api/v1/requests?caseRef=EIB%0A-1 | caseRef
          /api/v1/requests?caseRef=EIB%C2%85-1 | caseRef
          /api/v1/requests?status=%00 | status
          /api/v1/requests?platform=META%00 | platform
          /api/v1/requests?overdue=true%00 | overdue
          /api/v1/requests?limit=99999999999 | limit
          /api/v1/requests?limit=-1 | limit
          /api/v1/requests?limit=%00 | limit
          /api/v1/requests?cursor=%00 | cursor
          /api/v1/requests?cursor=not-a-cursor | cursor
          /api/v1/requests?cursor=OTIyMzM3MjAzNjg1NDc3NTgwN34wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA | cursor
          /api/v1/requests?cursor=MX5ub3QtYS11dWlk | cursor
          /api/v1/requests?cursor=LTkyMjMzNzIwMzY4NTQ3NzU4MDh-MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw | cursor
          /api/v1/events?after=%00 | after
          /api/v1/events?after=99999999999999999999-1 | after
          /api/v1/events?after=1-1-1 | after
          /api/v1/events?limit=99999999999 | limit
          /api/v1/admin/dead-letters?failedFrom=%2B999999999-12-31T23:59:59Z | failedFrom
          /api/v1/admin/dead-letters?failedTo=-999999999-01-01T00:00:00Z | failedTo
          /api/v1/admin/dead-letters?failedFrom=%00 | failedFrom
          /api/v1/admin/dead-letters?cursor=%00 | cursor
          /api/v1/admin/dead-letters?limit=99999999999 | limit
          /api/v1/callback-orphans?cursor=99999999999999999999 | cursor
          /api/v1/callback-orphans?cursor=%00 | cursor
          /api/v1/callback-orphans?adopted=%00 | adopted
          /api/v1/callback-orphans?platform=%00 | platform
          """)
  void aHostileQueryParameterIsA422NamingIt(String target, String parameter) {
    Api.Answer answer = api.withInvalidRequest().get(target, tokenFor(target));

    assertEquals(422, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertEquals("urn:takedown-gateway:problem:validation", answer.json().get("type"));
    assertEquals(List.of(parameter), fields(answer), answer.body());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/api/v1/cases/%00",
        "/api/v1/cases/not-a-uuid",
        "/api/v1/cases/99999999999999999999999999999999999999999999999999999999999999999999",
        "/api/v1/requests/%00",
        "/api/v1/requests/00000000-0000-0000-0000-00000000000%00",
        "/api/v1/requests/%27%20OR%201=1--"
      })
  void anIdThatIsNotAUuidIsA400Problem(String target) {
    Api.Answer answer = api.withInvalidRequest().get(target, officer);

    assertEquals(400, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertEquals("urn:takedown-gateway:problem:bad-request", answer.json().get("type"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/api/v1/requests/%00/retry",
        "/api/v1/requests/not-a-uuid/cancel",
        "/api/v1/requests/%00/extend-preservation"
      })
  void anActionOnAnIdThatIsNotAUuidIsA400Problem(String target) {
    Api.Answer answer = api.withInvalidRequest().post(target, officer, "");

    assertEquals(400, answer.status(), answer.body());
    assertEquals("urn:takedown-gateway:problem:bad-request", answer.json().get("type"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/api/v1/admin/partners/%00/resume",
        "/api/v1/admin/partners/meta%00/resume",
        "/webhooks/%00",
        "/webhooks/tiktok%00"
      })
  void aPartnerNameWithANulIsNotFound(String target) {
    Api.Answer answer =
        api.withInvalidRequest().post(target, target.contains("/admin/") ? admin : null, "{}");

    assertEquals(404, answer.status(), answer.body());
    assertEquals("urn:takedown-gateway:problem:not-found", answer.json().get("type"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/api/v1/requests?caseRef=" + "x",
        "/api/v1/events?after=9223372036854775807-9223372036854775807",
        "/api/v1/admin/dead-letters?failedFrom=0001-01-01T00:00:00Z&failedTo=9999-12-31T23:59:59Z"
      })
  void theExtremesOfWhatIsValidAreAnsweredNormally(String target) {
    String longRef = target.endsWith("caseRef=x") ? target + "x".repeat(2000) : target;

    Api.Answer answer = api.get(longRef, tokenFor(target));

    assertEquals(200, answer.status(), answer.body());
    assertEquals(List.of(), answer.list("items"));
  }

  private String tokenFor(String target) {
    if (target.contains("/admin/")) {
      return admin;
    }
    return target.contains("/events") ? submitter : officer;
  }

  private static List<String> fields(Api.Answer answer) {
    return answer.list("errors").stream()
        .map(e -> (String) e.get("field"))
        .collect(Collectors.toList());
  }
}
