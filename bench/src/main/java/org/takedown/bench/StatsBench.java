package org.takedown.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage 6, issue #19: a year's statistics grouped by platform, category and month (GET
 * /api/v1/statistics), over the requests the console stage seeded. A few calls to warm up, then the
 * median of the measured ones, one at a time, timed at the client over loopback: the server's time
 * plus a loopback round trip (well under a millisecond), so an upper bound of it.
 *
 * <p>The year is the 365 days up to today in the unit's zone (Africa/Casablanca, the default), to
 * tomorrow exclusive: every seeded request. The answer's total is printed as well, so that a figure
 * over fewer requests than seeded shows.
 */
final class StatsBench {

  private static final Pattern TOTAL_REQUESTS =
      Pattern.compile("\"totals\":\\{\"requests\":(\\d+)");

  /**
   * Events the stored statistics days do not reflect yet (V17); all of them before the first
   * refresh.
   */
  private static final String EVENTS_NOT_REFRESHED =
      "SELECT count(*) FROM request_event e"
          + " WHERE NOT EXISTS (SELECT 1 FROM statistics_refresh s"
          + " WHERE (e.txid, e.id) <= (s.event_txid, s.event_id))";

  private StatsBench() {}

  /**
   * Waits until the gateway's statistics refresher has computed again every day the seed wrote
   * (every event behind its cursor), so that the console's pages and the statistics are timed with
   * the refresher at rest, as in a unit's day. Prints how long it took after the seed.
   */
  static void awaitRefreshed(Options options) throws Exception {
    long start = System.nanoTime();
    long deadline = start + Duration.ofMinutes(options.integer("limit-minutes", 10)).toNanos();
    try (Connection db = DriverManager.getConnection(options.text("jdbc"));
        Statement statement = db.createStatement()) {
      while (true) {
        long behind;
        try (ResultSet rows = statement.executeQuery(EVENTS_NOT_REFRESHED)) {
          rows.next();
          behind = rows.getLong(1);
        }
        if (behind == 0) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the statistics refresher has not caught up: " + behind + " events behind");
        }
        Thread.sleep(250);
      }
    }
    Figures.print("stats_refresh_s", (System.nanoTime() - start) / 1e9, 1);
  }

  static void run(Options options) throws Exception {
    URI gateway = URI.create(options.text("gateway"));
    String token = options.text("token");
    int warmUp = options.integer("warm-up", 2);
    int measured = options.integer("measured", 5);
    LocalDate today = LocalDate.now(ZoneId.of("Africa/Casablanca"));
    URI year =
        gateway.resolve(
            "/api/v1/statistics?from="
                + today.minusDays(365)
                + "&to="
                + today.plusDays(1)
                + "&groupBy=platform,category,month");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest call =
        HttpRequest.newBuilder(year)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .timeout(Duration.ofMinutes(2))
            .GET()
            .build();
    String body = null;
    for (int i = 0; i < warmUp; i++) {
      body = fetch(http, call);
    }
    long[] nanos = new long[measured];
    for (int i = 0; i < measured; i++) {
      long start = System.nanoTime();
      body = fetch(http, call);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    Matcher total = TOTAL_REQUESTS.matcher(body);
    if (!total.find()) {
      throw new IllegalStateException("no totals in the statistics: " + abbreviate(body));
    }
    Figures.note(
        "statistics of a year by platform, category and month: %d warm-up and %d measured calls,"
            + " fastest %.0f ms, slowest %.0f ms",
        warmUp, measured, nanos[0] / 1e6, nanos[measured - 1] / 1e6);
    Figures.print("stats_year_requests", Long.parseLong(total.group(1)));
    Figures.print("stats_year_ms", median(nanos) / 1e6, 0);
  }

  private static String fetch(HttpClient http, HttpRequest call) throws Exception {
    HttpResponse<String> answer = http.send(call, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "statistics answered " + answer.statusCode() + ": " + abbreviate(answer.body()));
    }
    return answer.body();
  }

  private static double median(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }
}
