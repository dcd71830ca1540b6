package org.takedown.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.sandbox.SandboxHttp.json;
import static org.takedown.sandbox.SandboxHttp.object;
import static org.takedown.sandbox.SandboxHttp.toJson;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.testing.MutableClock;

class GoogleSimulatorTest {

  private static final Instant NOW = Instant.parse("2024-06-20T12:00:00Z");

  private static PartnerSandbox sandbox;
  private static GoogleSimulator google;
  private static GoogleServiceAccountKey key;
  private final SandboxHttp http = new SandboxHttp();

  @BeforeAll
  static void start() throws Exception {
    sandbox = PartnerSandbox.start(SandboxOptions.builder().clock(new MutableClock(NOW)).build());
    google = sandbox.google();
    key = GoogleServiceAccountKey.read(google.serviceAccountFile());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    google.reset();
  }

  private HttpResponse<String> exchange(String assertion) throws Exception {
    return http.postForm(
        key.tokenUri(), Map.of("grant_type", GoogleApi.JWT_BEARER, "assertion", assertion));
  }

  private String token() throws Exception {
    return (String) json(exchange(key.sign(key.claims(NOW).build()))).get("access_token");
  }

  private HttpResponse<String> create(String token, String requestId, Map<String, Object> body)
      throws Exception {
    String query = requestId == null ? "" : "?requestId=" + requestId;
    return http.postJson(google.baseUrl() + "/v1/legalRequests" + query, token, toJson(body));
  }

  @Test
  void writesAServiceAccountKeyFileWhoseTokenUriIsTheSimulator() throws Exception {
    Map<String, Object> file = key.file();

    assertEquals("service_account", file.get("type"));
    assertEquals(GoogleSimulator.CLIENT_EMAIL, file.get("client_email"));
    assertEquals(google.privateKeyId(), file.get("private_key_id"));
    assertEquals(google.baseUrl() + "/token", file.get("token_uri"));
    assertTrue(((String) file.get("private_key")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    assertEquals("RSA", key.key().getAlgorithm());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(google.serviceAccountFile())));
    assertEquals(
        google.serviceAccountFile().toString(),
        google.gatewayProperties().get("gateway.partners.google.service-account-file"));
  }

  @Test
  void grantsATokenForAnAssertionSignedWithTheKeyFileKey() throws Exception {
    HttpResponse<String> response = exchange(key.sign(key.claims(NOW).build()));

    assertEquals(200, response.statusCode());
    Map<String, Object> body = json(response);
    assertTrue(((String) body.get("access_token")).startsWith("ya29."));
    assertEquals(3599L, body.get("expires_in"));
    assertEquals("Bearer", body.get("token_type"));
  }

  @Test
  void refusesAnAssertionSignedWithAnotherKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    PrivateKey otherKey = generator.generateKeyPair().getPrivate();

    HttpResponse<String> response =
        exchange(GoogleServiceAccountKey.sign(key.claims(NOW).build(), key.keyId(), otherKey));

