package org.takedown.gateway.console;

import static org.takedown.gateway.statistics.StatisticsSeed.all;
import static org.takedown.gateway.statistics.StatisticsSeed.of;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.takedown.gateway.statistics.StatisticsSeed;
import org.takedown.gateway.statistics.StatisticsSeed.Cohort;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerState;
import org.takedown.platform.Platform;
import org.takedown.testing.MutableClock;

/**
 * A year of requests with figures worked out by hand, for the statistics pages' tests: 2025 in
 * Africa/Casablanca (the console's zone), written through the gateway's own code at known times
 * ({@link StatisticsSeed}), and three requests of 2026, the year the clock is left in.
 *
 * <pre>
 * META   FRAUD      URGENT    TAKEDOWN      2025-03-10T09:00Z: 10 (due +24 h)
 *   +60 s submitted; +2 h a[0..5] COMPLETED/REMOVED; +30 h a[6..7] COMPLETED/NO_VIOLATION;
 *   a[8..9] stay SUBMITTED (overdue)
 * GOOGLE DEFAMATION ROUTINE   TAKEDOWN      2025-05-05T12:00Z:  5 (due +72 h)
 *   +60 s submitted; +1 d c[0..3] COMPLETED/REMOVED, c[4] COMPLETED/DECLINED
 * TIKTOK SEXTORTION EMERGENCY PRESERVATION  2025-05-20T10:00Z:  4 (due +1 h)
 *   +120 s submitted; +30 min COMPLETED/PRESERVED, b[1] until +5 d, the others until +400 d;
 *   +3 d the partner extends b[0] to +500 d; +8 d the preservation watch: b[1] EXPIRED
 * META   THREATS    ROUTINE   TAKEDOWN      2026-01-15T10:00Z:  3, stay PENDING
 * now = 2026-02-01T12:00Z
 * </pre>
 *
 * Figures of 2025, by partner (groups in byte order: GOOGLE, META, TIKTOK):
 *
 * <pre>
 *          requests completed open overdue outcomes                within removal p50 / p90 to outcome
 * GOOGLE   5        5         0    0       REMOVED 4, DECLINED 1   5 100.0%  80.0%  1 j 00 h / 1 j 00 h
 * META     10       8         2    2       REMOVED 6, NO_VIOL. 2   6  60.0%  75.0%  2 h 00 min / 1 j 06 h
 * TIKTOK   4        3         0    0       PRESERVED 4             4 100.0%  —      30 min 00 s / idem
 * total    19       16        2    2                              15  78.9%  76.9%  p50 2 h 00 min
 * </pre>
 *
 * (META's 8 times: six of 2 h, two of 30 h: p50 between the 4th and 5th, 2 h; p90 at 6.3 of 7, 30
 * h. All 17: four of 30 min, six of 2 h, five of 1 d, two of 30 h: p50 the 9th, 2 h.) Requests by
 * category per month: March 10 FRAUD, April none, May 4 SEXTORTION and 5 DEFAMATION. Shares of
 * categories: DEFAMATION 26.3%, FRAUD 52.6%, SEXTORTION 21.1%. Preservations: 4 preserved, 1
 * extended, 1 lapsed.
 */
public final class StatisticsYear {

  public static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

  private StatisticsYear() {}

  /** What a test class of the statistics pages sets: the seed's clock, nothing moving alone. */
  public static Map<String, String> properties() {
    return TestGateway.properties(
        "gateway.dispatch.enabled", "false",
        "gateway.polling.enabled", "false",
        "gateway.preservation.check-interval", "1h",
        "test.mutable-clock", "true");
  }

  /** Writes the seed into the gateway under test and leaves its clock at {@link #NOW}. */
  public static void seed(ApplicationContext context) {
    MutableClock clock = context.getBean(MutableClock.class);
    StatisticsSeed seed = context.getBean(StatisticsSeed.class);

    Cohort a =
        seed.create(
            Platform.META,
            "FRAUD",
            "URGENT",
            "TAKEDOWN",
            Instant.parse("2025-03-10T09:00:00Z"),
            10);
    seed.at(a.createdAt().plusSeconds(60));
    seed.submitted(all(a));
    seed.at(a.createdAt().plus(Duration.ofHours(2)));
    seed.partner(of(a, 0, 6), PartnerState.COMPLETED, Outcome.REMOVED, null);
    seed.at(a.createdAt().plus(Duration.ofHours(30)));
    seed.partner(of(a, 6, 8), PartnerState.COMPLETED, Outcome.NO_VIOLATION, null);

    Cohort c =
        seed.create(
            Platform.GOOGLE,
            "DEFAMATION",
            "ROUTINE",
            "TAKEDOWN",
            Instant.parse("2025-05-05T12:00:00Z"),
            5);
    seed.at(c.createdAt().plusSeconds(60));
    seed.submitted(all(c));
    seed.at(c.createdAt().plus(Duration.ofDays(1)));
    seed.partner(of(c, 0, 4), PartnerState.COMPLETED, Outcome.REMOVED, null);
    seed.partner(of(c, 4, 5), PartnerState.COMPLETED, Outcome.DECLINED, null);

    Cohort b =
        seed.create(
            Platform.TIKTOK,
            "SEXTORTION",
            "EMERGENCY",
            "PRESERVATION",
            Instant.parse("2025-05-20T10:00:00Z"),
            4);
    seed.at(b.createdAt().plusSeconds(120));
    seed.submitted(all(b));
    seed.at(b.createdAt().plus(Duration.ofMinutes(30)));
    Instant kept = b.createdAt().plus(Duration.ofDays(400));
    seed.partner(of(b, 0, 1), PartnerState.COMPLETED, Outcome.PRESERVED, kept);
    seed.partner(
        of(b, 1, 2),
        PartnerState.COMPLETED,
        Outcome.PRESERVED,
        b.createdAt().plus(Duration.ofDays(5)));
    seed.partner(of(b, 2, 4), PartnerState.COMPLETED, Outcome.PRESERVED, kept);
    seed.at(b.createdAt().plus(Duration.ofDays(3)));
    seed.partner(
        of(b, 0, 1),
        PartnerState.COMPLETED,
        Outcome.PRESERVED,
        b.createdAt().plus(Duration.ofDays(500)));
    seed.at(b.createdAt().plus(Duration.ofDays(8)));
    seed.lapse();

    seed.create(
        Platform.META, "THREATS", "ROUTINE", "TAKEDOWN", Instant.parse("2026-01-15T10:00:00Z"), 3);
    seed.at(NOW);
  }
}
