package org.takedown.gateway.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.gateway.statistics.StatisticsSeed.all;
import static org.takedown.gateway.statistics.StatisticsSeed.of;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.statistics.StatisticsSeed.Cohort;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerState;
import org.takedown.platform.Platform;
import org.takedown.testing.MutableClock;

/**
 * Every figure of GET /api/v1/statistics over a seeded first quarter of 2026 (273 requests written
 * at known times through the gateway's own code paths), each expected value worked out by hand
 * below from the seed, never by another query.
 *
 * <p>The quarter in Africa/Casablanca runs from 2025-12-31T23:00Z (UTC+1) to 2026-03-31T23:00Z.
 * Morocco keeps UTC+1 except during Ramadan: in 2026 it is UTC+0 from 2026-02-15T02:00Z to
 * 2026-03-22T02:00Z. So 23:30Z on the last day of December and of January is already the next month
 * there, but 23:30Z on 2026-02-28 is still February.
 *
 * <p>The seed, cohort by cohort (the gateway's deadlines: URGENT 24 h, EMERGENCY 1 h, ROUTINE 72
 * h):
 *
 * <pre>
 * F1  TIKTOK FRAUD      ROUTINE   TAKEDOWN      2025-12-31T23:00Z - 30 min:  5, outside (December there)
 * E   TIKTOK FRAUD      ROUTINE   TAKEDOWN      2025-12-31T23:30Z:  5, January there
 *       +60 s submitted; +600 s COMPLETED/DECLINED
 * A   META   FRAUD      URGENT    TAKEDOWN      2026-01-10T09:00Z: 200, January
 *       +60 s all submitted
 *       +1 h  a[180..189] cancelled by an officer; a[160..179] FAILED (the partner)
 *       +2 h  a[0..119] COMPLETED/REMOVED
 *       +3 h  a[160..169] retried by an officer; +3 h 60 s submitted again
 *       +5 h  a[160..169] COMPLETED/RESTRICTED
 *       +30 h a[120..159] COMPLETED/NO_VIOLATION (after the deadline)
 *       a[170..179] stay FAILED, a[190..199] stay SUBMITTED
 * B   TIKTOK SEXTORTION EMERGENCY PRESERVATION  2026-01-31T23:30Z:  20, February there
 *       +120 s submitted; +1800 s COMPLETED/PRESERVED, b[0..7] until +5 d, b[8..19] until +90 d
 *       +3 d  the partner extends b[0..1] to +7 d and b[8..11] to +180 d
 *       +8 d  the preservation watch: b[0..7] EXPIRED
 * C   GOOGLE DEFAMATION ROUTINE   TAKEDOWN      2026-02-28T23:30Z:  30, still February there
 *       c[i] submitted at +(i + 1) * 10 s (10, 20, ... 300)
 *       +12 h c[15..29] IN_REVIEW
 *       +1 d  c[0..9] COMPLETED/REMOVED, c[10..14] COMPLETED/NOT_FOUND
 * D   META   THREATS    URGENT    TAKEDOWN      2026-03-31T10:00Z:  10, stay PENDING (due after now)
 * F2  META   THREATS    URGENT    TAKEDOWN      2026-03-31T23:30Z:   3, outside (April there)
 * now = 2026-03-31T20:00Z
 * </pre>
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsFiguresIT implements TestPropertyProvider {

  static final Instant NOW = Instant.parse("2026-03-31T20:00:00Z");
  static final String QUARTER = "from=2026-01-01&to=2026-04-01";
  static final double TOLERANCE = 1e-9;

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject MutableClock clock;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  @Inject StatisticsSeed seed;
  Api api;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.dispatch.enabled", "false",
        "gateway.polling.enabled", "false",
        "gateway.preservation.check-interval", "1h",
        "test.mutable-clock", "true");
  }

  @BeforeAll
  void seed() {
    api = new Api(server.getURL(), json);

    Cohort f1 =
        seed.create(
            Platform.TIKTOK,
            "FRAUD",
            "ROUTINE",
            "TAKEDOWN",
            Instant.parse("2025-12-31T22:30:00Z"),
            5);
    seed.at(f1.createdAt().plusSeconds(60));
    seed.submitted(all(f1));
    seed.at(f1.createdAt().plusSeconds(600));
    seed.partner(all(f1), PartnerState.COMPLETED, Outcome.REMOVED, null);

    Cohort e =
        seed.create(
            Platform.TIKTOK,
            "FRAUD",
            "ROUTINE",
            "TAKEDOWN",
            Instant.parse("2025-12-31T23:30:00Z"),
            5);
    seed.at(e.createdAt().plusSeconds(60));
    seed.submitted(all(e));
    seed.at(e.createdAt().plusSeconds(600));
    seed.partner(all(e), PartnerState.COMPLETED, Outcome.DECLINED, null);

    Cohort a =
        seed.create(
            Platform.META,
            "FRAUD",
            "URGENT",
            "TAKEDOWN",
            Instant.parse("2026-01-10T09:00:00Z"),
            200);
    seed.at(a.createdAt().plusSeconds(60));
    seed.submitted(all(a));
    seed.at(a.createdAt().plus(Duration.ofHours(1)));
    seed.cancel(of(a, 180, 190));
    seed.partner(of(a, 160, 180), PartnerState.FAILED, null, null);
    seed.at(a.createdAt().plus(Duration.ofHours(2)));
    seed.partner(of(a, 0, 120), PartnerState.COMPLETED, Outcome.REMOVED, null);
    seed.at(a.createdAt().plus(Duration.ofHours(3)));
    seed.retry(of(a, 160, 170));
    seed.at(a.createdAt().plus(Duration.ofHours(3)).plusSeconds(60));
    seed.submitted(of(a, 160, 170));
    seed.at(a.createdAt().plus(Duration.ofHours(5)));
    seed.partner(of(a, 160, 170), PartnerState.COMPLETED, Outcome.RESTRICTED, null);
    seed.at(a.createdAt().plus(Duration.ofHours(30)));
    seed.partner(of(a, 120, 160), PartnerState.COMPLETED, Outcome.NO_VIOLATION, null);

    Cohort b =
        seed.create(
            Platform.TIKTOK,
            "SEXTORTION",
            "EMERGENCY",
            "PRESERVATION",
            Instant.parse("2026-01-31T23:30:00Z"),
            20);
    seed.at(b.createdAt().plusSeconds(120));
    seed.submitted(all(b));
    seed.at(b.createdAt().plusSeconds(1800));
    seed.partner(
        of(b, 0, 8), PartnerState.COMPLETED, Outcome.PRESERVED, b.createdAt().plus(days(5)));
    seed.partner(
        of(b, 8, 20), PartnerState.COMPLETED, Outcome.PRESERVED, b.createdAt().plus(days(90)));
    seed.at(b.createdAt().plus(days(3)));
    seed.partner(
        of(b, 0, 2), PartnerState.COMPLETED, Outcome.PRESERVED, b.createdAt().plus(days(7)));
    seed.partner(
        of(b, 8, 12), PartnerState.COMPLETED, Outcome.PRESERVED, b.createdAt().plus(days(180)));
    seed.at(b.createdAt().plus(days(8)));
    seed.lapse();

    Cohort c =
        seed.create(
            Platform.GOOGLE,
            "DEFAMATION",
            "ROUTINE",
            "TAKEDOWN",
            Instant.parse("2026-02-28T23:30:00Z"),
            30);
    for (int i = 0; i < 30; i++) {
      seed.at(c.createdAt().plusSeconds((i + 1) * 10L));
      seed.submitted(of(c, i, i + 1));
    }
    seed.at(c.createdAt().plus(Duration.ofHours(12)));
    seed.partner(of(c, 15, 30), PartnerState.IN_REVIEW, null, null);
    seed.at(c.createdAt().plus(days(1)));
    seed.partner(of(c, 0, 10), PartnerState.COMPLETED, Outcome.REMOVED, null);
    seed.partner(of(c, 10, 15), PartnerState.COMPLETED, Outcome.NOT_FOUND, null);

    seed.create(
        Platform.META, "THREATS", "URGENT", "TAKEDOWN", Instant.parse("2026-03-31T10:00:00Z"), 10);
    seed.create(
        Platform.META, "THREATS", "URGENT", "TAKEDOWN", Instant.parse("2026-03-31T23:30:00Z"), 3);

    seed.at(NOW);
  }

  private static Duration days(int days) {
    return Duration.ofDays(days);
  }

  private Map<String, Object> statistics(String query) {
    Api.Answer answer =
        api.get("/api/v1/statistics?" + query, TestTokens.get().officer("officer-1"));
    assertEquals(200, answer.status(), answer.body());
    assertTrue(answer.header("Content-Type").startsWith("application/json"));
    return answer.json();
  }

  /** The figures a test expects, written out in full. */
  static final class Expected {
    final Map<String, Object> figures = new LinkedHashMap<>();

    Expected(long requests, long open, long completed, long failed, long cancelled, long expired) {
      figures.put("requests", requests);
      figures.put("open", open);
      figures.put("completed", completed);
      figures.put("failed", failed);
      figures.put("cancelled", cancelled);
      figures.put("expired", expired);
      outcomes(0, 0, 0, 0, 0, 0);
      figures.put("overdue", 0L);
      figures.put("withinDeadline", 0L);
      figures.put("removalRate", null);
      figures.put("timeToSubmit", null);
      figures.put("timeToOutcome", null);
      preservations(0, 0, 0);
    }

    Expected outcomes(
        long removed,
        long restricted,
        long preserved,
        long notFound,
        long noViolation,
        long declined) {
      Map<String, Object> outcomes = new LinkedHashMap<>();
      outcomes.put("REMOVED", removed);
      outcomes.put("RESTRICTED", restricted);
      outcomes.put("PRESERVED", preserved);
      outcomes.put("NOT_FOUND", notFound);
      outcomes.put("NO_VIOLATION", noViolation);
      outcomes.put("DECLINED", declined);
      figures.put("outcomes", outcomes);
      return this;
    }

    Expected deadlines(long overdue, long withinDeadline) {
      figures.put("overdue", overdue);
      figures.put("withinDeadline", withinDeadline);
      return this;
    }

    Expected removalRate(double rate) {
      figures.put("removalRate", rate);
      return this;
    }

    Expected timeToSubmit(double p50, double p90) {
      figures.put("timeToSubmit", Map.of("p50", p50, "p90", p90));
      return this;
    }

    Expected timeToOutcome(double p50, double p90) {
      figures.put("timeToOutcome", Map.of("p50", p50, "p90", p90));
      return this;
    }

    Expected preservations(long preserved, long extended, long expired) {
      Map<String, Object> preservations = new LinkedHashMap<>();
      preservations.put("preserved", preserved);
      preservations.put("extended", extended);
      preservations.put("expired", expired);
      figures.put("preservations", preservations);
      return this;
    }
  }

  /** Compares every figure; numbers by value, decimals within {@link #TOLERANCE}. */
  private static void assertFigures(Expected expected, Map<String, Object> actual, String what) {
    for (Map.Entry<String, Object> figure : expected.figures.entrySet()) {
      assertSame(figure.getValue(), actual.get(figure.getKey()), what + " " + figure.getKey());
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertSame(Object expected, Object actual, String what) {
    if (expected == null) {
      assertNull(actual, what);
    } else if (expected instanceof Map<?, ?> map) {
      assertTrue(actual instanceof Map<?, ?>, what + " is an object: " + actual);
      Map<String, Object> actualMap = (Map<String, Object>) actual;
      assertEquals(map.keySet(), actualMap.keySet(), what);
      map.forEach((k, v) -> assertSame(v, actualMap.get(k), what + "." + k));
    } else if (expected instanceof Double d) {
      assertTrue(actual instanceof Number, what + " is a number: " + actual);
      assertEquals(d, ((Number) actual).doubleValue(), TOLERANCE, what);
    } else {
      assertTrue(actual instanceof Number, what + " is a number: " + actual);
      assertEquals(((Number) expected).longValue(), ((Number) actual).longValue(), what);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> groups(Map<String, Object> statistics) {
    return (List<Map<String, Object>>) statistics.get("groups");
  }

  /** E + A + B + C + D, 265 requests; F1 and F2 lie outside the quarter in Casablanca. */
  static Expected quarterTotals() {
    return new Expected(
            265,
            // open: a[190..199] SUBMITTED 10, c[15..29] IN_REVIEW 15, D PENDING 10
            35,
            // completed: E 5 + A (120 + 40 + 10) 170 + B 12 (20 less 8 lapsed) + C 15
            202,
            10,
            10,
            8)
        // REMOVED A 120 + C 10; RESTRICTED A 10; PRESERVED B 20 (12 COMPLETED + 8 EXPIRED);
        // NOT_FOUND C 5; NO_VIOLATION A 40; DECLINED E 5
        .outcomes(130, 10, 20, 5, 40, 5)
        // overdue: A's 10 SUBMITTED (due 2026-01-11) + C's 15 IN_REVIEW (due 2026-03-03); D is
        // due 2026-04-01T10:00Z, after now. Within the deadline: E 5 (10 min of 72 h), A 130
        // (REMOVED at 2 h, RESTRICTED at 5 h after the retry, both within 24 h; NO_VIOLATION at
        // 30 h is late), B 20 (30 min of 1 h), C 15 (1 d of 72 h)
        .deadlines(25, 170)
        // completed TAKEDOWN: E 5 + A 170 + C 15 = 190, of which REMOVED or RESTRICTED 140
        .removalRate(140.0 / 190.0)
        // first SUBMITTED, 255 values sorted: C's 10..50 (rows 0-4), 60 (rows 5-210: E 5, A 200 -
        // the retried ones count their first - and C's 60), C's 70..110 (211-215), 120 (216-236:
        // B 20 and C's 120), C's 130..300 (237-254). p50: row 127 = 60; p90: row 228.6, between
        // rows 228 and 229, both 120
        .timeToSubmit(60, 120)
        // first COMPLETED, 210 values sorted: 600 E (rows 0-4), 1800 B (5-24), 7200 A (25-144),
        // 18000 A retried (145-154), 86400 C (155-169), 108000 A late (170-209). p50: row 104.5,
        // rows 104 and 105 are 7200; p90: row 188.1, rows 188 and 189 are 108000
        .timeToOutcome(7200, 108000)
        // preserved: B's 20 (8 of them expired since); extended: b[0..1] and b[8..11]
        .preservations(20, 6, 8);
  }

  @Test
  void computesTheTotalsOfAQuarterInCasablanca() {
    Map<String, Object> statistics = statistics(QUARTER);

    assertEquals("2026-01-01", statistics.get("from"));
    assertEquals("2026-04-01", statistics.get("to"));
    assertEquals("Africa/Casablanca", statistics.get("timezone"));
    assertEquals(List.of(), statistics.get("groups"));
    assertFigures(quarterTotals(), (Map<String, Object>) statistics.get("totals"), "totals");
  }

  @Test
  void groupsByMonthWhereTheMonthBeginsInCasablanca() {
    Map<String, Object> statistics = statistics(QUARTER + "&groupBy=month");

    List<Map<String, Object>> groups = groups(statistics);
    assertEquals(
        List.of(Map.of("month", "2026-01"), Map.of("month", "2026-02"), Map.of("month", "2026-03")),
        groups.stream().map(g -> g.get("key")).toList());
    // January: E (created 2025-12-31T23:30Z, 00:30 on the 1st there) and A
    assertFigures(
        new Expected(205, 10, 175, 10, 10, 0)
            .outcomes(120, 10, 0, 0, 40, 5)
            .deadlines(10, 135)
            .removalRate(130.0 / 175.0)
            .timeToSubmit(60, 60)
            // 175 values: 600 (rows 0-4), 7200 (5-124), 18000 (125-134), 108000 (135-174);
            // p50 row 87 = 7200; p90 row 156.6, rows 156 and 157 are 108000
            .timeToOutcome(7200, 108000),
        groups.get(0),
        "2026-01");
    // February: B (2026-01-31T23:30Z, 00:30 on 1 February there, UTC+1) and C (2026-02-28T23:30Z,
    // still February there: Ramadan, UTC+0)
    assertFigures(
        new Expected(50, 15, 27, 0, 0, 8)
            .outcomes(10, 0, 20, 5, 0, 0)
            .deadlines(15, 35)
            .removalRate(10.0 / 15.0)
            // 50 values: C's 10..110 (rows 0-10), 120 (11-31: B 20, C 1), C's 130..300 (32-49);
            // p50 row 24.5 = 120; p90 row 44.1: row 44 = 250, row 45 = 260, so 251
            .timeToSubmit(120, 251)
            // 35 values: 1800 (rows 0-19), 86400 (20-34); p50 row 17; p90 row 30.6
            .timeToOutcome(1800, 86400)
            .preservations(20, 6, 8),
        groups.get(1),
        "2026-02");
    // March: D only, nothing submitted or completed yet: the nulls
    assertFigures(new Expected(10, 10, 0, 0, 0, 0), groups.get(2), "2026-03");
    assertFigures(quarterTotals(), (Map<String, Object>) statistics.get("totals"), "totals");
  }

  @Test
  void groupsByPlatform() {
    List<Map<String, Object>> groups = groups(statistics(QUARTER + "&groupBy=platform"));

    assertEquals(
        List.of(
            Map.of("platform", "GOOGLE"), Map.of("platform", "META"), Map.of("platform", "TIKTOK")),
        groups.stream().map(g -> g.get("key")).toList());
    // GOOGLE: C. 30 first SUBMITTED 10..300: p50 row 14.5 between 150 and 160; p90 row 26.1
    // between 270 and 280
    assertFigures(
        new Expected(30, 15, 15, 0, 0, 0)
            .outcomes(10, 0, 0, 5, 0, 0)
            .deadlines(15, 15)
            .removalRate(10.0 / 15.0)
            .timeToSubmit(155, 271)
            .timeToOutcome(86400, 86400),
        groups.get(0),
        "GOOGLE");
    // META: A and D
    assertFigures(
        new Expected(210, 20, 170, 10, 10, 0)
            .outcomes(120, 10, 0, 0, 40, 0)
            .deadlines(10, 130)
            .removalRate(130.0 / 170.0)
            .timeToSubmit(60, 60)
            // 170 values: 7200 (rows 0-119), 18000 (120-129), 108000 (130-169); p50 row 84.5;
            // p90 row 152.1
            .timeToOutcome(7200, 108000),
        groups.get(1),
        "META");
    // TIKTOK: E and B; E's 5 DECLINED are its only completed takedowns, hence a rate of 0
    assertFigures(
        new Expected(25, 0, 17, 0, 0, 8)
            .outcomes(0, 0, 20, 0, 0, 5)
            .deadlines(0, 25)
            .removalRate(0.0)
            // 60 (rows 0-4), 120 (5-24): p50 row 12, p90 row 21.6
            .timeToSubmit(120, 120)
            .timeToOutcome(1800, 1800)
            .preservations(20, 6, 8),
        groups.get(2),
        "TIKTOK");
  }

  @Test
  void groupsByEveryOtherDimension() {
    assertEquals(
        List.of(
            List.of("DEFAMATION", 30L),
            List.of("FRAUD", 205L),
            List.of("SEXTORTION", 20L),
            List.of("THREATS", 10L)),
        keysAndRequests(QUARTER + "&groupBy=category", "category"));
    assertEquals(
        List.of(List.of("PRESERVATION", 20L), List.of("TAKEDOWN", 245L)),
        keysAndRequests(QUARTER + "&groupBy=action", "action"));
    assertEquals(
        List.of(List.of("EMERGENCY", 20L), List.of("ROUTINE", 35L), List.of("URGENT", 210L)),
        keysAndRequests(QUARTER + "&groupBy=priority", "priority"));
  }

  @Test
  void groupsBySeveralDimensionsInTheOrderGiven() {
    Map<String, Object> statistics = statistics(QUARTER + "&groupBy=platform,month");

    List<Map<String, Object>> groups = groups(statistics);
    List<Object> keys = new ArrayList<>();
    for (Map<String, Object> group : groups) {
      keys.add(List.copyOf(((Map<String, Object>) group.get("key")).entrySet()).toString());
    }
    assertEquals(
        List.of(
            "[platform=GOOGLE, month=2026-02]",
            "[platform=META, month=2026-01]",
            "[platform=META, month=2026-03]",
            "[platform=TIKTOK, month=2026-01]",
            "[platform=TIKTOK, month=2026-02]"),
        keys);
    assertEquals(
        List.of(30L, 200L, 10L, 5L, 20L),
        groups.stream().map(g -> ((Number) g.get("requests")).longValue()).toList());
    assertFigures(quarterTotals(), (Map<String, Object>) statistics.get("totals"), "totals");
  }

  @Test
  void takesTheMonthsAndThePeriodInTheTimeZoneGiven() {
    // in UTC, E (2025-12-31T23:30Z) is December, F2 (2026-03-31T23:30Z) is March, B is January
    assertEquals(
        List.of(List.of("2026-01", 220L), List.of("2026-02", 30L), List.of("2026-03", 13L)),
        keysAndRequests(QUARTER + "&groupBy=month&timezone=UTC", "month"));
  }

  @Test
  void answersAnEmptyPeriodWithZerosNullsAndNoGroup() {
    Map<String, Object> statistics = statistics("from=2025-06-01&to=2025-07-01&groupBy=platform");

    assertEquals(List.of(), statistics.get("groups"));
    assertFigures(
        new Expected(0, 0, 0, 0, 0, 0), (Map<String, Object>) statistics.get("totals"), "totals");
  }

  @Test
  void writesOneCsvRowPerGroupWithDottedNamesAndEmptyNulls() {
    Api.Answer answer =
        api.get(
            "/api/v1/statistics?" + QUARTER + "&groupBy=platform,month",
            TestTokens.get().admin("admin-1"),
            "Accept",
            "text/csv");

    assertEquals(200, answer.status(), answer.body());
    assertEquals("text/csv; charset=utf-8", answer.header("Content-Type").toLowerCase());
    String[] lines = answer.body().split("\r\n", -1);
    assertEquals(
        "platform,month,requests,open,completed,failed,cancelled,expired,outcomes.REMOVED,"
            + "outcomes.RESTRICTED,outcomes.PRESERVED,outcomes.NOT_FOUND,outcomes.NO_VIOLATION,"
            + "outcomes.DECLINED,overdue,withinDeadline,removalRate,timeToSubmit.p50,"
            + "timeToSubmit.p90,timeToOutcome.p50,timeToOutcome.p90,preservations.preserved,"
            + "preservations.extended,preservations.expired",
        lines[0]);
    assertEquals(7, lines.length, "a header, five groups, no totals row: " + answer.body());
    assertEquals("", lines[6], "the last row ends with CRLF");
    // META in March: D, 10 PENDING: every null an empty field
    assertEquals("META,2026-03,10,10,0,0,0,0,0,0,0,0,0,0,0,0,,,,,,0,0,0", lines[3]);
    // TIKTOK in February: B. 20 PRESERVED (8 EXPIRED), within the hour; no takedown
    assertEquals(
        "TIKTOK,2026-02,20,0,12,0,0,8,0,0,20,0,0,0,0,20,,120.0,120.0,1800.0,1800.0,20,6,8",
        lines[5]);
    // META in January: A. Rate 130/170 written in full
    assertEquals(
        "META,2026-01,200,10,170,10,10,0,120,10,0,0,40,0,10,130,"
            + java.math.BigDecimal.valueOf(130.0 / 170.0).toPlainString()
            + ",60.0,60.0,7200.0,108000.0,0,0,0",
        lines[2]);
  }

  @Test
  void writesTheTotalsAsTheOneCsvRowWithoutGroupBy() {
    Api.Answer answer =
        api.get(
            "/api/v1/statistics?from=2025-06-01&to=2025-07-01",
            TestTokens.get().officer("officer-1"),
            "Accept",
            "text/csv");

    assertEquals(200, answer.status(), answer.body());
    String[] lines = answer.body().split("\r\n");
    assertEquals(2, lines.length, answer.body());
    assertTrue(lines[0].startsWith("requests,open,"), lines[0]);
    assertEquals("0,0,0,0,0,0,0,0,0,0,0,0,0,0,,,,,,0,0,0", lines[1]);
  }

  private List<List<Object>> keysAndRequests(String query, String dimension) {
    return groups(statistics(query)).stream()
        .map(
            g ->
                List.<Object>of(
                    ((Map<String, Object>) g.get("key")).get(dimension),
                    ((Number) g.get("requests")).longValue()))
        .toList();
  }
}
