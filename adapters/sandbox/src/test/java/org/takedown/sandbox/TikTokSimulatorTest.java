package org.takedown.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.sandbox.SandboxHttp.json;
import static org.takedown.sandbox.SandboxHttp.object;
import static org.takedown.sandbox.SandboxHttp.toJson;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.testing.MutableClock;

class TikTokSimulatorTest {

  private static final Instant START = Instant.parse("2024-06-20T12:00:00Z");

  private static MutableClock clock;
  private static PartnerSandbox sandbox;
  private static TikTokSimulator tiktok;
  private final SandboxHttp http = new SandboxHttp();

  @BeforeAll
  static void start() {
    clock = new MutableClock(START);
    sandbox = PartnerSandbox.start(SandboxOptions.builder().clock(clock).build());
    tiktok = sandbox.tiktok();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    tiktok.reset();
  }

  private HttpResponse<String> requestToken(String key, String secret, String grantType)
      throws Exception {
    return http.postForm(
        tiktok.baseUrl() + "/v2/oauth/token/",
        Map.of("client_key", key, "client_secret", secret, "grant_type", grantType));
  }

  private String token() throws Exception {
    return (String)
        json(requestToken(
                TikTokSimulator.CLIENT_KEY, TikTokSimulator.CLIENT_SECRET, "client_credentials"))
            .get("access_token");
  }

  private HttpResponse<String> create(String token, Map<String, Object> body) throws Exception {
    return http.postJson(tiktok.baseUrl() + "/v2/legal/requests/", token, toJson(body));
  }

  private HttpResponse<String> query(String token, List<String> ids) throws Exception {
    return http.postJson(
        tiktok.baseUrl() + "/v2/legal/requests/query/", token, toJson(Map.of("request_ids", ids)));
  }

  private static String requestId(HttpResponse<String> response) {
    return (String) object(json(response), "data").get("request_id");
  }

  @Test
  void issuesABearerTokenForTheSandboxClientCredentials() throws Exception {
    HttpResponse<String> response =
        requestToken(
            TikTokSimulator.CLIENT_KEY, TikTokSimulator.CLIENT_SECRET, "client_credentials");

    assertEquals(200, response.statusCode());
    Map<String, Object> body = json(response);
    assertTrue(((String) body.get("access_token")).startsWith("clt."));
    assertEquals(7200L, body.get("expires_in"));
    assertEquals("Bearer", body.get("token_type"));
  }

  @ParameterizedTest
  @CsvSource({
    "sandbox-tiktok-client-key, wrong-secret",
    "wrong-key, sandbox-tiktok-client-secret",
  })
  void refusesWrongClientCredentialsWithInvalidClient(String key, String secret) throws Exception {
    HttpResponse<String> response = requestToken(key, secret, "client_credentials");

    assertEquals(401, response.statusCode());
    Map<String, Object> body = json(response);
    assertEquals("invalid_client", body.get("error"));
    assertTrue(body.containsKey("log_id"));
  }

  @Test
  void refusesAnotherGrantType() throws Exception {
    HttpResponse<String> response =
        requestToken(TikTokSimulator.CLIENT_KEY, TikTokSimulator.CLIENT_SECRET, "password");

    assertEquals(400, response.statusCode());
    assertEquals("unsupported_grant_type", json(response).get("error"));
  }

  @Test
  void createsARequestInTheOkEnvelope() throws Exception {
    String reference = UUID.randomUUID().toString();

    HttpResponse<String> response = create(token(), Submissions.tiktok(reference));

    assertEquals(200, response.statusCode());
    Map<String, Object> error = object(json(response), "error");
    assertEquals("ok", error.get("code"));
    assertEquals("", error.get("message"));
    assertTrue(((String) error.get("log_id")).length() > 0);
    String id = requestId(response);
    assertTrue(id.matches("[0-9]{19}"), id);
    assertEquals(id, tiktok.request(reference).orElseThrow().id());
    assertEquals("PENDING", tiktok.request(reference).orElseThrow().status());
  }

