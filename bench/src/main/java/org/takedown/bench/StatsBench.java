package org.takedown.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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

  /** The newest event now, in the event feed's order. */
  private static final String NEWEST_EVENT =
      "SELECT txid::text, id FROM request_event ORDER BY txid DESC, id DESC LIMIT 1";

  /**
   * Whether the stored statistics days (V17) reflect every event up to a given one: the refresher's
   * cursor is at or past it.
   */
  private static final String REFRESHED_TO =
      "SELECT EXISTS (SELECT 1 FROM statistics_refresh"
          + " WHERE (event_txid, event_id) >= (?::xid8, ?))";

  private StatsBench() {}

  /**
   * Waits until the gateway's statistics refresher has computed again every day the seed wrote (its
   * cursor past the newest event when the wait begins), so that the console's pages and the
   * statistics are timed with the seeded days stored. Prints how long that took after the seed.
   */
  static void awaitRefreshed(Options options) throws Exception {
    long start = System.nanoTime();
    long deadline = start + Duration.ofMinutes(options.integer("limit-minutes", 10)).toNanos();
    // the seed's events: the preservation watch goes on expiring the seeded preservations that
    // lapsed, so the refresher always has newer ones
    try (Connection db = DriverManager.getConnection(options.text("jdbc"));
        Statement statement = db.createStatement();
        PreparedStatement refreshed = db.prepareStatement(REFRESHED_TO)) {
      try (ResultSet rows = statement.executeQuery(NEWEST_EVENT)) {
        if (!rows.next()) {
          throw new IllegalStateException("no event in the database: was it seeded?");
        }
        refreshed.setString(1, rows.getString(1));
        refreshed.setLong(2, rows.getLong(2));
      }
      while (true) {
        try (ResultSet rows = refreshed.executeQuery()) {
          rows.next();
          if (rows.getBoolean(1)) {
            break;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the statistics refresher has not caught up");
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
