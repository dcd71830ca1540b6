package org.takedown.gateway.problem;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.logs.RequestIds;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.JsonLogCapture;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/**
 * A 5xx logs what failed by exception types and SQLState, never by message: PostgreSQL's messages
 * quote the failing row, and that row holds a submitter's personal data. Its correlation id is the
 * exchange's X-Request-Id, in the problem and in the log.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureLogIT implements TestPropertyProvider {

  private static final String SPEC = "FailureLogIT";
  private static final String CANARY_EMAIL = "row.canary@bnpj.test";
  private static final String CANARY_NAME = "Rowvalue Canaryname";
  private static final String CANARY_MESSAGE = "message-canary-quoting-a-body";

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;

  private Map<String, String> properties;

  @Override
  public Map<String, String> getProperties() {
    properties = TestGateway.properties("gateway.dispatch.enabled", "false", "spec.name", SPEC);
    return properties;
  }

  /** A connection of the test's own to the gateway's database, in auto-commit. */
  private Connection connect() throws SQLException {
    return DriverManager.getConnection(
        properties.get("datasources.default.url"),
        properties.get("datasources.default.username"),
        properties.get("datasources.default.password"));
  }

  /** The database refuses one requester's email: a constraint violation quoting the row. */
  @BeforeAll
  void refuseTheCanaryRow() throws SQLException {
    api = new Api(server.getURL(), json);
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "ALTER TABLE takedown_case ADD CONSTRAINT canary_refused CHECK (requester_email <> '"
              + CANARY_EMAIL
              + "')");
    }
  }

  private Map<String, Object> canaryCase(String externalRef) {
    Map<String, Object> body = Cases.sample(externalRef);
    body.put(
        "requestedBy", Map.of("name", CANARY_NAME, "email", CANARY_EMAIL, "unit", "BNPJ / Canary"));
    return body;
  }

  @Test
  void theDriversMessageWouldQuoteTheRow() throws SQLException {
    // what the gateway must not log: PostgreSQL's own words for this failure
    String message;
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO takedown_case (id, submitter, external_ref, category, priority, legal_law,"
              + " legal_authorization_ref, requester_name, requester_email, non_disclosure,"
              + " created_at) VALUES (gen_random_uuid(), 's', 'EIB-X', 'FRAUD', 'URGENT', 'l', 'a',"
              + " '"
              + CANARY_NAME
              + "', '"
              + CANARY_EMAIL
              + "', true, now())");
      message = "inserted";
    } catch (SQLException e) {
      message = e.getMessage();
    }

    assertTrue(message.contains(CANARY_EMAIL) && message.contains(CANARY_NAME), message);
  }

  @Test
  void aDatabaseFailureLogsItsTypesAndSqlStateAndNoRowValue() {
    String externalRef = "EIB-CANARY-" + UUID.randomUUID();
    String requestId = "five-hundred-" + UUID.randomUUID();
    try (JsonLogCapture capture =
        JsonLogCapture.start().level(ProblemErrorResponseProcessor.class.getName(), Level.DEBUG)) {

      Api.Answer answer =
          api.post(
              "/api/v1/cases",
              TestTokens.get().submitter("e-blagh-triage"),
              api.toJson(canaryCase(externalRef)),
              RequestIds.HEADER,
              requestId);

      assertEquals(500, answer.status(), answer.body());
      assertEquals("urn:takedown-gateway:problem:internal", answer.json().get("type"));
      assertEquals(requestId, answer.json().get("correlationId"), "the X-Request-Id");
      assertEquals(requestId, answer.header(RequestIds.HEADER));
      assertFalse(answer.body().contains(CANARY_EMAIL), answer.body());

      List<Map<String, Object>> errors =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> capture.lines(line -> requestId.equals(line.get("correlationId"))),
                  lines -> lines.stream().anyMatch(line -> "ERROR".equals(line.get("level"))));
      Map<String, Object> error =
          errors.stream().filter(line -> "ERROR".equals(line.get("level"))).findFirst().get();
      assertEquals("23514", error.get("sqlState"), error.toString());
      assertEquals(500, ((Number) error.get("status")).intValue());
      assertEquals(
          "io.micronaut.data.exceptions.DataAccessException",
          error.get("exception"),
          error.toString());
      assertEquals("org.postgresql.util.PSQLException", error.get("rootCause"), error.toString());
      assertEquals(
          "POST /api/v1/cases failed: DataAccessException (PSQLException, SQLState 23514)",
          error.get("message"));
      assertFalse(error.containsKey("stack_trace"), "no exception attached at ERROR");
      assertTrue(
          errors.stream()
              .anyMatch(
                  line ->
                      "DEBUG".equals(line.get("level"))
                          && line.get("message").toString().contains("\tat org.takedown.gateway")),
          "the frames at DEBUG: " + errors);
      assertNothingQuotes(capture, CANARY_EMAIL, CANARY_NAME, externalRef, "Failing row");
    }
  }

  @Test
  void anyOtherUnexpectedFailureIsLoggedByTypeAloneAndOnce() {
    String requestId = "boom-" + UUID.randomUUID();
    try (JsonLogCapture capture = JsonLogCapture.start()) {

      Api.Answer answer = api.get("/test/failure-log/boom", null, RequestIds.HEADER, requestId);

      assertEquals(500, answer.status(), answer.body());
      assertEquals(requestId, answer.json().get("correlationId"));
      List<Map<String, Object>> lines =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      capture.lines(
                          line ->
                              "ERROR".equals(line.get("level"))
                                  || requestId.equals(line.get("correlationId"))),
                  found -> !found.isEmpty());
      assertEquals(1, lines.size(), "one line, the gateway's, not Micronaut's too: " + lines);
      assertEquals("java.lang.IllegalStateException", lines.get(0).get("exception"));
      assertEquals(requestId, lines.get(0).get("correlationId"));
      assertNothingQuotes(capture, CANARY_MESSAGE);
    }
  }

  private static void assertNothingQuotes(JsonLogCapture capture, String... values) {
    for (String line : capture.raw()) {
      for (String value : values) {
        assertFalse(line.contains(value), "the log quotes " + value + ": " + line);
      }
    }
  }

  /** A route that fails as a defect would, with a message that quotes what it was given. */
  @Requires(property = "spec.name", value = SPEC)
  @Controller("/test/failure-log")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @ExecuteOn(TaskExecutors.BLOCKING)
  static final class FailingController {
    @Get("/boom")
    String boom() {
      throw new IllegalStateException(CANARY_MESSAGE);
    }
  }
}