    assertEquals(400, response.statusCode());
    Map<String, Object> body = json(response);
    assertEquals("invalid_grant", body.get("error"));
    assertEquals("Invalid JWT Signature.", body.get("error_description"));
  }

  static Stream<Arguments> wrongClaims() {
    return Stream.of(
        Arguments.of(
            "another issuer",
            claims(c -> c.issuer("someone@else.iam.gserviceaccount.com")),
            "account not found"),
        Arguments.of(
            "another audience",
            claims(c -> c.audience("https://oauth2.googleapis.com/token")),
            "audience"),
        Arguments.of("no scope", claims(c -> c.claim("scope", null)), "scope"),
        Arguments.of(
            "expired", claims(c -> c.issueTime(at(-3700)).expirationTime(at(-100))), "short-lived"),
        Arguments.of("longer than an hour", claims(c -> c.expirationTime(at(3601))), "short-lived"),
        Arguments.of("no issue time", claims(c -> c.issueTime(null)), "short-lived"));
  }

  private static UnaryOperator<JWTClaimsSet.Builder> claims(
      UnaryOperator<JWTClaimsSet.Builder> change) {
    return change;
  }

  private static Date at(long secondsFromNow) {
    return Date.from(NOW.plusSeconds(secondsFromNow));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongClaims")
  void refusesAnAssertionWithWrongClaims(
      String what, UnaryOperator<JWTClaimsSet.Builder> change, String described) throws Exception {
    HttpResponse<String> response = exchange(key.sign(change.apply(key.claims(NOW)).build()));

    assertEquals(400, response.statusCode());
    Map<String, Object> body = json(response);
    assertEquals("invalid_grant", body.get("error"));
    assertTrue(
        ((String) body.get("error_description")).contains(described),
        (String) body.get("error_description"));
  }

  @Test
  void refusesAnAssertionWhoseKeyIdIsNotThePrivateKeyId() throws Exception {
    HttpResponse<String> response =
        exchange(
            GoogleServiceAccountKey.sign(key.claims(NOW).build(), "another-key-id", key.key()));

    assertEquals(400, response.statusCode());
    assertEquals("invalid_grant", json(response).get("error"));
  }

  @Test
  void refusesAnotherGrantType() throws Exception {
    HttpResponse<String> response =
        http.postForm(key.tokenUri(), Map.of("grant_type", "client_credentials"));

    assertEquals(400, response.statusCode());
    assertEquals("unsupported_grant_type", json(response).get("error"));
  }

  @Test
  void createReturnsAReceivedOperationNamingTheLegalRequest() throws Exception {
    String requestId = UUID.randomUUID().toString();

    HttpResponse<String> response = create(token(), requestId, Submissions.google());

    assertEquals(200, response.statusCode());
    Map<String, Object> operation = json(response);
    assertTrue(((String) operation.get("name")).matches("operations/lr-[0-9a-f]+"));
    assertEquals(false, operation.get("done"));
    Map<String, Object> metadata = object(operation, "metadata");
    assertTrue(((String) metadata.get("legalRequest")).matches("legalRequests/[0-9]+"));
    assertEquals("RECEIVED", metadata.get("state"));
    assertEquals(NOW.toString(), metadata.get("createTime"));
    SandboxRequest stored = google.request(requestId).orElseThrow();
    assertEquals(metadata.get("legalRequest"), stored.id());
    assertEquals("YOUTUBE", stored.submitted().get("product"));
  }

  @Test
  void theSameRequestIdReturnsTheSameOperation() throws Exception {
    String token = token();
    String requestId = UUID.randomUUID().toString();
    Map<String, Object> first = json(create(token, requestId, Submissions.google()));

    HttpResponse<String> again = create(token, requestId, Submissions.google());

    assertEquals(200, again.statusCode());
    assertEquals(first, json(again));
    assertEquals(1, google.requestCount());
    assertEquals(2, google.createCallsFor(requestId));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ya29.never-issued"})
  void refusesACreateWithoutAValidTokenWithUnauthenticated(String token) throws Exception {
    HttpResponse<String> response =
        create(token.isEmpty() ? null : token, UUID.randomUUID().toString(), Submissions.google());

    assertEquals(401, response.statusCode());
    Map<String, Object> error = object(json(response), "error");
    assertEquals(401L, error.get("code"));
    assertEquals("UNAUTHENTICATED", error.get("status"));
    assertEquals(0, google.requestCount());
  }

  @Test
  void invalidatedTokensAreRefused() throws Exception {
    String token = token();
    google.invalidateTokens();

    HttpResponse<String> response =
        create(token, UUID.randomUUID().toString(), Submissions.google());

    assertEquals(401, response.statusCode());
    assertEquals(
        200, create(token(), UUID.randomUUID().toString(), Submissions.google()).statusCode());
  }

  @Test
  void refusesACreateWithoutRequestIdWithInvalidArgument() throws Exception {
    HttpResponse<String> response = create(token(), null, Submissions.google());

    assertEquals(400, response.statusCode());
    assertEquals("INVALID_ARGUMENT", object(json(response), "error").get("status"));
    assertEquals(1, google.createCalls());
    assertTrue(google.references().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"contentUri", "requestType"})
  void refusesACreateWithoutARequiredFieldWithInvalidArgument(String field) throws Exception {
    Map<String, Object> body = Submissions.google();
    body.remove(field);

    HttpResponse<String> response = create(token(), UUID.randomUUID().toString(), body);

    assertEquals(400, response.statusCode());
    Map<String, Object> error = object(json(response), "error");
    assertEquals(400L, error.get("code"));
    assertEquals("INVALID_ARGUMENT", error.get("status"));
    assertTrue(((String) error.get("message")).contains(field));
    assertEquals(0, google.requestCount());
  }

  @Test
  void refusesAnUnknownCategoryWithInvalidArgument() throws Exception {
    Map<String, Object> body = Submissions.google();
    body.put("category", "FRAUD");

    HttpResponse<String> response = create(token(), UUID.randomUUID().toString(), body);

    assertEquals(400, response.statusCode());
    assertEquals("INVALID_ARGUMENT", object(json(response), "error").get("status"));
  }

  @Test
  void pollsTheOperation() throws Exception {
    String token = token();
    Map<String, Object> created =
        json(create(token, UUID.randomUUID().toString(), Submissions.google()));

    HttpResponse<String> response =
        http.get(google.baseUrl() + "/v1/" + created.get("name"), token);

    assertEquals(200, response.statusCode());
    assertEquals(created, json(response));
  }

  @Test
  void pollingAnUnknownOperationIsNotFound() throws Exception {
    HttpResponse<String> response =
        http.get(google.baseUrl() + "/v1/operations/lr-ffffffffff", token());

    assertEquals(404, response.statusCode());
    assertEquals("NOT_FOUND", object(json(response), "error").get("status"));
    assertFalse(google.createCalls() > 0);
  }

  @Test
  void pollingRequiresAValidToken() throws Exception {
    Map<String, Object> created =
        json(create(token(), UUID.randomUUID().toString(), Submissions.google()));

    HttpResponse<String> response =
        http.get(google.baseUrl() + "/v1/" + created.get("name"), "ya29.unknown");

    assertEquals(401, response.statusCode());
  }
}
