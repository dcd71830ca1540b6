package org.takedown.gateway.statistics;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;

/** Who may read the statistics, and every parameter the gateway refuses, each named. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsParametersIT implements TestPropertyProvider {

  static final String PATH = "/api/v1/statistics?from=2026-01-01&to=2026-02-01";

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  final TestTokens tokens = TestTokens.get();

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties("gateway.dispatch.enabled", "false");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
  }

  @Test
  void answersLiaisonOfficersAndAdmins() {
    assertEquals(200, api.get(PATH, tokens.officer("officer-1")).status());
    assertEquals(200, api.get(PATH, tokens.admin("admin-1")).status());
  }

  @Test
  void refusesSubmittersAndCallersWithoutToken() {
    Api.Answer submitter = api.get(PATH, tokens.submitter("triage"));
    assertEquals(403, submitter.status(), submitter.body());
    assertEquals("application/problem+json", submitter.header("Content-Type"));
    assertEquals(401, api.get(PATH, null).status());
  }

  @Test
  void refusesAnyoneWithoutTheRoleEvenAskingForCsv() {
    Api.Answer answer = api.get(PATH, tokens.submitter("triage"), "Accept", "text/csv");
    assertEquals(403, answer.status(), answer.body());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "to=2026-02-01                                  | from",
        "from=2026-01-01                                | to",
        "from=2026-13-01&to=2027-01-01                  | from",
        "from=2026-02-30&to=2027-01-01                  | from",
        "from=2026-01-01T00:00:00Z&to=2027-01-01        | from",
        "from=26-01-01&to=2027-01-01                    | from",
        "from=2026-01-01&to=%2B10000-01-01              | to",
        "from=2026-02-01&to=2026-02-01                  | to",
        "from=2026-03-01&to=2026-02-01                  | to",
        "from=2026-01-01&to=2026-02-01&groupBy=colour   | groupBy",
        "from=2026-01-01&to=2026-02-01&groupBy=Platform | groupBy",
        "from=2026-01-01&to=2026-02-01&groupBy=platform,| groupBy",
        "from=2026-01-01&to=2026-02-01&groupBy=month,month | groupBy",
        "from=2026-01-01&to=2026-02-01&timezone=Mars/Olympus | timezone",
        "from=2026-01-01&to=2026-02-01&timezone=%2B01:00 | timezone",
        "from=2026-01-01&to=2026-02-01&timezone=        | timezone",
      })
  void namesTheBadParameter(String query, String field) {
    Api.Answer answer =
        api.withInvalidRequest().get("/api/v1/statistics?" + query.strip(), tokens.officer("o"));

    assertEquals(422, answer.status(), answer.body());
    assertEquals("application/problem+json", answer.header("Content-Type"));
    assertEquals("urn:takedown-gateway:problem:validation", answer.json().get("type"));
    assertEquals(
        List.of(field), answer.list("errors").stream().map(e -> e.get("field")).toList(), query);
  }

  @Test
  void namesEveryBadParameterAtOnce() {
    Api.Answer answer =
        api.withInvalidRequest()
            .get(
                "/api/v1/statistics?from=yesterday&to=2026-02-31&groupBy=platform,week"
                    + "&timezone=Nowhere",
                tokens.officer("o"));

    assertEquals(422, answer.status(), answer.body());
    assertEquals(
        List.of("from", "to", "timezone", "groupBy"),
        answer.list("errors").stream().map(e -> e.get("field")).toList());
  }

  @Test
  void takesCasablancaWhenNoTimeZoneIsGiven() {
    Map<String, Object> statistics = api.get(PATH, tokens.officer("o")).json();
    assertEquals("Africa/Casablanca", statistics.get("timezone"));
    assertEquals(List.of(), statistics.get("groups"));
  }

  @Test
  void answersJsonUnlessCsvIsPreferred() {
    assertTrue(
        api.get(PATH, tokens.officer("o"), "Accept", "application/json, text/csv;q=0.5")
            .header("Content-Type")
            .startsWith("application/json"));
    assertTrue(
        api.get(PATH, tokens.officer("o"), "Accept", "text/csv, application/json;q=0.5")
            .header("Content-Type")
            .startsWith("text/csv"));
    assertTrue(
        api.get(PATH, tokens.officer("o"), "Accept", "*/*")
            .header("Content-Type")
            .startsWith("application/json"));
  }

  @Test
  void refusesAnAcceptItCannotAnswer() {
    Api.Answer answer =
        api.withInvalidRequest().get(PATH, tokens.officer("o"), "Accept", "text/html");
    assertEquals(406, answer.status(), answer.body());
  }
}
