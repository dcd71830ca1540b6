package org.takedown.gateway.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.statistics.StatisticsSeed.Batch;
import org.takedown.gateway.statistics.StatisticsSeed.Cohort;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerState;
import org.takedown.platform.Platform;
import org.takedown.testing.MutableClock;

/**
 * The figures read from the stored days ({@code statistics_day}, V17, kept by {@link
 * RefreshStatisticsDays}) are exactly the figures computed from the requests and their history
 * ({@link StatisticsFromRequests}), after a random mix of changes made through the gateway's own
 * code paths: submissions, partners' answers of every kind, failures and officers' retries followed
 * by a second submission, cancellations, partners' extensions of preservations, expiries by the
 * preservation watch (and its warnings). Requests are created around the beginnings of months, so
 * that months and periods begin among them. Compared at three moments of the mix (so open and
 * half-answered requests count too), each time before the refresher has seen the latest changes
 * (those days computed by the reader) and after; for several periods and groupings; every figure,
 * the percentiles to the last bit.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsExactnessIT implements TestPropertyProvider {

  /** The mix is the same at every run; another seed gives another mix. */
  static final long SEED = 19;

  /** The earliest creation of the mix. */
  static final Instant FIRST = Instant.parse("2026-01-29T00:00:00Z");

  /** The zones whose month beginnings the mix surrounds; the days are kept in the first. */
  static final List<String> ZONES =
      List.of("Africa/Casablanca", "UTC", "Asia/Kolkata", "America/Sao_Paulo");

  static final List<String> GROUPINGS =
      List.of(
          "",
          "platform,category,month",
          "month",
          "action,priority",
          "priority,month,action,platform,category");

  /** Whole months, a period that starts and ends mid-month, one day, and one that holds none. */
  static final List<LocalDate[]> PERIODS =
      List.of(
          new LocalDate[] {LocalDate.parse("2026-01-01"), LocalDate.parse("2026-05-01")},
          new LocalDate[] {LocalDate.parse("2026-01-30"), LocalDate.parse("2026-03-02")},
          new LocalDate[] {LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02")},
          new LocalDate[] {LocalDate.parse("2025-06-01"), LocalDate.parse("2025-07-01")});

  @Inject MutableClock clock;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;
  @Inject ComputeStatistics statistics;
  @Inject StatisticsFromRequests fromRequests;
  @Inject RefreshStatisticsDays refresher;

  @Inject StatisticsSeed seed;
  final List<String> compared = new ArrayList<>();

  @Override
  public Map<String, String> getProperties() {
    // the refresher's first round at start only: the test refreshes when it compares
    return StatisticsSeed.gatewayProperties();
  }

  /** A change at a moment of the mix. */
  record Step(Instant at, int order, Runnable change) {}

  @BeforeAll
  void mixAndCompare() {
    Random random = new Random(SEED);
    List<Step> steps = new ArrayList<>();
    List<Instant> creations = creations(random);
    for (int c = 0; c < creations.size(); c++) {
      Instant at = creations.get(c);
      // the steps due before this creation first, in time order: the clock only advances
      applyDue(steps, at);
      Platform platform = Platform.values()[random.nextInt(Platform.values().length)];
      String category = List.of("FRAUD", "SEXTORTION", "DEFAMATION").get(random.nextInt(3));
      String priority = List.of("ROUTINE", "URGENT", "EMERGENCY").get(random.nextInt(3));
      String action = random.nextInt(3) == 0 ? "PRESERVATION" : "TAKEDOWN";
      Cohort cohort = seed.create(platform, category, priority, action, at, 1 + random.nextInt(5));
      for (UUID id : cohort.ids()) {
        fate(random, steps, new Batch(platform, List.of(id)), at, action.equals("PRESERVATION"));
      }
      if (c == creations.size() / 3 || c == 2 * creations.size() / 3) {
        compareEverything("after cohort " + c);
      }
    }
    applyDue(steps, Instant.MAX);
  }

  /**
   * When the cohorts are created, in time order: one within 90 minutes either side of each
   * beginning of February, March and April 2026 in each zone compared, and as many anywhere from
   * {@link #FIRST} to mid-April.
   */
  private static List<Instant> creations(Random random) {
    List<Instant> creations = new ArrayList<>();
    for (String zone : ZONES) {
      for (int month = 2; month <= 4; month++) {
        Instant begins = LocalDate.of(2026, month, 1).atStartOfDay(ZoneId.of(zone)).toInstant();
        creations.add(begins.plusSeconds(random.nextInt(2 * 5400) - 5400));
      }
    }
    int anywhere = creations.size();
    for (int i = 0; i < anywhere; i++) {
      creations.add(FIRST.plusSeconds(random.nextInt(75 * 24 * 3600)));
    }
    creations.sort(Comparator.naturalOrder());
    return creations;
  }

  /**
   * One request's fate: left PENDING, cancelled, or submitted; then left with the partner, moved
   * into review, answered, failed (then perhaps retried, submitted again and answered) or
   * cancelled; a preservation perhaps extended, perhaps left to lapse.
   */
  private void fate(Random random, List<Step> steps, Batch request, Instant created, boolean keep) {
    Instant t = later(random, created, 600);
    int fate = random.nextInt(10);
    if (fate == 0) {
      return; // stays PENDING
    }
    if (fate == 1) {
      steps.add(new Step(t, steps.size(), () -> seed.cancel(request)));
      return;
    }
    steps.add(new Step(t, steps.size(), () -> seed.submitted(request)));
    t = later(random, t, 36 * 3600);
    int answer = random.nextInt(8);
    if (answer == 0) {
      return; // stays SUBMITTED
    }
    if (answer == 1) {
      steps.add(new Step(t, steps.size(), () -> seed.cancel(request)));
      return;
    }
    if (answer == 2) {
      steps.add(
          new Step(
              t, steps.size(), () -> seed.partner(request, PartnerState.IN_REVIEW, null, null)));
      t = later(random, t, 24 * 3600);
      if (random.nextBoolean()) {
        return; // stays IN_REVIEW
      }
    }
    if (answer == 3) {
      steps.add(
          new Step(t, steps.size(), () -> seed.partner(request, PartnerState.FAILED, null, null)));
      if (random.nextBoolean()) {
        return; // stays FAILED
      }
      t = later(random, t, 5 * 3600);
      steps.add(new Step(t, steps.size(), () -> seed.retry(request)));
      t = later(random, t, 120);
      steps.add(new Step(t, steps.size(), () -> seed.submitted(request)));
      t = later(random, t, 12 * 3600);
    }
    answered(random, steps, request, t, keep);
  }

  private void answered(Random random, List<Step> steps, Batch request, Instant t, boolean keep) {
    if (!keep) {
      Outcome outcome =
          List.of(Outcome.REMOVED, Outcome.RESTRICTED, Outcome.NOT_FOUND, Outcome.NO_VIOLATION)
              .get(random.nextInt(4));
      steps.add(
          new Step(
              t, steps.size(), () -> seed.partner(request, PartnerState.COMPLETED, outcome, null)));
      return;
    }
    if (random.nextInt(5) == 0) {
      steps.add(
          new Step(
              t,
              steps.size(),
              () -> seed.partner(request, PartnerState.COMPLETED, Outcome.DECLINED, null)));
      return;
    }
    Duration held = Duration.ofDays(2 + random.nextInt(20));
    Instant until = t.plus(held);
    steps.add(
        new Step(
            t,
            steps.size(),
            () -> seed.partner(request, PartnerState.COMPLETED, Outcome.PRESERVED, until)));
    Instant lapse = until.plusSeconds(60);
    if (random.nextBoolean()) {
      // the partner extends it, once or twice, before it lapses
      Instant extendedAt = t.plus(held.dividedBy(2));
      Instant extendedTo = until.plus(Duration.ofDays(1 + random.nextInt(10)));
      steps.add(
          new Step(
              extendedAt,
              steps.size(),
              () -> seed.partner(request, PartnerState.COMPLETED, Outcome.PRESERVED, extendedTo)));
      lapse = extendedTo.plusSeconds(60);
      if (random.nextBoolean()) {
        Instant again = extendedTo.plus(Duration.ofDays(3));
        steps.add(
            new Step(
                extendedAt.plusSeconds(3600),
                steps.size(),
                () -> seed.partner(request, PartnerState.COMPLETED, Outcome.PRESERVED, again)));
        lapse = again.plusSeconds(60);
      }
    }
    if (random.nextBoolean()) {
      // the preservation watch's pass after its end: it lapses (and others with it)
      steps.add(new Step(lapse, steps.size(), () -> seed.lapse()));
    }
  }

  private static Instant later(Random random, Instant after, int maxSeconds) {
    return after
        .plusSeconds(1 + random.nextInt(maxSeconds))
        .plusNanos(random.nextInt(1000) * 1000L);
  }

  /** Applies, in time order, the steps due before {@code until}, and removes them. */
  private void applyDue(List<Step> steps, Instant until) {
    steps.sort(Comparator.comparing(Step::at).thenComparing(Step::order));
    while (!steps.isEmpty() && steps.get(0).at().isBefore(until)) {
      Step step = steps.remove(0);
      if (step.at().isAfter(clock.instant())) {
        seed.at(step.at());
      }
      step.change().run();
    }
  }

  private void compareEverything(String when) {
    compareWithTheRequests(when + ", latest changes not yet refreshed");
    assertTrue(refresher.refresh().ran(), "the refresher's lock was free");
    compareWithTheRequests(when + ", refreshed");
  }

  private void compareWithTheRequests(String when) {
    Instant now = PgTime.micros(clock.instant());
    String zone = DayFacts.ZONE.getId();
    for (String groupBy : GROUPINGS) {
      for (LocalDate[] period : PERIODS) {
        StatisticsQuery query =
            StatisticsQuery.parse(period[0].toString(), period[1].toString(), groupBy, zone);
        String what = when + ", " + period[0] + " to " + period[1] + ", " + groupBy;
        assertEquals(fromRequests.compute(query, now), statistics.compute(query), what);
        compared.add(what);
      }
    }
  }

  @Test
  void storedDaysGiveTheFiguresOfTheRequestsThroughTheMix() {
    compareEverything("at the end");
    assertEquals(3 * 2 * GROUPINGS.size() * PERIODS.size(), compared.size());
  }

  @Test
  void mixHoldsEveryKindOfRequestTheFiguresDistinguish() {
    Map<String, Object> counts = transactions.executeRead(status -> kinds());
    counts.forEach(
        (kind, count) -> assertTrue(((Long) count) > 0, "no " + kind + " request in " + counts));
  }

  private Map<String, Object> kinds() {
    return jdbc.prepareStatement(
        "SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,"
            + " count(*) FILTER (WHERE status IN ('SUBMITTED', 'IN_REVIEW')) AS with_partner,"
            + " count(*) FILTER (WHERE status = 'COMPLETED') AS completed,"
            + " count(*) FILTER (WHERE status = 'FAILED') AS failed,"
            + " count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,"
            + " count(*) FILTER (WHERE status = 'EXPIRED') AS expired,"
            + " (SELECT count(DISTINCT request_id) FROM request_history"
            + "  WHERE from_status = 'COMPLETED' AND to_status = 'COMPLETED'"
            + "  AND detail LIKE 'preservation extended%') AS extended,"
            + " (SELECT count(DISTINCT request_id) FROM request_history"
            + "  WHERE from_status = 'FAILED' AND to_status = 'PENDING') AS retried"
            + " FROM takedown_request",
        statement -> {
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            Map<String, Object> found = new LinkedHashMap<>();
            for (String name :
                List.of(
                    "pending",
                    "with_partner",
                    "completed",
                    "failed",
                    "cancelled",
                    "expired",
                    "extended",
                    "retried")) {
              found.put(name, rows.getLong(name));
            }
            return found;
          }
        });
  }
}
