package org.takedown.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.RawHttp;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.sandbox.MetaSimulator;

/**
 * Hostile HTTP rather than hostile content: bodies in another media type or followed by more text,
 * request lines and headers far over Netty's limits, header values with control characters. Every
 * one is a 4xx problem; and every answer, whatever it is, tells browsers not to sniff its type.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHttpIT implements TestPropertyProvider {

  private static final String CASES = "/api/v1/cases";
  private static final String BULK_RETRY = "/api/v1/admin/dead-letters/retry";

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  RawHttp raw;
  final String submitter = TestTokens.get().submitter("hostile-http");
  final String admin = TestTokens.get().admin("admin-1");

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    raw = new RawHttp(server, json);
  }

  /** Each JSON-body endpoint under /api, with a valid body and who may call it. */
  static Stream<Arguments> jsonEndpoints() {
    return Stream.of(Arguments.of(CASES), Arguments.of(BULK_RETRY));
  }

  private String tokenFor(String path) {
    return path.equals(CASES) ? submitter : admin;
  }

  private String validBody(String path) {
    return path.equals(CASES) ? api.toJson(Cases.sample()) : "{\"platform\": \"META\"}";
  }

  private int createdStatus(String path) {
    return path.equals(CASES) ? 201 : 200;
  }

  static Stream<Arguments> refusedContentTypes() {
    return jsonEndpoints()
        .flatMap(
            endpoint ->
                Stream.of(
                        "garbage",
                        "",
                        "missing",
                        "application/json; charset=bogus",
                        "application/json; charset=utf-16",
                        "application/json; charset=iso-8859-1",
                        "text/plain",
                        "application/x-www-form-urlencoded",
                        "application/problem+json",
                        "application/json, text/plain")
                    .map(type -> Arguments.of(endpoint.get()[0], type)));
  }

  @ParameterizedTest(name = "{0} with Content-Type [{1}]")
  @MethodSource("refusedContentTypes")
  void aJsonBodyInAnyOtherMediaTypeIsRefusedWithA415Problem(String path, String contentType) {
    RawHttp.Answer answer =
        raw.post(
            path,
            tokenFor(path),
            contentType.equals("missing") ? null : contentType,
            validBody(path));

    assertEquals(415, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertEquals("urn:takedown-gateway:problem:unsupported-media-type", answer.json().get("type"));
    assertEquals(415, answer.json().get("status"));
  }

  static Stream<Arguments> acceptedContentTypes() {
    return jsonEndpoints()
        .flatMap(
            endpoint ->
                Stream.of(
                        "application/json",
                        "application/json; charset=utf-8",
                        "Application/JSON;Charset=\"UTF-8\"")
                    .map(type -> Arguments.of(endpoint.get()[0], type)));
  }

  @ParameterizedTest(name = "{0} with Content-Type [{1}]")
  @MethodSource("acceptedContentTypes")
  void aJsonBodyIsReadInUtf8WithOrWithoutCharset(String path, String contentType) {
    RawHttp.Answer answer = raw.post(path, tokenFor(path), contentType, validBody(path));

    assertEquals(createdStatus(path), answer.status(), answer.body());
  }

  @Test
  void aBulkRetryWithoutABodyNeedsNoContentType() {
    RawHttp.Answer answer = raw.send("POST", BULK_RETRY, null, "Authorization", "Bearer " + admin);

    assertEquals(200, answer.status(), answer.body());
    assertEquals(Boolean.TRUE, answer.json().get("dryRun"));
  }

  static Stream<Arguments> trailingContent() {
    return jsonEndpoints()
        .flatMap(
            endpoint ->
                Stream.of(" trailing", "{}", " {\"dryRun\": false}", "]", " // comment", "\u0000")
                    .map(tail -> Arguments.of(endpoint.get()[0], tail)));
  }

  @ParameterizedTest(name = "{0} followed by [{1}]")
  @MethodSource("trailingContent")
  void aJsonValueFollowedByMoreTextIsRefusedWithA400Problem(String path, String tail) {
    Api.Answer answer = api.post(path, tokenFor(path), validBody(path) + tail);

    assertEquals(400, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertEquals("urn:takedown-gateway:problem:malformed-json", answer.json().get("type"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonEndpoints")
  void trailingWhiteSpaceIsNotMoreText(String path) {
    Api.Answer answer = api.post(path, tokenFor(path), validBody(path) + " \r\n\t ");

    assertEquals(createdStatus(path), answer.status(), answer.body());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonEndpoints")
  void aBodyThatIsNotUtf8OrNestsTooDeepIsRefusedWithA400Problem(String path) {
    byte[] latin1 = "{\"externalRef\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    RawHttp.Answer notUtf8 =
        raw.send(
            "POST",
            path,
            latin1,
            "Authorization",
            "Bearer " + tokenFor(path),
            "Content-Type",
            "application/json");
    assertEquals(400, notUtf8.status(), notUtf8.body());
    assertEquals("urn:takedown-gateway:problem:malformed-json", notUtf8.json().get("type"));

    byte[] utf16 = validBody(path).getBytes(StandardCharsets.UTF_16);
    RawHttp.Answer notUtf8Either =
        raw.send(
            "POST",
            path,
            utf16,
            "Authorization",
            "Bearer " + tokenFor(path),
            "Content-Type",
            "application/json");
    assertEquals(400, notUtf8Either.status(), notUtf8Either.body());
    assertEquals("urn:takedown-gateway:problem:malformed-json", notUtf8Either.json().get("type"));

    Api.Answer deep =
        api.withInvalidRequest().post(path, tokenFor(path), "[".repeat(5000) + "]".repeat(5000));
    assertEquals(400, deep.status(), deep.body());
    assertEquals("urn:takedown-gateway:problem:malformed-json", deep.json().get("type"));
  }

  @Test
  void aMemberNamedTwiceIsA400ProblemAndChangesNothing() {
    // last-wins would make this a real bulk retry where a reader of the first member sees a dry run
    Api.Answer retry =
        api.post(
            BULK_RETRY, admin, "{\"dryRun\": true, \"platform\": \"META\", \"dryRun\": false}");
    assertEquals(400, retry.status(), retry.body());
    assertEquals("urn:takedown-gateway:problem:malformed-json", retry.json().get("type"));

    Map<String, Object> body = Cases.sample();
    String twice = api.toJson(body).replaceFirst("\\{", "{\"externalRef\": \"EIB-SHADOW\", ");
    Api.Answer submitted = api.post(CASES, submitter, twice);
    assertEquals(400, submitted.status(), submitted.body());
    assertEquals("urn:takedown-gateway:problem:malformed-json", submitted.json().get("type"));
  }

  @Test
  void aRequestLineOf100KbIsAnswered414() {
    RawHttp.Answer answer =
        raw.send("GET", "/api/v1/requests?caseRef=" + "a".repeat(100_000), null);

    assertEquals(414, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    Map<String, Object> problem = answer.json();
    assertEquals("urn:takedown-gateway:problem:uri-too-long", problem.get("type"));
    assertEquals("URI too long", problem.get("title"));
    assertEquals(414, problem.get("status"));
    assertFalse(problem.containsKey("instance"), "Netty could not read the path: " + problem);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"X-Padding", "Authorization"})
  void aHeaderOf100KbIsAnswered431(String header) {
    String value = (header.equals("Authorization") ? "Bearer " : "") + "a".repeat(100_000);

    RawHttp.Answer answer =
        raw.send("GET", "/api/v1/requests", null, header, value, "Accept", "application/json");

    assertEquals(431, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    Map<String, Object> problem = answer.json();
    assertEquals("urn:takedown-gateway:problem:headers-too-large", problem.get("type"));
    assertEquals("Request header fields too large", problem.get("title"));
    assertEquals(431, problem.get("status"));
  }

  @Test
  void aBodyOverOneMebibyteIsStillAnswered413() {
    Map<String, Object> body = Cases.sample();
    body.put("padding", "p".repeat(1024 * 1024));

    Api.Answer answer = api.withInvalidRequest().post(CASES, submitter, api.toJson(body));

    assertEquals(413, answer.status(), answer.body());
    assertEquals("urn:takedown-gateway:problem:payload-too-large", answer.json().get("type"));
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"0000", "0001", "000B", "007F"})
  void aHeaderValueWithAControlCharacterIsABadRequestProblem(String codePoint) {
    String control = Character.toString(Integer.parseInt(codePoint, 16));

    RawHttp.Answer answer =
        raw.post(
            CASES,
            submitter,
            "application/json",
            api.toJson(Cases.sample()),
            "Idempotency-Key",
            "key" + control + "key");

    assertEquals(400, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertEquals("urn:takedown-gateway:problem:bad-request", answer.json().get("type"));
  }

  @Test
  void aJsonAnswerTellsBrowsersNotToSniff() {
    Api.Answer answer = api.get("/health", null);

    assertEquals(200, answer.status());
    assertEquals("nosniff", answer.header("X-Content-Type-Options"));
  }

  @Test
  void aProblemTellsBrowsersNotToSniff() {
    Api.Answer notFound = api.withInvalidRequest().get("/api/v1/nothing-here", submitter);
    Api.Answer unauthenticated = api.withInvalidRequest().get("/api/v1/requests", null);
    Api.Answer invalid =
        api.withInvalidRequest().get("/api/v1/requests?limit=0", TestTokens.get().officer("o-1"));

    for (Api.Answer problem : new Api.Answer[] {notFound, unauthenticated, invalid}) {
      assertEquals("application/problem+json", problem.header("Content-Type"), problem.body());
      assertEquals("nosniff", problem.header("X-Content-Type-Options"), problem.body());
    }
  }

  @Test
  void theMetaHandshakeEchoTellsBrowsersNotToSniff() {
    Api.Answer answer =
        api.get(
            "/webhooks/meta?hub.mode=subscribe&hub.verify_token="
                + MetaSimulator.VERIFY_TOKEN
                + "&hub.challenge=%3Cscript%3Ealert(1)%3C/script%3E",
            null);

    assertEquals(200, answer.status(), answer.body());
    assertEquals("<script>alert(1)</script>", answer.body());
    assertTrue(
        answer.header("Content-Type").startsWith("text/plain"), answer.header("Content-Type"));
    assertEquals("nosniff", answer.header("X-Content-Type-Options"));
  }

  @Test
  void theMetricsTellBrowsersNotToSniff() {
    Api.Answer answer = api.get("/metrics", null);

    assertEquals(200, answer.status());
    assertEquals("nosniff", answer.header("X-Content-Type-Options"));
  }

  @Test
  void theAnswersToOversizedRequestsTellBrowsersNotToSniff() {
    RawHttp.Answer line = raw.send("GET", "/" + "a".repeat(100_000), null);
    RawHttp.Answer header = raw.send("GET", "/health", null, "X-Padding", "a".repeat(100_000));

    assertEquals("nosniff", line.header("X-Content-Type-Options"), line.headers().toString());
    assertEquals("nosniff", header.header("X-Content-Type-Options"), header.headers().toString());
  }
}
