package org.takedown.gateway.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract check every API test goes through fails on what a client would trip over: a field
 * the document lacks, a status it does not list, another content type, a broken request; and it
 * says where.
 */
class ContractValidatorTest {

  private static final String CASE_ID = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";
  private static final String REQUEST =
      """
      {"id":"7e1c2a9d-3f4b-4c5d-9e8f-0a1b2c3d4e5f","caseId":"%s","platform":"TIKTOK",
       "action":"TAKEDOWN","url":"https://www.tiktok.com/@x/video/1","canonicalUrl":
       "https://tiktok.com/@x/video/1","contentId":"1","status":"PENDING","outcome":null,
       "partnerRef":null,"attempts":0,"nextAttemptAt":"2024-06-20T10:15:00Z","lastError":null,
       "dueAt":"2024-06-21T10:15:00Z","preservedUntil":null,"createdAt":"2024-06-20T10:15:00Z",
       "updatedAt":"2024-06-20T10:15:00Z"%s}"""
          .formatted(CASE_ID, "%s");

  private final ContractValidator contract = ContractValidator.get();

  @Test
  void readsADocumentWhoseEveryReferenceResolves() {
    Map<String, Object> document = ApiDocument.load();
    List<String> references = ApiDocument.references(document);
    assertTrue(references.size() > 50, "the document uses references");
    for (String reference : references) {
      assertNotNull(ApiDocument.resolve(document, Map.of("$ref", reference)), reference);
    }
  }

  @Test
  void passesACaseAsTheDocumentStatesIt() {
    assertDoesNotThrow(() -> contract.check(readCase(200, json(aCase("")), JSON), false));
  }

  @Test
  void failsOnAFieldTheDocumentLacksAndNamesIt() {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () -> contract.check(readCase(200, json(aCase(",\"secret\":1")), JSON), false));
    assertTrue(error.getMessage().contains("getCase"), error.getMessage());
    assertTrue(error.getMessage().contains("secret"), error.getMessage());
  }

  @Test
  void failsOnAStatusTheOperationDoesNotList() {
    AssertionError error =
        assertThrows(
            AssertionError.class, () -> contract.check(readCase(418, json("{}"), JSON), false));
    assertTrue(error.getMessage().contains("418"), error.getMessage());
  }

  @Test
  void failsOnAProblemServedAsPlainJson() {
    String problem =
        "{\"type\":\"urn:takedown-gateway:problem:not-found\",\"title\":\"Not found\",\"status\":404}";
    assertDoesNotThrow(() -> contract.check(readCase(404, json(problem), PROBLEM), false));
    assertThrows(
        AssertionError.class, () -> contract.check(readCase(404, json(problem), JSON), false));
  }

  @Test
  void failsOnABrokenRequestUnlessTheTestSendsItOnPurpose() {
    String problem =
        "{\"type\":\"urn:takedown-gateway:problem:validation\",\"title\":\"Invalid request\","
            + "\"status\":422,\"errors\":[{\"field\":\"category\",\"message\":\"unknown\"}]}";
    ContractValidator.Exchange submission =
        new ContractValidator.Exchange(
            "POST",
            URI.create("http://localhost/api/v1/cases"),
            headers(Map.of("Content-Type", "application/json", "Authorization", "Bearer x.y.z")),
            "{\"category\":\"GOSSIP\"}".getBytes(StandardCharsets.UTF_8),
            422,
            headers(Map.of("Content-Type", PROBLEM)),
            problem.getBytes(StandardCharsets.UTF_8));
    AssertionError error =
        assertThrows(AssertionError.class, () -> contract.check(submission, false));
    assertTrue(error.getMessage().contains("withInvalidRequest"), error.getMessage());
    assertDoesNotThrow(() -> contract.check(submission, true));
  }

  @Test
  void holdsAnUnknownApiRouteToTheNotFoundProblem() {
    ContractValidator.Exchange unknown =
        new ContractValidator.Exchange(
            "GET",
            URI.create("http://localhost/api/v1/nothing-here"),
            headers(Map.of("Authorization", "Bearer x.y.z")),
            null,
            200,
            headers(Map.of("Content-Type", JSON)),
            "{}".getBytes(StandardCharsets.UTF_8));
    assertThrows(AssertionError.class, () -> contract.check(unknown, true));
  }

  @Test
  void leavesTheConsoleAlone() {
    ContractValidator.Exchange page =
        new ContractValidator.Exchange(
            "GET",
            URI.create("http://localhost/console/requests"),
            headers(Map.of()),
            null,
            200,
            headers(Map.of("Content-Type", "text/html")),
            "<html></html>".getBytes(StandardCharsets.UTF_8));
    assertDoesNotThrow(() -> contract.check(page, false));
  }

  private static final String JSON = "application/json";
  private static final String PROBLEM = "application/problem+json";

  private static String aCase(String extra) {
    return "{\"id\":\""
        + CASE_ID
        + "\",\"externalRef\":\"EIB-1\",\"category\":\"FRAUD\",\"priority\":\"URGENT\","
        + "\"createdAt\":\"2024-06-20T10:15:00Z\",\"status\":\"OPEN\",\"requests\":["
        + REQUEST.formatted("")
        + "]"
        + extra
        + "}";
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static ContractValidator.Exchange readCase(int status, byte[] body, String type) {
    return new ContractValidator.Exchange(
        "GET",
        URI.create("http://localhost/api/v1/cases/" + CASE_ID),
        headers(Map.of("Authorization", "Bearer x.y.z")),
        null,
        status,
        headers(Map.of("Content-Type", type)),
        body);
  }

  private static HttpHeaders headers(Map<String, String> values) {
    return HttpHeaders.of(
        values.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
        (name, value) -> true);
  }
}
