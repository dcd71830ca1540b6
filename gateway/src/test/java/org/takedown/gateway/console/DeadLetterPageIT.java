package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Refusals;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.sandbox.PartnerSandbox;
import org.takedown.testing.MutableClock;

/**
 * The dead letter in the console, for admins: the FAILED requests by partner and time of failure
 * with the partner's reason, filtered in the console's time zone by the address, paged; everything
 * the filters select retried after a count, or the ticked rows, each with its result. Requests fail
 * for real (the sandbox refuses them for good); the clock stands still unless a test moves it, and
 * each test that makes failures of its own first moves it an hour on, out of the others' ranges.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterPageIT implements TestPropertyProvider {

  private static final ZoneId ZONE = ZoneId.of("Africa/Casablanca");
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;
  @Inject JsonMapper json;
  @Inject MutableClock clock;
  final PartnerSandbox sandbox = TestGateway.sandbox();
  Api api;
  Requests requests;
  OfficerConsole admin;
  OfficerConsole officer;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.enabled", "false",
        "test.mutable-clock", "true",
        // only a wake-up makes the dispatcher look for due requests
        "gateway.dispatch.poll-interval", "1h",
        "gateway.dead-letter.batch-size", "2");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
  }

  /** Fresh sessions: the tests move the clock on by hours, and a session lasts 8. */
  @BeforeEach
  void signIn() {
    admin = consoleOf("admin-1", "admin");
    officer = consoleOf("officer-1", "liaison-officer");
  }

  @AfterEach
  void clearFaults() {
    sandbox.meta().reset();
    sandbox.tiktok().reset();
  }

  /** {@code at} as an officer types it in the console's zone, to the microsecond. */
  private static String local(Instant at) {
    return LOCAL.format(LocalDateTime.ofInstant(at, ZONE));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static List<String> rowIds(ConsoleClient.Page page) {
    return page.html().select("[data-testid=dead-letter-row]").eachAttr("data-request-id");
  }

  @Test
  void listsFailedRequestsByPartnerAndTimeOfFailureWithThePartnersReason() {
    clock.advance(Duration.ofHours(1));
    List<String> meta = failMeta(2);
    clock.advance(Duration.ofMinutes(30));
    String tiktok = failTikTok("invalid_params");
    Instant metaFailed = updatedAt(meta.get(0));
    Instant tiktokFailed = updatedAt(tiktok);
    String range =
        "failedFrom="
            + encode(local(metaFailed))
            + "&failedTo="
            + encode(local(tiktokFailed.plusSeconds(1)));

    ConsoleClient.Page all = admin.get("/console/dead-letter?" + range).assertHtml(200);

    assertEquals(tiktok, rowIds(all).get(0), "the latest failure first");
    assertEquals(Set.of(meta.get(0), meta.get(1), tiktok), new HashSet<>(rowIds(all)));
    Element row = all.one("[data-testid=dead-letter-row][data-request-id=" + tiktok + "]");
    assertEquals("TikTok", row.selectFirst("[data-testid=platform]").text());
    assertTrue(
        row.selectFirst("[data-testid=reason]").text().contains("TikTok error invalid_params"),
        row.outerHtml());
    Element failedAt = row.selectFirst("[data-testid=failed-at] time");
    assertEquals(tiktokFailed.toString().substring(0, 19) + "Z", failedAt.attr("title"));
    assertEquals(
        DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .format(LocalDateTime.ofInstant(tiktokFailed, ZONE)),
        failedAt.text(),
        "in the console's time zone");
    // the filters stay in their fields, in the console's zone
    assertEquals(local(metaFailed).substring(0, 19), all.one("#filter-failed-from").attr("value"));

    ConsoleClient.Page metaOnly = admin.get("/console/dead-letter?platform=META&" + range);
    assertEquals(Set.of(meta.get(0), meta.get(1)), new HashSet<>(rowIds(metaOnly)));
    assertTrue(
        metaOnly.one("#filter-platform option[value=META]").hasAttr("selected"),
        "kept in the form");
    ConsoleClient.Page before =
        admin.get(
            "/console/dead-letter?failedFrom="
                + encode(local(metaFailed))
                + "&failedTo="
                + encode(local(tiktokFailed)));
    assertEquals(
        Set.of(meta.get(0), meta.get(1)),
        new HashSet<>(rowIds(before)),
        "from is inclusive, before is exclusive");
    // an RFC 3339 instant with an offset works too: links made by tools
    ConsoleClient.Page utc =
        admin.get(
            "/console/dead-letter?platform=tiktok&failedFrom=" + encode(tiktokFailed.toString()));
    assertEquals(List.of(tiktok), rowIds(utc));
  }

  @Test
  void pagesWithLinksThatKeepTheFiltersWithoutGapsOrRepeats() {
    clock.advance(Duration.ofHours(1));
    List<String> failed = failMeta(3);
    String start =
        "/console/dead-letter?platform=META&failedFrom="
            + encode(local(updatedAt(failed.get(0))))
            + "&limit=2";

    List<String> seen = new ArrayList<>();
    String next = start;
    int pages = 0;
    while (next != null) {
      ConsoleClient.Page page = admin.get(next).assertHtml(200);
      seen.addAll(rowIds(page));
      Element link = page.html().selectFirst("[data-testid=next-page]");
      next = link == null ? null : link.attr("href");
      if (next != null) {
        assertTrue(next.contains("platform=META") && next.contains("limit=2"), next);
      }
      if (pages > 0) {
        assertTrue(
            page.one("[data-testid=first-page]")
                .attr("href")
                .startsWith("/console/dead-letter?platform=META"));
      }
      pages++;
    }

    assertEquals(2, pages);
    assertEquals(3, seen.size());
    assertEquals(new HashSet<>(failed), new HashSet<>(seen));
  }

  @Test
  void aBrokenFilterShowsThePageAgainWithEachErrorNextToItsField() {
    ConsoleClient.Page broken =
        admin.get(
            "/console/dead-letter?platform=MYSPACE&failedFrom=yesterday&limit=0&cursor=%21%21");

    broken.assertHtml(400);
    assertEquals(
        "Choisissez un partenaire de la liste.", broken.text("[data-testid=error-platform]"));
    assertTrue(
        broken.text("[data-testid=error-failedFrom]").startsWith("Date et heure illisibles"));
    assertEquals("true", broken.one("#filter-failed-from").attr("aria-invalid"));
    assertTrue(
        broken
            .one("#filter-failed-from")
            .attr("aria-describedby")
            .contains("filter-failed-from-error"));
    assertEquals("yesterday", broken.one("#filter-failed-from").attr("value"), "shown as typed");
    assertEquals(1, broken.html().select("[data-testid=error-limit]").size());
    assertEquals(1, broken.html().select("[data-testid=error-cursor]").size());

    Instant now = clock.instant();
    ConsoleClient.Page backwards =
        admin.get(
            "/console/dead-letter/retry?failedFrom="
                + encode(local(now))
                + "&failedTo="
                + encode(local(now.minusSeconds(60))));
    backwards.assertHtml(400);
    assertEquals(
        "« Avant le » doit être postérieur à « depuis le ».",
        backwards.text("[data-testid=error-failedTo]"));
    assertTrue(backwards.html().select("[data-testid=dry-run-count]").isEmpty(), "nothing counted");
  }

  @Test
  void theFiltersRetryCountsFirstThenRetriesWhatWasCountedAndNothingThatFailedSince() {
    clock.advance(Duration.ofHours(1));
    Instant since = clock.instant();
    List<String> tiktok = List.of(failTikTok("invalid_params"), failTikTok("invalid_params"));
    String other = failMeta(1).get(0);
    Map<String, Object> before = requests.get(tiktok.get(0));

    ConsoleClient.Page count =
        admin
            .get("/console/dead-letter/retry?platform=TIKTOK&failedFrom=" + encode(local(since)))
            .assertHtml(200);

    assertEquals("2", count.one("[data-testid=dry-run-count]").attr("data-matched"));
    assertEquals(
        "2 demande(s) en échec correspondent. Rien n’a encore été modifié.",
        count.text("[data-testid=dry-run-count]"));
    assertEquals("TikTok", count.text("[data-testid=retry-platform]"));
    assertEquals(before, requests.get(tiktok.get(0)), "a count changes nothing");
    Element confirm = count.one("form[data-testid=confirm-retry]");
    assertEquals("post", confirm.attr("method"));
    String pinnedEnd = confirm.selectFirst("input[name=failedTo]").attr("value");
    assertTrue(Instant.parse(pinnedEnd).isAfter(updatedAt(tiktok.get(1))), pinnedEnd);
    assertTrue(count.text("[data-testid=retry-to]").contains("moment du comptage"));

    // a TikTok request fails after the count: the confirmed retry leaves it alone
    clock.advance(Duration.ofMinutes(1));
    String later = failTikTok("invalid_params");
    ConsoleClient.Page done =
        admin.post("/console/dead-letter/retry", formOf(confirm)).assertHtml(200);

    assertEquals("2", done.one("[data-testid=retry-result]").attr("data-retried"));
    assertEquals("2", done.one("[data-testid=retry-result]").attr("data-matched"));
    assertEquals(
        "2 demande(s) relancée(s) sur 2 visée(s).", done.text("[data-testid=retry-result]"));
    for (String id : tiktok) {
      requests.awaitStatus(id, "SUBMITTED");
      Map<String, Object> line =
          requests.history(id).stream()
              .filter(h -> "officer".equals(h.get("source")))
              .findFirst()
              .orElseThrow();
      assertEquals("admin-1", line.get("actor"));
      assertEquals("PENDING", line.get("to"));
    }
    assertEquals("FAILED", requests.get(later).get("status"), "it failed after the count");
    assertEquals("FAILED", requests.get(other).get("status"), "another partner's failure");
    String back = done.one("[data-testid=back-to-list]").attr("href");
    assertTrue(back.startsWith("/console/dead-letter?platform=TIKTOK&failedFrom="), back);
    assertFalse(back.contains("failedTo"), "the list as asked: since, until now");
    assertEquals(List.of(later), rowIds(admin.get(back)));
  }

  @Test
  void retriesTheTickedRowsAndSaysWhatHappenedToEach() {
    clock.advance(Duration.ofHours(1));
    List<String> failed = failMeta(3);
    String retriedMeanwhile = failed.get(2);
    assertEquals(200, requests.act(retriedMeanwhile, "retry").status());
    String unknown = UUID.randomUUID().toString();
    String filters = "platform=META&failedFrom=" + encode(local(updatedAt(failed.get(0))));

    ConsoleClient.Page done =
        admin
            .post(
                "/console/dead-letter/retry-selected",
                OfficerConsole.form(
                        "ids",
                        failed.get(0),
                        "ids",
                        failed.get(1),
                        "ids",
                        retriedMeanwhile,
                        "ids",
                        unknown)
                    + "&"
                    + filters)
            .assertHtml(200);

    Map<String, String> outcomes = new java.util.HashMap<>();
    for (Element line : done.html().select("[data-testid=bulk-result-row]")) {
      outcomes.put(line.attr("data-request-id"), line.attr("data-outcome"));
    }
    assertEquals(
        Map.of(
            failed.get(0),
            "done",
            failed.get(1),
            "done",
            retriedMeanwhile,
            "refused",
            unknown,
            "refused"),
        outcomes);
    String notFailed =
        done.one("[data-testid=bulk-result-row][data-request-id=" + retriedMeanwhile + "]")
            .selectFirst("[data-testid=bulk-why]")
            .text();
    assertTrue(notFailed.contains("seule une demande échouée peut être relancée"), notFailed);
    assertEquals(
        "4 demande(s) : 2 relancée(s), 2 non relancée(s).",
        done.text("[data-testid=bulk-summary]"));
    requests.awaitStatus(failed.get(0), "SUBMITTED");
    requests.awaitStatus(failed.get(1), "SUBMITTED");
    assertEquals(
        "retried from the dead letter (selected); attempts reset",
        requests.history(failed.get(0)).stream()
            .filter(h -> "officer".equals(h.get("source")))
            .findFirst()
            .orElseThrow()
            .get("detail"));
    // the list again, with the same filters: the retried rows left it
    assertTrue(rowIds(done).stream().noneMatch(failed::contains), rowIds(done).toString());
    assertEquals(
        "META", done.one("form[data-testid=dead-letter-filters] option[selected]").attr("value"));
  }

  @Test
  void anEmptySelectionIsRefusedNextToTheButtonAndRetriesNothing() {
    clock.advance(Duration.ofHours(1));
    String failed = failMeta(1).get(0);

    ConsoleClient.Page refused =
        admin.post("/console/dead-letter/retry-selected", "platform=META").assertHtml(400);
    assertEquals("Sélectionnez au moins une demande.", refused.text("[data-testid=error-ids]"));
    ConsoleClient.Page unreadable =
        admin.post("/console/dead-letter/retry-selected", "ids=%27%3E%3Cx").assertHtml(400);
    assertEquals(1, unreadable.html().select("[data-testid=error-ids]").size());
    assertEquals("FAILED", requests.get(failed).get("status"));
  }

  @Test
  void onlyAdminsSeeTheDeadLetterOrItsLink() {
    clock.advance(Duration.ofHours(1));
    String failed = failMeta(1).get(0);

    assertEquals(1, admin.get("/console").html().select("[data-testid=nav-dead-letter]").size());
    assertTrue(officer.get("/console").html().select("[data-testid=nav-dead-letter]").isEmpty());
    for (String path :
        List.of("/console/dead-letter", "/console/dead-letter/retry?platform=META")) {
      ConsoleClient.Page page = officer.get(path).assertHtml(403);
      assertEquals("403", page.one("[data-testid=error-page]").attr("data-status"));
      assertFalse(page.body().contains(failed), path);
    }
    for (String path :
        List.of("/console/dead-letter/retry", "/console/dead-letter/retry-selected")) {
      officer
          .post(
              path,
              "ids=" + failed + "&failedTo=" + encode(clock.instant().plusSeconds(1).toString()))
          .assertHtml(403);
    }
    assertEquals("FAILED", requests.get(failed).get("status"), "an officer retried nothing");
    ConsoleClient.Page page = admin.get("/console/dead-letter").assertHtml(200);
    assertEquals("page", page.one("[data-testid=nav-dead-letter]").attr("aria-current"));
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefusedAndRetriesNothing() {
    clock.advance(Duration.ofHours(1));
    String failed = failMeta(1).get(0);
    String end = encode(clock.instant().plusSeconds(1).toString());

    admin
        .postWithoutToken("/console/dead-letter/retry", "platform=META&failedTo=" + end)
        .assertHtml(403);
    admin.postWithoutToken("/console/dead-letter/retry-selected", "ids=" + failed).assertHtml(403);

    assertEquals("FAILED", requests.get(failed).get("status"));
    assertEquals(1, sandbox.meta().createCallsFor(failed), "nothing was resent");
  }

  @Test
  void showsWhatAPartnerWroteAsTextNeverAsMarkup() {
    clock.advance(Duration.ofHours(1));
    String failed = failTikTok("<img src=x onerror=alert(1)>");

    ConsoleClient.Page page =
        admin.get("/console/dead-letter?failedFrom=" + encode(updatedAt(failed).toString()));

    Element reason =
        page.one(
            "[data-testid=dead-letter-row][data-request-id=" + failed + "] [data-testid=reason]");
    assertTrue(reason.text().contains("<img src=x onerror=alert(1)>"), reason.outerHtml());
    assertTrue(page.html().select("img").isEmpty(), "no element came from the partner's text");
    assertFalse(page.body().contains("<img src=x"), "escaped");
  }

  @Test
  void speaksEnglishWhenTheReaderChoseIt() {
    ConsoleClient.Page page =
        admin
            .get("/console/dead-letter", "Cookie", Language.COOKIE + "=" + Language.EN.code())
            .assertHtml(200);

    assertEquals("Failed requests", page.text("h1"));
    assertEquals("Failed from", page.text("label[for=filter-failed-from]"));
    assertEquals("Dead letter", page.text("[data-testid=nav-dead-letter]"));
    assertNotNull(page.html().selectFirst("button[formaction=/console/dead-letter/retry]"));
    assertNull(page.html().selectFirst("[data-testid=results]"), "no result before an action");
  }

  /** The fields of {@code form} as its browser would send them, without the CSRF token. */
  private static String formOf(Element form) {
    List<String> pairs = new ArrayList<>();
    for (Element input : form.select("input[name]")) {
      if (!input.attr("name").equals("csrfToken")) {
        pairs.add(input.attr("name"));
        pairs.add(input.attr("value"));
      }
    }
    return OfficerConsole.form(pairs.toArray(String[]::new));
  }

  private List<String> failMeta(int count) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(Cases.item(Refusals.metaRefuses(), "TAKEDOWN"));
    }
    return submitAndAwaitFailure(items);
  }

  private String failTikTok(String code) {
    return submitAndAwaitFailure(List.of(Cases.item(Refusals.tiktokRefuses(code), "TAKEDOWN")))
        .get(0);
  }

  private List<String> submitAndAwaitFailure(List<Map<String, Object>> items) {
    Map<String, Object> body = Cases.sample();
    body.put("items", items);
    List<String> ids = requests.submit(body).stream().map(r -> (String) r.get("id")).toList();
    ids.forEach(id -> requests.awaitStatus(id, "FAILED"));
    return ids;
  }

  private Instant updatedAt(String id) {
    return Instant.parse((String) requests.get(id).get("updatedAt"));
  }

  private OfficerConsole consoleOf(String subject, String... roles) {
    return new OfficerConsole(new ConsoleClient(api), TestConsole.signIn(context, subject, roles));
  }
}
