package org.takedown.bench;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stage 6: how fast the console answers an officer over a year of requests. The harness signs in as
 * the development officer through the OpenID Connect flow a browser takes (the gateway's sign-in,
 * the development provider's page, the callback), then asks, one at a time, for the work queue,
 * filtered request lists and request pages, and prints each page's p50 and p95.
 *
 * <p>Measured at the client over loopback, one request at a time: the server's time plus a loopback
 * round trip (well under a millisecond), so an upper bound of the server time.
 */
final class ConsoleBench {

  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI gateway;

  private ConsoleBench(URI gateway) {
    this.gateway = gateway;
  }

  static void run(Options options) throws Exception {
    ConsoleBench bench = new ConsoleBench(URI.create(options.text("gateway")));
    int warmUp = options.integer("warm-up", 200);
    int measured = options.integer("measured", 300);
    bench.signIn(options.text("identity", "officer-1"));
    Sample sample = Sample.of(options.text("jdbc"));
    Figures.note(
        "console: signed in; %d requests sampled, %d warm-up and %d measured calls per page",
        sample.requestIds().size(), warmUp, measured);
    bench.measure("console_queue", i -> "/console", warmUp, measured);
    List<String> lists = sample.listQueries();
    long[] listNanos =
        bench.measure(
            "console_list",
            i -> "/console/requests?" + lists.get(i % lists.size()),
            warmUp,
            measured);
    noteEachKind(lists, listNanos, warmUp);
    List<String> ids = sample.requestIds();
    bench.measure(
        "console_request", i -> "/console/requests/" + ids.get(i % ids.size()), warmUp, measured);
  }

  /** Which filter is slow, when one is: the measured calls' p95 by the filters' names. */
  private static void noteEachKind(List<String> queries, long[] nanos, int warmUp) {
    Map<String, List<Long>> byKind = new LinkedHashMap<>();
    for (int i = 0; i < nanos.length; i++) {
      String query = queries.get((warmUp + i) % queries.size());
      String kind =
          Arrays.stream(query.split("&"))
              .map(pair -> pair.substring(0, pair.indexOf('=')))
              .collect(Collectors.joining("+"));
      byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(nanos[i]);
    }
    byKind.forEach(
        (kind, times) -> {
          long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
          Figures.note(
              "console list by %s: p50 %.1f ms, p95 %.1f ms (%d calls)",
              kind, percentile(sorted, 0.5) / 1e6, percentile(sorted, 0.95) / 1e6, sorted.length);
        });
  }

  /** The browser's way in: every redirect followed by hand, the provider's form filled in. */
  private void signIn(String identity) throws Exception {
    HttpResponse<String> picker = followRedirects(get(gateway.resolve("/console")));
    URI authorize = picker.uri();
    if (picker.statusCode() != 200 || !picker.body().contains("name=\"identity\"")) {
      throw new IllegalStateException(
          "expected the development provider's page, got "
              + picker.statusCode()
              + " at "
              + authorize
              + "; is the gateway the local jar with its development identity provider?");
    }
    Map<String, String> form = new LinkedHashMap<>();
    Matcher hidden = HIDDEN.matcher(picker.body());
    while (hidden.find()) {
      form.put(hidden.group(1), unescape(hidden.group(2)));
    }
    form.put("identity", identity);
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpResponse<String> console =
        followRedirects(
            http.send(
                HttpRequest.newBuilder(authorize.resolve("/authorize"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
    if (console.statusCode() != 200 || !console.uri().getPath().startsWith("/console")) {
      throw new IllegalStateException(
          "sign-in ended at " + console.uri() + " with " + console.statusCode());
    }
  }

  /** Prints the p50 and p95 of the measured calls; returns their times in call order. */
  private long[] measure(String name, IntFunction<String> paths, int warmUp, int measured)
      throws Exception {
    for (int i = 0; i < warmUp; i++) {
      fetch(paths.apply(i));
    }
    long[] nanos = new long[measured];
    for (int i = 0; i < measured; i++) {
      String path = paths.apply(warmUp + i);
      long start = System.nanoTime();
      fetch(path);
      nanos[i] = System.nanoTime() - start;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    Figures.print(name + "_p50_ms", percentile(sorted, 0.50) / 1e6, 1);
    Figures.print(name + "_p95_ms", percentile(sorted, 0.95) / 1e6, 1);
    return nanos;
  }

  private void fetch(String path) throws Exception {
    HttpResponse<String> page = get(gateway.resolve(path));
    if (page.statusCode() != 200) {
      throw new IllegalStateException(
          path + " answered " + page.statusCode() + ": " + abbreviate(page.body()));
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> followRedirects(HttpResponse<String> response) throws Exception {
    for (int hops = 0; hops < 10; hops++) {
      if (response.statusCode() / 100 != 3) {
        return response;
      }
      String location =
          response
              .headers()
              .firstValue("Location")
              .orElseThrow(() -> new IllegalStateException("a redirect without Location"));
      response = get(response.uri().resolve(location));
    }
    throw new IllegalStateException("more than 10 redirects from " + response.uri());
  }

  private static long percentile(long[] sorted, double share) {
    int index = (int) Math.ceil(share * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }

  /**
   * What the officer asks for, drawn from the seeded data: request pages of random requests, and
   * the lists an officer filters most (a partner's failures, the overdue terrorism requests, a
   * month of one partner, a partner reference, a URL, a category's outcomes).
   */
  record Sample(List<String> requestIds, List<String> listQueries) {

    static Sample of(String jdbc) throws Exception {
      List<String> ids = new ArrayList<>();
      List<String> partnerRefs = new ArrayList<>();
      List<String> urls = new ArrayList<>();
      try (Connection db = DriverManager.getConnection(jdbc);
          Statement statement = db.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT id, partner_ref, url FROM takedown_request TABLESAMPLE SYSTEM (1)"
                      + " REPEATABLE (7) LIMIT 1000")) {
        while (rows.next()) {
          ids.add(rows.getString("id"));
          if (rows.getString("partner_ref") != null) {
            partnerRefs.add(rows.getString("partner_ref"));
          }
          urls.add(rows.getString("url"));
        }
      }
      if (ids.isEmpty()) {
        throw new IllegalStateException("no requests in the database: seed it first");
      }
      LocalDate today = LocalDate.now(ZoneId.of("Africa/Casablanca"));
      List<String> lists = new ArrayList<>();
      for (int i = 0; i < Math.min(50, ids.size()); i++) {
        lists.add("status=FAILED&platform=TIKTOK");
        lists.add("category=TERRORISM&overdue=true");
        lists.add("platform=META&createdFrom=" + today.minusDays(30) + "&createdTo=" + today);
        if (!partnerRefs.isEmpty()) {
          lists.add("partnerRef=" + encode(partnerRefs.get(i % partnerRefs.size())));
        }
        lists.add("url=" + encode(urls.get(i % urls.size())));
        lists.add("status=COMPLETED&category=SEXTORTION&platform=GOOGLE");
      }
      return new Sample(ids, lists);
    }
  }
}
