package org.takedown.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.sandbox.SandboxHttp.json;
import static org.takedown.sandbox.SandboxHttp.object;
import static org.takedown.sandbox.SandboxHttp.toJson;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.testing.MutableClock;

class MetaSimulatorTest {

  private static final Instant NOW = Instant.parse("2024-06-20T12:00:00.123Z");

  private static PartnerSandbox sandbox;
  private static MetaSimulator meta;
  private final SandboxHttp http = new SandboxHttp();

  @BeforeAll
  static void start() {
    sandbox = PartnerSandbox.start(SandboxOptions.builder().clock(new MutableClock(NOW)).build());
    meta = sandbox.meta();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    meta.reset();
  }

  private String createUrl() {
    return meta.baseUrl() + "/v21.0/" + MetaSimulator.AGENCY_ID + "/legal_requests";
  }

  private HttpResponse<String> create(String token, Map<String, Object> body) throws Exception {
    return http.postJson(createUrl(), token, toJson(body));
  }

  @Test
  void createsARequestWithANewSixteenDigitNumericId() throws Exception {
    String reference = UUID.randomUUID().toString();

    HttpResponse<String> response = create(MetaSimulator.ACCESS_TOKEN, Submissions.meta(reference));

    assertEquals(200, response.statusCode());
    Map<String, Object> body = json(response);
    assertEquals(Set.of("id"), body.keySet());
    String id = (String) body.get("id");
    assertTrue(id.matches("[1-9][0-9]{15}"), id);
    SandboxRequest stored = meta.request(reference).orElseThrow();
    assertEquals(id, stored.id());
    assertEquals("RECEIVED", stored.status());
    assertEquals("FRAUD_SCAM", stored.submitted().get("violation_type"));
    assertEquals(NOW, stored.createdAt());
    assertEquals(1, meta.requestCount());
  }

  @Test
  void theSameExternalIdAgainReturnsTheSameIdMarkedDuplicate() throws Exception {
    String reference = UUID.randomUUID().toString();
    String first =
        (String) json(create(MetaSimulator.ACCESS_TOKEN, Submissions.meta(reference))).get("id");

    HttpResponse<String> again = create(MetaSimulator.ACCESS_TOKEN, Submissions.meta(reference));

    assertEquals(200, again.statusCode());
    assertEquals(Map.of("id", first, "duplicate", true), json(again));
    assertEquals(1, meta.requestCount());
    assertEquals(2, meta.createCallsFor(reference));
  }

