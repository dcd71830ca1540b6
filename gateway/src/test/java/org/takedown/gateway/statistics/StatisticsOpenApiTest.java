package org.takedown.gateway.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.gateway.testing.ApiDocument.map;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.takedown.gateway.testing.ApiDocument;

/**
 * The OpenAPI document states the statistics operation as the gateway serves it: its roles, its
 * parameters, every figure the answer holds, and a CSV example whose header is the one written.
 */
class StatisticsOpenApiTest {

  private final Map<String, Object> document = ApiDocument.load();

  @Test
  void statesTheOperationForOfficersAndAdmins() {
    Map<String, Object> operation = map(map(map(document, "paths"), "/api/v1/statistics"), "get");
    assertNotNull(operation);
    assertEquals(List.of("liaison-officer", "admin"), operation.get("x-required-roles"));
    assertTrue(
        map(operation, "responses").keySet().containsAll(Set.of("200", "401", "403", "422")));
    assertEquals(
        List.of("from", "to", "groupBy", "timezone"),
        ((List<Map<String, Object>>) operation.get("parameters"))
            .stream().map(p -> p.get("name")).toList());
    Map<String, Object> content = map(map(map(operation, "responses"), "200"), "content");
    assertEquals(Set.of("application/json", "text/csv"), content.keySet());
  }

  @Test
  void listsEveryFigureTheAnswerHolds() {
    Map<String, Object> schemas = map(map(document, "components"), "schemas");
    Set<String> figures =
        Arrays.stream(Figures.class.getRecordComponents())
            .map(c -> c.getName())
            .collect(Collectors.toCollection(LinkedHashSet::new));
    assertEquals(figures, map(map(schemas, "StatisticsFigures"), "properties").keySet());
    assertEquals(
        new LinkedHashSet<>((List<?>) map(schemas, "StatisticsFigures").get("required")), figures);
    assertEquals(
        Set.of("from", "to", "timezone", "groups", "totals"),
        map(map(schemas, "Statistics"), "properties").keySet());
  }

  @Test
  void showsTheCsvHeaderTheGatewayWrites() {
    String example =
        (String)
            map(
                    map(
                        map(
                            map(
                                map(map(map(document, "paths"), "/api/v1/statistics"), "get"),
                                "responses"),
                            "200"),
                        "content"),
                    "text/csv")
                .get("example");
    Statistics none =
        new Statistics(
            "2026-01-01",
            "2026-02-01",
            "UTC",
            List.of(),
            new Figures(
                0,
                0,
                0,
                0,
                0,
                0,
                Map.of(),
                0,
                0,
                null,
                null,
                null,
                new Figures.Preservations(0, 0, 0)));
    String header =
        StatisticsCsv.of(List.of(Dimension.PLATFORM, Dimension.MONTH), none).split("\r\n")[0];
    assertEquals(header, example.split("\r\n")[0]);
  }
}
