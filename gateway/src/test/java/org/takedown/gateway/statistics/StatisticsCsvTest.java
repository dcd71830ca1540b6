package org.takedown.gateway.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV's fields and the choice between CSV and JSON, without a server. */
class StatisticsCsvTest {

  @Test
  void quotesOnlyFieldsThatNeedIt() {
    assertEquals("META", StatisticsCsv.field("META"));
    assertEquals("\"a,b\"", StatisticsCsv.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", StatisticsCsv.field("say \"hi\""));
    assertEquals("\"two\r\nlines\"", StatisticsCsv.field("two\r\nlines"));
  }

  @Test
  void writesDecimalsInFullAndNullsEmpty() {
    Map<String, Long> outcomes = new LinkedHashMap<>();
    Figures figures =
        new Figures(
            3,
            0,
            3,
            0,
            0,
            0,
            outcomes,
            0,
            1,
            2.0 / 3.0,
            new Figures.Percentiles(12_345_678.5, 1.0E7),
            null,
            new Figures.Preservations(0, 0, 0));
    String csv =
        StatisticsCsv.of(
            List.of(Dimension.MONTH),
            new Statistics(
                "2026-01-01",
                "2026-02-01",
                "UTC",
                List.of(new Statistics.Group(Map.of("month", "2026-01"), figures)),
                figures));

    String row = csv.split("\r\n")[1];
    assertTrue(row.contains(",0.6666666666666666,12345678.5,10000000.0,,,"), row);
    assertFalse(row.contains("E"), row);
  }

  @Test
  void answersCsvOnlyWhenItIsPreferred() {
    assertTrue(StatisticsController.wantsCsv(List.of("text/csv")));
    assertTrue(StatisticsController.wantsCsv(List.of("text/csv;charset=utf-8")));
    assertTrue(StatisticsController.wantsCsv(List.of("application/json;q=0.4, text/csv")));
    assertFalse(StatisticsController.wantsCsv(List.of()));
    assertFalse(StatisticsController.wantsCsv(List.of("*/*")));
    assertFalse(StatisticsController.wantsCsv(List.of("application/json, text/csv")));
    assertFalse(StatisticsController.wantsCsv(List.of("text/csv;q=0.2, application/json")));
  }
}