  @Test
  void differentExternalIdsCreateDifferentRequests() throws Exception {
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();

    Object idA = json(create(MetaSimulator.ACCESS_TOKEN, Submissions.meta(a))).get("id");
    Object idB = json(create(MetaSimulator.ACCESS_TOKEN, Submissions.meta(b))).get("id");

    assertFalse(idA.equals(idB));
    assertEquals(2, meta.requestCount());
    assertEquals(Set.of(a, b), meta.references());
    assertEquals(2, meta.createCalls());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"wrong-token", "sandbox-meta-token-but-longer"})
  void refusesACallWithoutTheSandboxTokenWithGraphCode190(String token) throws Exception {
    String reference = UUID.randomUUID().toString();

    HttpResponse<String> response = create(token, Submissions.meta(reference));

    assertEquals(401, response.statusCode());
    Map<String, Object> error = object(json(response), "error");
    assertEquals(190L, error.get("code"));
    assertEquals("OAuthException", error.get("type"));
    assertEquals(0, meta.requestCount());
    assertEquals(1, meta.createCallsFor(reference), "a refused call is still a call received");
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "external_id, NULL",
        "external_id, ''",
        "content_url, NULL",
        "request_type, NULL",
        "request_type, TAKEDOWN",
        "violation_type, NULL",
        "violation_type, FRAUD",
      })
  void refusesMissingOrInvalidRequiredFieldsWithGraphCode100(String field, String value)
      throws Exception {
    Map<String, Object> body = Submissions.meta(UUID.randomUUID().toString());
    if (value == null) {
      body.remove(field);
    } else {
      body.put(field, value);
    }

    HttpResponse<String> response = create(MetaSimulator.ACCESS_TOKEN, body);

    assertEquals(400, response.statusCode());
    Map<String, Object> error = object(json(response), "error");
    assertEquals(100L, error.get("code"));
    assertTrue(((String) error.get("message")).contains(field), (String) error.get("message"));
    assertEquals(false, error.get("is_transient"));
    assertEquals(0, meta.requestCount());
  }

  @Test
  void refusesABodyThatIsNoJsonObjectWithGraphCode100() throws Exception {
    HttpResponse<String> response = http.postJson(createUrl(), MetaSimulator.ACCESS_TOKEN, "[1]");

    assertEquals(400, response.statusCode());
    assertEquals(100L, object(json(response), "error").get("code"));
  }

  @Test
  void readsTheStatusWithTheRequestedFieldsThatHaveAValue() throws Exception {
    Object id =
        json(create(MetaSimulator.ACCESS_TOKEN, Submissions.meta(UUID.randomUUID().toString())))
            .get("id");

    HttpResponse<String> response =
        http.get(
            meta.baseUrl()
                + "/v21.0/"
                + id
                + "?fields=id,status,outcome,updated_time,preserved_until,decline_reason",
            MetaSimulator.ACCESS_TOKEN);

    assertEquals(200, response.statusCode());
    assertEquals(
        Map.of("id", id, "status", "RECEIVED", "updated_time", "2024-06-20T12:00:00Z"),
        json(response));
  }

  @Test
  void readsOnlyTheFieldsAsked() throws Exception {
    Object id =
        json(create(MetaSimulator.ACCESS_TOKEN, Submissions.meta(UUID.randomUUID().toString())))
            .get("id");

    HttpResponse<String> response =
        http.get(meta.baseUrl() + "/v21.0/" + id + "?fields=status", MetaSimulator.ACCESS_TOKEN);

    assertEquals(Map.of("id", id, "status", "RECEIVED"), json(response));
  }

  @Test
  void readingAnUnknownIdIsGraphCode100() throws Exception {
    HttpResponse<String> response =
        http.get(
            meta.baseUrl() + "/v21.0/1784000000000000?fields=status", MetaSimulator.ACCESS_TOKEN);

    assertEquals(400, response.statusCode());
    Map<String, Object> error = object(json(response), "error");
    assertEquals(100L, error.get("code"));
    assertEquals(33L, error.get("error_subcode"));
  }

  @Test
  void readingAFieldLegalRequestsDoNotHaveIsGraphCode100() throws Exception {
    Object id =
        json(create(MetaSimulator.ACCESS_TOKEN, Submissions.meta(UUID.randomUUID().toString())))
            .get("id");

    HttpResponse<String> response =
        http.get(
            meta.baseUrl() + "/v21.0/" + id + "?fields=status,owner", MetaSimulator.ACCESS_TOKEN);

    assertEquals(400, response.statusCode());
    assertEquals(100L, object(json(response), "error").get("code"));
  }

  @Test
  void readingRequiresTheAccessToken() throws Exception {
    Object id =
        json(create(MetaSimulator.ACCESS_TOKEN, Submissions.meta(UUID.randomUUID().toString())))
            .get("id");

    HttpResponse<String> response = http.get(meta.baseUrl() + "/v21.0/" + id, "wrong-token");

    assertEquals(401, response.statusCode());
    assertEquals(190L, object(json(response), "error").get("code"));
  }

  @Test
  void theStatusReadIsNoCreateCall() throws Exception {
    String reference = UUID.randomUUID().toString();
    Object id = json(create(MetaSimulator.ACCESS_TOKEN, Submissions.meta(reference))).get("id");

    http.get(meta.baseUrl() + "/v21.0/" + id, MetaSimulator.ACCESS_TOKEN);

    assertEquals(1, meta.createCalls());
    assertNull(meta.request("unknown").orElse(null));
  }
}
