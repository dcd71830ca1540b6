package org.takedown.gateway.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;
import org.takedown.sandbox.PartnerSimulator;

/**
 * The preservations page: what partners hold, the first to end first, those ending within the
 * warning marked; a bulk extension of the ticked ones with one reason, through the same action as
 * the API's, each request with its own result. Two preservations are real (the TikTok sandbox
 * preserved them and extends them); two are known to the gateway only (a partner update it was
 * given), so that their ends can be chosen, and the partner refuses to extend them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreservationsPageIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;
  @Inject JsonMapper json;
  @Inject ApplyPartnerUpdate apply;
  final PartnerSimulator tiktok = TestGateway.sandbox().tiktok();
  Api api;
  Requests requests;
  OfficerConsole officer;
  String real1;
  String real2;
  String soon;
  String later;
  String takedown;
  String laterCaseRef;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.first-after", "100ms",
        "gateway.polling.max-interval", "500ms",
        "gateway.polling.idle-interval", "50ms",
        "gateway.operations.snapshot-interval", "100ms");
  }

  @BeforeAll
  void preserveSome() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
    officer = consoleOf("officer-1", "liaison-officer");
    real1 = preservedByTikTok();
    real2 = preservedByTikTok();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    soon =
        preservedByTheGatewayOnly(
            Cases.oneItem(Platform.TIKTOK, "PRESERVATION"), now.plus(Duration.ofDays(5)));
    Map<String, Object> marked = Cases.oneItem(Platform.META, "PRESERVATION");
    laterCaseRef = "EIB-<script>alert(1)</script>-" + UUID.randomUUID();
    marked.put("externalRef", laterCaseRef);
    later = preservedByTheGatewayOnly(marked, now.plus(Duration.ofDays(200)));
    takedown = requests.submitTakedown(Platform.GOOGLE).toString();
  }

  private String preservedByTikTok() {
    String id =
        (String) requests.submit(Cases.oneItem(Platform.TIKTOK, "PRESERVATION")).get(0).get("id");
    requests.awaitStatus(id, "SUBMITTED");
    tiktok.preserve(id);
    assertEquals("PRESERVED", requests.awaitStatus(id, "COMPLETED").get("outcome"));
    return id;
  }

  /** A preservation the partner never made: the gateway was told of one ending {@code until}. */
  private String preservedByTheGatewayOnly(Map<String, Object> body, Instant until) {
    String id = (String) requests.submit(body).get(0).get("id");
    requests.awaitStatus(id, "SUBMITTED");
    Platform platform = Platform.valueOf((String) requests.get(id).get("platform"));
    TestGateway.simulator(platform).muteCallbacks(id);
    apply.apply(
        platform,
        new PartnerUpdate(
            PartnerRef.of((String) requests.get(id).get("partnerRef")),
            PartnerState.COMPLETED,
            Outcome.PRESERVED,
            until,
            Instant.now(),
            "preserved"),
        HistorySource.PARTNER_CALLBACK);
    assertEquals("COMPLETED", requests.get(id).get("status"));
    return id;
  }

  private static List<String> rowIds(ConsoleClient.Page page) {
    return page.html().select("[data-testid=preservation-row]").eachAttr("data-request-id");
  }

  private static Element row(ConsoleClient.Page page, String id) {
    return page.one("[data-testid=preservation-row][data-request-id=" + id + "]");
  }

  private Map<String, String> outcomes(ConsoleClient.Page page) {
    Map<String, String> outcomes = new HashMap<>();
    for (Element line : page.html().select("[data-testid=bulk-result-row]")) {
      outcomes.put(line.attr("data-request-id"), line.attr("data-outcome"));
    }
    return outcomes;
  }

  /** The row of the extension's result that says what happened to {@code id}. */
  private static Element result(ConsoleClient.Page page, String id) {
    return page.one("[data-testid=bulk-result-row][data-request-id=" + id + "]");
  }

  /** The extension form of {@code page} with {@code ids} ticked and {@code reason}, as sent. */
  private static String extendForm(ConsoleClient.Page page, String reason, String... ids) {
    List<String> pairs = new ArrayList<>();
    for (Element seen : page.html().select("form[data-testid=extend-form] input[name=seen]")) {
      pairs.add("seen");
      pairs.add(seen.attr("value"));
    }
    for (String id : ids) {
      pairs.add("ids");
      pairs.add(id);
    }
    if (reason != null) {
      pairs.add("reason");
      pairs.add(reason);
    }
    return OfficerConsole.form(pairs.toArray(String[]::new));
  }

  @Test
  void listsHeldPreservationsFirstToEndFirstAndMarksThoseEndingWithinTheWarning() {
    ConsoleClient.Page page = officer.get("/console/preservations").assertHtml(200);

    List<String> ids = rowIds(page);
    assertFalse(ids.contains(takedown), "a takedown is no preservation");
    assertTrue(ids.indexOf(soon) < ids.indexOf(real1), ids.toString());
    assertTrue(ids.indexOf(soon) < ids.indexOf(real2), ids.toString());
    assertTrue(ids.indexOf(real1) < ids.indexOf(later), ids.toString());
    assertTrue(ids.indexOf(real2) < ids.indexOf(later), ids.toString());
    Element ending = row(page, soon);
    assertEquals("true", ending.attr("data-expiring"));
    assertEquals(1, ending.select("[data-testid=mark-expiring]").size());
    Element countdown = ending.selectFirst("[data-testid=preservation-countdown]");
    assertTrue(countdown.hasClass("countdown--urgent"), countdown.outerHtml());
    assertTrue(countdown.text().matches("dans [45] j \\d\\d h"), countdown.text());
    assertEquals(
        requests.get(soon).get("preservedUntil").toString().substring(0, 19) + "Z",
        ending.selectFirst("[data-testid=preserved-until] time").attr("title"));
    Element held = row(page, later);
    assertEquals("false", held.attr("data-expiring"));
    assertTrue(held.select("[data-testid=mark-expiring]").isEmpty());
    assertEquals(laterCaseRef, held.selectFirst("[data-testid=case-link]").text(), "as text");
    assertFalse(page.body().contains("<script>alert(1)"), "escaped");
    assertEquals("page", page.one("[data-testid=nav-preservations]").attr("aria-current"));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertTrue(
                    officer
                        .get("/console/preservations")
                        .text("[data-testid=expiring-count]")
                        .startsWith("1 conservation(s) expirent dans les 14 jours")));
  }

  @Test
  void extendsTheTickedWithOneReasonAndSaysWhatHappenedToEach() {
    ConsoleClient.Page page = officer.get("/console/preservations").assertHtml(200);
    String unknown = UUID.randomUUID().toString();
    Instant until = Instant.parse((String) requests.get(real1).get("preservedUntil"));
    int soonCalls = tiktok.extendCallsFor(soon);
    Object soonUntil = requests.get(soon).get("preservedUntil");

    ConsoleClient.Page done =
        officer
            .post(
                "/console/preservations/extend",
                extendForm(
                    page, "Réquisition n° 12 <b>du parquet</b>", real1, soon, takedown, unknown))
            .assertHtml(200);

    assertEquals(
        Map.of(
            real1, "done",
            soon, "refused",
            takedown, "refused",
            unknown, "refused"),
        outcomes(done));
    Element extended = result(done, real1);
    Instant newEnd = Instant.parse((String) requests.get(real1).get("preservedUntil"));
    assertEquals(
        until.plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS),
        newEnd.truncatedTo(ChronoUnit.SECONDS));
    assertEquals(
        newEnd.toString().substring(0, 19) + "Z",
        extended.selectFirst("[data-testid=bulk-state] time").attr("title"));
    assertTrue(extended.text().contains("Fait Terminée jusqu’au"), extended.text());
    String refused = result(done, soon).selectFirst("[data-testid=bulk-why]").text();
    assertTrue(refused.contains("Le partenaire a refusé."), refused);
    assertTrue(refused.contains("TIKTOK refused the extension: "), "what the partner said");
    String notHeld = result(done, takedown).selectFirst("[data-testid=bulk-why]").text();
    assertTrue(notHeld.contains("seule une conservation terminée"), notHeld);
    String notFound = result(done, unknown).selectFirst("[data-testid=bulk-why]").text();
    assertTrue(notFound.startsWith("Demande introuvable."), notFound);
    assertEquals(
        "4 demande(s) : 1 prolongée(s), 3 non prolongée(s).",
        done.text("[data-testid=bulk-summary]"));
    assertEquals(1, tiktok.extendCallsFor(real1));
    assertEquals(soonCalls + 1, tiktok.extendCallsFor(soon));
    List<Map<String, Object>> history = requests.history(real1);
    Map<String, Object> last = history.get(history.size() - 1);
    assertEquals("officer", last.get("source"));
    assertEquals("officer-1", last.get("actor"));
    assertTrue(
        ((String) last.get("detail")).endsWith("; reason: Réquisition n° 12 <b>du parquet</b>"),
        last.toString());
    assertEquals(
        soonUntil, requests.get(soon).get("preservedUntil"), "a refused extension changes nothing");
  }

  @Test
  void aFormSentTwiceExtendsOnce() {
    ConsoleClient.Page page = officer.get("/console/preservations");
    String form = extendForm(page, "Prolongation demandée par le juge", real2);
    int calls = tiktok.extendCallsFor(real2);

    ConsoleClient.Page first = officer.post("/console/preservations/extend", form).assertHtml(200);
    ConsoleClient.Page again = officer.post("/console/preservations/extend", form).assertHtml(200);

    assertEquals(Map.of(real2, "done"), outcomes(first));
    assertEquals(Map.of(real2, "refused"), outcomes(again));
    String changed = result(again, real2).selectFirst("[data-testid=bulk-why]").text();
    assertTrue(changed.contains("extended after the page showed it"), changed);
    assertEquals(calls + 1, tiktok.extendCallsFor(real2), "the partner was asked once");
  }

  @Test
  void aFormWithoutReasonOrSelectionIsShownAgainWithTheErrorNextToTheField() {
    ConsoleClient.Page page = officer.get("/console/preservations");
    int calls = tiktok.extendCallsFor(real1) + tiktok.extendCallsFor(real2);

    ConsoleClient.Page noReason =
        officer
            .post("/console/preservations/extend", extendForm(page, "  ", real1))
            .assertHtml(400);
    assertEquals(
        "Indiquez le motif de la prolongation.", noReason.text("[data-testid=error-reason]"));
    assertEquals("true", noReason.one("#extend-reason").attr("aria-invalid"));
    assertTrue(
        noReason.one("#extend-reason").attr("aria-describedby").contains("extend-reason-error"));
    assertTrue(
        row(noReason, real1).selectFirst("[data-testid=select-row]").hasAttr("checked"), "kept");
    assertTrue(noReason.html().select("[data-testid=results]").isEmpty());

    ConsoleClient.Page noSelection =
        officer
            .post("/console/preservations/extend", extendForm(page, "Motif écrit"))
            .assertHtml(400);
    assertEquals("Sélectionnez au moins une demande.", noSelection.text("[data-testid=error-ids]"));
    assertEquals("Motif écrit", noSelection.one("#extend-reason").text(), "kept");

    ConsoleClient.Page tooLong =
        officer
            .post("/console/preservations/extend", extendForm(page, "x".repeat(501), real1))
            .assertHtml(400);
    assertEquals(1, tooLong.html().select("[data-testid=error-reason]").size());
    assertEquals(
        calls, tiktok.extendCallsFor(real1) + tiktok.extendCallsFor(real2), "nothing extended");
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefusedAndExtendsNothing() {
    ConsoleClient.Page page = officer.get("/console/preservations");
    int calls = tiktok.extendCallsFor(real1);

    officer
        .postWithoutToken("/console/preservations/extend", extendForm(page, "Motif", real1))
        .assertHtml(403);

    assertEquals(calls, tiktok.extendCallsFor(real1));
  }

  @Test
  void pagesByEndWithoutGapsOrRepeats() {
    List<String> seen = new ArrayList<>();
    String next = "/console/preservations?limit=1";
    while (next != null) {
      ConsoleClient.Page page = officer.get(next).assertHtml(200);
      List<String> ids = rowIds(page);
      assertEquals(1, ids.size(), page.body());
      seen.addAll(ids);
      Element link = page.html().selectFirst("[data-testid=next-page]");
      next = link == null ? null : link.attr("href");
      assertTrue(seen.size() <= 10, "no end to the pages: " + seen);
    }

    assertEquals(4, seen.size(), seen.toString());
    List<String> byEnd = new ArrayList<>(seen);
    byEnd.sort(
        Comparator.comparing(
                (String id) -> Instant.parse((String) requests.get(id).get("preservedUntil")))
            .thenComparing(id -> id));
    assertEquals(byEnd, seen);
    officer.get("/console/preservations?cursor=%21%21").assertHtml(400);
  }

  @Test
  void speaksEnglishWhenTheReaderChoseIt() {
    ConsoleClient.Page page =
        officer
            .get("/console/preservations", "Cookie", Language.COOKIE + "=" + Language.EN.code())
            .assertHtml(200);

    assertEquals("Preservations", page.text("h1"));
    assertEquals("Ends soon", row(page, soon).selectFirst("[data-testid=mark-expiring]").text());
    assertEquals("Reason for the extension", page.text("label[for=extend-reason]"));
    assertEquals(
        "Select request " + soon.substring(0, 8),
        row(page, soon).selectFirst("[data-testid=select-row]").attr("aria-label"));
  }

  private OfficerConsole consoleOf(String subject, String... roles) {
    return new OfficerConsole(new ConsoleClient(api), TestConsole.signIn(context, subject, roles));
  }
}
