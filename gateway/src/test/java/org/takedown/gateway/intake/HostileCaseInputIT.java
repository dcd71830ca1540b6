package org.takedown.gateway.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
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

/**
 * Case submissions built to break the gateway rather than to report content: NUL and other control
 * characters in every text field, dates PostgreSQL cannot hold, URLs with credentials or encoded
 * control characters. Each must end in a 422 problem naming every bad field, and leave nothing
 * stored (GATEWAY-API.md "Errors"), never in a 500.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCaseInputIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  Api api;
  RawHttp raw;
  long storedBefore;
  final String submitter = TestTokens.get().submitter("hostile-submitter");
  final String officer = TestTokens.get().officer("officer-1");

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    raw = new RawHttp(server, json);
  }

  @BeforeEach
  void countWhatIsStored() {
    storedBefore = stored();
  }

  /** Every text field of a case, each with a way to set it in a submission. */
  static Stream<Arguments> textFields() {
    return Stream.of(
        field("externalRef", (body, value) -> body.put("externalRef", value)),
        field("legalBasis.law", (body, value) -> nested(body, "legalBasis").put("law", value)),
        field(
            "legalBasis.article",
            (body, value) -> nested(body, "legalBasis").put("article", value)),
        field(
            "legalBasis.authorizationRef",
            (body, value) -> nested(body, "legalBasis").put("authorizationRef", value)),
        field("requestedBy.name", (body, value) -> nested(body, "requestedBy").put("name", value)),
        field(
            "requestedBy.email",
            (body, value) -> nested(body, "requestedBy").put("email", value + "@bnpj.test")),
        field("requestedBy.unit", (body, value) -> nested(body, "requestedBy").put("unit", value)),
        field("items[0].note", (body, value) -> firstItem(body).put("note", value)),
        field(
            "items[0].url",
            (body, value) ->
                firstItem(body).put("url", "https://www.tiktok.com/@x/video/" + value)),
        field(
            "items[0].evidenceSha256",
            (body, value) -> firstItem(body).put("evidenceSha256", value)),
        field("items[0].observedAt", (body, value) -> firstItem(body).put("observedAt", value)));
  }

  /** Puts a value in one field of a submission. */
  interface Setter {
    void accept(Map<String, Object> body, String value);
  }

  private static Arguments field(String path, Setter setter) {
    return Arguments.of(path, Named.of("setter", setter));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textFields")
  void aNulInAnyTextFieldIsRefusedWithA422NamingIt(String field, Setter setter) {
    Map<String, Object> body = Cases.sample();
    setter.accept(body, "7312345678\u0000901234567");

    Api.Answer answer = submitInvalid(body);

    assertEquals(422, answer.status(), answer.body());
    assertEquals("urn:takedown-gateway:problem:validation", answer.json().get("type"));
    assertEquals(Set.of(field), fields(answer), answer.body());
    assertNothingStored(body);
  }

  @Test
  void everyFieldHoldingANulIsNamedInOneAnswer() {
    Map<String, Object> body = Cases.sample();
    textFields()
        .forEach(
            arguments -> {
              @SuppressWarnings("unchecked")
              Setter setter = ((Named<Setter>) arguments.get()[1]).getPayload();
              setter.accept(body, "a\u0000b");
            });

    Api.Answer answer = submitInvalid(body);

    assertEquals(422, answer.status(), answer.body());
    Set<String> expected =
        textFields().map(arguments -> (String) arguments.get()[0]).collect(Collectors.toSet());
    assertEquals(expected, fields(answer), answer.body());
    assertNothingStored(body);
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"0001", "0008", "0009", "000A", "000D", "001B", "001F", "007F", "0085"})
  void otherControlCharactersAreRefusedInSingleLineFields(String codePoint) {
    Map<String, Object> body = Cases.sample();
    String control = Character.toString(Integer.parseInt(codePoint, 16));
    body.put("externalRef", "EIB-" + control + UUID.randomUUID());
    nested(body, "requestedBy").put("name", "Cdt." + control + "Benali");

    Api.Answer answer = submit(body);

    assertEquals(422, answer.status(), answer.body());
    assertEquals(Set.of("externalRef", "requestedBy.name"), fields(answer), answer.body());
    assertNothingStored(body);
  }

  @Test
  void aNoteMayHoldTabsAndLineBreaksButNoOtherControlCharacter() {
    Map<String, Object> multiLine = Cases.sample();
    firstItem(multiLine).put("note", "first line\r\n\tsecond line\nthird");
    assertEquals(201, submit(multiLine).status());

    Map<String, Object> escape = Cases.sample();
    firstItem(escape).put("note", "colour \u001B[31mred");
    Api.Answer refused = submit(escape);
    assertEquals(422, refused.status(), refused.body());
    assertEquals(Set.of("items[0].note"), fields(refused));
  }

  @Test
  void anUnpairedSurrogateIsRefusedRatherThanStoredAsAQuestionMark() {
    Map<String, Object> body = Cases.sample();
    String externalRef = "EIB-\uD800-" + UUID.randomUUID();
    body.put("externalRef", externalRef);

    Api.Answer answer = submit(body);

    assertEquals(422, answer.status(), answer.body());
    assertEquals(Set.of("externalRef"), fields(answer));
  }

  @Test
  void formatCharactersOfArabicTextAreKept() {
    Map<String, Object> body = Cases.sample();
    // a right-to-left mark between Arabic and Latin text, as officers' names are written
    nested(body, "requestedBy").put("name", "عبد الله\u200F Benali");

    assertEquals(201, submit(body).status());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "+999999999-12-31T23:59:59Z",
        "-999999999-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z",
        "0000-12-31T23:59:59Z",
        "-0001-06-01T00:00:00Z",
        "0001-01-01T00:30:00+01:00"
      })
  void anObservedAtOutsideTheYears0001To9999IsRefusedNamingTheField(String observedAt) {
    Map<String, Object> body = Cases.sample();
    firstItem(body).put("observedAt", observedAt);

    Api.Answer answer = submitInvalid(body);

    assertEquals(422, answer.status(), answer.body());
    assertEquals(Set.of("items[0].observedAt"), fields(answer), answer.body());
    assertNothingStored(body);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z"})
  void theFirstAndLastInstantsOfThoseYearsAreAccepted(String observedAt) {
    Map<String, Object> body = Cases.sample();
    firstItem(body).put("observedAt", observedAt);

    Api.Answer answer = submit(body);

    assertEquals(201, answer.status(), answer.body());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "https://user:secret@www.tiktok.com/@x/video/7312345678901234567",
        "https://secret@www.instagram.com/reel/C8xYz12AbCd/",
        "https://:secret@youtu.be/dQw4w9WgXcQ"
      })
  void aUrlWithCredentialsIsRefusedAndTheSecretNeitherStoredNorRepeated(String url) {
    Map<String, Object> body = Cases.sample();
    firstItem(body).put("url", url);

    Api.Answer answer = submit(body);

    assertEquals(422, answer.status(), answer.body());
    assertEquals(Set.of("items[0].url"), fields(answer), answer.body());
    assertFalse(
        answer.body().contains("secret"), "the problem repeats no secret: " + answer.body());
    assertNothingStored(body);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "https://www.tiktok.com/@x/video/7312345678901234567%00",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ%0d%0aSet-Cookie:x",
        "https://www.tiktok.com/@x/video/7312345678901234567\u001F",
        "https://www.tiktok.com/@x/video/7312345678901234567\u0000"
      })
  void aUrlWithAControlCharacterEncodedOrNotIsRefused(String url) {
    Map<String, Object> body = Cases.sample();
    firstItem(body).put("url", url);

    Api.Answer answer = submitInvalid(body);

    assertEquals(422, answer.status(), answer.body());
    assertEquals(Set.of("items[0].url"), fields(answer), answer.body());
    assertNothingStored(body);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"key\u0001", "key\u007F", "key\tkey", "key\u0085"})
  void anIdempotencyKeyWithControlCharactersIsRefusedNamingTheHeader(String key) {
    // Netty itself refuses NUL, most C0 characters and DEL in a header value with a 400 problem
    // (HostileHttpIT); what it lets through reaches the gateway's own rule
    Map<String, Object> body = Cases.sample();

    RawHttp.Answer answer =
        raw.post(
            "/api/v1/cases",
            submitter,
            "application/json",
            api.toJson(body),
            "Idempotency-Key",
            key);

    assertTrue(answer.status() == 400 || answer.status() == 422, answer.body());
    if (answer.status() == 422) {
      assertEquals(Set.of("Idempotency-Key"), fields(answer), answer.body());
    } else {
      assertEquals("urn:takedown-gateway:problem:bad-request", answer.json().get("type"));
    }
    assertNothingStored(body);
  }

  @Test
  void anIdempotencyKeyWithATabIsRefusedByTheGatewayItself() {
    // a tab is legal in an HTTP header value, so this one reaches the gateway's rule for certain
    Map<String, Object> body = Cases.sample();

    RawHttp.Answer answer =
        raw.post(
            "/api/v1/cases",
            submitter,
            "application/json",
            api.toJson(body),
            "Idempotency-Key",
            "key\tkey");

    assertEquals(422, answer.status(), answer.body());
    assertEquals(Set.of("Idempotency-Key"), fields(answer), answer.body());
    assertNothingStored(body);
  }

  private Api.Answer submit(Map<String, Object> body) {
    return api.post("/api/v1/cases", submitter, api.toJson(body));
  }

  /** A case whose fields break the OpenAPI document on purpose. */
  private Api.Answer submitInvalid(Map<String, Object> body) {
    return api.withInvalidRequest().post("/api/v1/cases", submitter, api.toJson(body));
  }

  private static Set<String> fields(Api.Answer answer) {
    return fields(answer.list("errors"));
  }

  private static Set<String> fields(RawHttp.Answer answer) {
    return fields(answer.list("errors"));
  }

  private static Set<String> fields(List<Map<String, Object>> errors) {
    return errors.stream().map(e -> (String) e.get("field")).collect(Collectors.toSet());
  }

  /** Nothing of a refused case reached the database: no case, no idempotency record. */
  private void assertNothingStored(Map<String, Object> body) {
    assertEquals(storedBefore, stored(), "a refused case left rows behind: " + body);
  }

  /** The cases and idempotency records in the database. */
  private long stored() {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT (SELECT count(*) FROM takedown_case)"
                    + " + (SELECT count(*) FROM idempotency_record)",
                statement -> {
                  try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                  }
                }));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> nested(Map<String, Object> body, String name) {
    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) body.get(name));
    body.put(name, copy);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstItem(Map<String, Object> body) {
    List<Map<String, Object>> items =
        new ArrayList<>((List<Map<String, Object>>) body.get("items"));
    Map<String, Object> first = new LinkedHashMap<>(items.get(0));
    items.set(0, first);
    body.put("items", items);
    return first;
  }
}