  @Test
  void theSameClientReferenceAgainIs409DuplicateRequestWithTheExistingId() throws Exception {
    String token = token();
    String reference = UUID.randomUUID().toString();
    String first = requestId(create(token, Submissions.tiktok(reference)));

    HttpResponse<String> again = create(token, Submissions.tiktok(reference));

    assertEquals(409, again.statusCode());
    assertEquals("duplicate_request", object(json(again), "error").get("code"));
    assertEquals(first, requestId(again));
    assertEquals(1, tiktok.requestCount());
    assertEquals(2, tiktok.createCallsFor(reference));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"clt.never-issued"})
  void refusesACreateWithoutAnIssuedTokenWithAccessTokenInvalid(String token) throws Exception {
    HttpResponse<String> response = create(token, Submissions.tiktok(UUID.randomUUID().toString()));

    assertEquals(401, response.statusCode());
    assertEquals("access_token_invalid", object(json(response), "error").get("code"));
    assertEquals(0, tiktok.requestCount());
  }

  @Test
  void aTokenExpiresAfter7200SecondsOnTheSandboxClock() throws Exception {
    String token = token();
    clock.advance(Duration.ofSeconds(7199));
    assertEquals(200, create(token, Submissions.tiktok(UUID.randomUUID().toString())).statusCode());

    clock.advance(Duration.ofSeconds(1));

    HttpResponse<String> expired = create(token, Submissions.tiktok(UUID.randomUUID().toString()));
    assertEquals(401, expired.statusCode());
    assertEquals("access_token_invalid", object(json(expired), "error").get("code"));
    assertEquals(
        200, create(token(), Submissions.tiktok(UUID.randomUUID().toString())).statusCode());
  }

  @Test
  void invalidatedTokensAreRefusedAndANewTokenWorks() throws Exception {
    String token = token();
    tiktok.invalidateTokens();

    HttpResponse<String> refused = create(token, Submissions.tiktok(UUID.randomUUID().toString()));

    assertEquals(401, refused.statusCode());
    assertEquals("access_token_invalid", object(json(refused), "error").get("code"));
    assertEquals(
        200, create(token(), Submissions.tiktok(UUID.randomUUID().toString())).statusCode());
  }

  @Test
  void tokensSurviveAReset() throws Exception {
    String token = token();

    tiktok.reset();

    assertEquals(200, create(token, Submissions.tiktok(UUID.randomUUID().toString())).statusCode());
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "client_reference, NULL",
        "target_url, ''",
        "request_type, CONTENT_REMOVAL",
        "category, FRAUD_SCAM",
        "category, NULL",
      })
  void refusesBadParamsWithInvalidParams(String field, String value) throws Exception {
    Map<String, Object> body = Submissions.tiktok(UUID.randomUUID().toString());
    if (value == null) {
      body.remove(field);
    } else {
      body.put(field, value);
    }

    HttpResponse<String> response = create(token(), body);

    assertEquals(400, response.statusCode());
    Map<String, Object> error = object(json(response), "error");
    assertEquals("invalid_params", error.get("code"));
    assertTrue(((String) error.get("message")).contains(field));
    assertEquals(0, tiktok.requestCount());
  }

  @Test
  void queryAnswersPendingWithNullResultAndUnixUpdateTime() throws Exception {
    String token = token();
    String a = requestId(create(token, Submissions.tiktok(UUID.randomUUID().toString())));
    String b = requestId(create(token, Submissions.tiktok(UUID.randomUUID().toString())));

    HttpResponse<String> response = query(token, List.of(a, b));

    assertEquals(200, response.statusCode());
    Map<String, Object> body = json(response);
    assertEquals("ok", object(body, "error").get("code"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> requests =
        (List<Map<String, Object>>) object(body, "data").get("requests");
    assertEquals(2, requests.size());
    Map<String, Object> first = requests.get(0);
    assertEquals(a, first.get("request_id"));
    assertEquals("PENDING", first.get("status"));
    assertTrue(first.containsKey("result"));
    assertNull(first.get("result"));
    assertTrue(first.containsKey("preserve_expire_time"));
    assertEquals(START.getEpochSecond(), first.get("update_time"));
    assertEquals(b, requests.get(1).get("request_id"));
  }

  @Test
  void queryLeavesOutUnknownIds() throws Exception {
    String token = token();
    String known = requestId(create(token, Submissions.tiktok(UUID.randomUUID().toString())));

    HttpResponse<String> response = query(token, List.of("7000000000000000000", known));

    List<?> requests = (List<?>) object(json(response), "data").get("requests");
    assertEquals(1, requests.size());
  }

  @Test
  void queryOfMoreThanTwentyIdsIsInvalidParams() throws Exception {
    List<String> ids = new ArrayList<>();
    IntStream.range(0, 21).forEach(i -> ids.add("70000000000000000" + (10 + i)));

    HttpResponse<String> response = query(token(), ids);

    assertEquals(400, response.statusCode());
    assertEquals("invalid_params", object(json(response), "error").get("code"));
    assertEquals(200, query(token(), ids.subList(0, 20)).statusCode());
  }

  @Test
  void queryRequiresAValidToken() throws Exception {
    HttpResponse<String> response = query("clt.unknown", List.of("7000000000000000000"));

    assertEquals(401, response.statusCode());
    assertEquals("access_token_invalid", object(json(response), "error").get("code"));
    assertFalse(tiktok.createCalls() > 0, "a query is no create call");
  }
}
