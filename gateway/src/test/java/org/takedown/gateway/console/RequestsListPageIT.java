package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.TestTokens;
import org.takedown.platform.Platform;

/**
 * The requests list: the API's filters and the console's own (creation days, partner reference,
 * content URL or id) in a query string that is a link, keyset pages, a plain link per row, and a
 * bad value shown next to its field. Requests are delivered to the partner sandbox (so they carry
 * partner references) and not polled (so they stay where the test left them); a terrorism case is
 * due within a millisecond, so its open requests are overdue at once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestsListPageIT implements TestPropertyProvider {

  static final ZoneId ZONE = ZoneId.of("Africa/Casablanca");
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String BREAKOUT = "\"><img src=x onerror=alert(1)>";

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Api api;
  Requests requests;
  ConsoleClient console;
  final String officer = TestTokens.get().officer("officer-1");
  final String admin = TestTokens.get().admin("admin-1");
  final String submitter = TestTokens.get().submitter("e-blagh-triage");

  String spreadRef;
  List<String> spread;
  String overdueTerrorism;
  String cancelledTerrorism;
  List<String> emergency;
  String hostileRef;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.enabled", "false",
        "gateway.deadlines.terrorism", "1ms",
        "gateway.console.time-zone", ZONE.getId());
  }

  @BeforeAll
  void requestsAtThePartners() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
    console = new ConsoleClient(api);
    spreadRef = "EIB-LIST-" + UUID.randomUUID();
    spread = ids(requests.submit(Cases.spread(spreadRef, 9)));
    Map<String, Object> terrorism = Cases.oneItem(Platform.TIKTOK, "TAKEDOWN", "PRESERVATION");
    terrorism.put("category", "TERRORISM");
    terrorism.put("priority", "ROUTINE");
    List<String> terror = ids(requests.submit(terrorism));
    overdueTerrorism = terror.get(0);
    cancelledTerrorism = terror.get(1);
    Map<String, Object> threats = Cases.sample("EIB-LIST-EMERGENCY-" + UUID.randomUUID());
    threats.put("priority", "EMERGENCY");
    threats.put("category", "THREATS");
    emergency = ids(requests.submit(threats));
    hostileRef = SCRIPT + BREAKOUT + " " + UUID.randomUUID();
    requests.submit(Cases.oneItem(Platform.META, "TAKEDOWN"));
    Map<String, Object> hostile = Cases.oneItem(Platform.GOOGLE, "TAKEDOWN");
    hostile.put("externalRef", hostileRef);
    requests.submit(hostile);
    for (String id : everyId()) {
      requests.awaitStatus(id, "SUBMITTED");
    }
    assertEquals(200, requests.act(cancelledTerrorism, "cancel").status());
  }

  private static List<String> ids(List<Map<String, Object>> created) {
    return created.stream().map(r -> (String) r.get("id")).toList();
  }

  /** Every request, newest first, as the API lists them. */
  private List<String> everyId() {
    return apiIds("");
  }

  private List<String> apiIds(String query) {
    Api.Answer answer =
        api.get("/api/v1/requests?limit=200" + (query.isEmpty() ? "" : "&" + query), officer);
    assertEquals(200, answer.status(), answer.body());
    assertNull(answer.json().get("nextCursor"), "one page holds them all");
    return answer.list("items").stream().map(r -> (String) r.get("id")).toList();
  }

  private static List<String> rowIds(ConsoleClient.Page page) {
    return page.html().select("[data-testid=request-row]").eachAttr("data-request-id");
  }

  private ConsoleClient.Page list(String query) {
    return console.get("/console/requests" + (query.isEmpty() ? "" : "?" + query), officer);
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void listsWhatTheApiListsForTheSameQueryString() {
    List<String> queries =
        List.of(
            "",
            "status=SUBMITTED",
            "status=CANCELLED",
            "platform=META",
            "action=PRESERVATION",
            "category=TERRORISM",
            "category=THREATS&platform=TIKTOK",
            "overdue=true",
            "overdue=false",
            "caseRef=" + spreadRef,
            "caseRef=" + spreadRef + "&platform=GOOGLE",
            "category=TERRORISM&overdue=true&action=TAKEDOWN");
    for (String query : queries) {
      List<String> expected = apiIds(query);

      ConsoleClient.Page page = list(query + (query.isEmpty() ? "" : "&") + "limit=200");

      page.assertHtml(200);
      assertEquals(expected, rowIds(page), query);
    }
    // and the filters narrow: what they select is known
    assertEquals(List.of(overdueTerrorism), rowIds(list("category=TERRORISM&overdue=true")));
    assertEquals(
        Set.of(overdueTerrorism, cancelledTerrorism),
        Set.copyOf(rowIds(list("category=TERRORISM"))));
    assertEquals(List.of(cancelledTerrorism), rowIds(list("status=CANCELLED")));
    assertEquals(3, rowIds(list("caseRef=" + spreadRef + "&platform=GOOGLE")).size());
    assertEquals(Set.copyOf(emergency), Set.copyOf(rowIds(list("category=THREATS"))));
  }

  @Test
  void marksTheOverdueTerrorismRequestAndCountsItsDelayDown() {
    Element row =
        list("category=TERRORISM")
            .one("[data-testid=request-row][data-request-id=" + overdueTerrorism + "]");

    assertEquals("overdue", row.attr("data-due-state"));
    assertEquals("SUBMITTED", row.attr("data-status"));
    assertTrue(row.hasClass("row--critical"));
    assertEquals(1, row.select("[data-testid=mark-terrorism]").size());
    assertTrue(row.selectFirst("[data-testid=countdown]").text().startsWith("en retard de"));
    Element cancelled =
        list("category=TERRORISM")
            .one("[data-testid=request-row][data-request-id=" + cancelledTerrorism + "]");
    assertEquals("closed", cancelled.attr("data-due-state"));
    assertTrue(cancelled.select("[data-testid=countdown]").isEmpty());
  }

  @Test
  void findsARequestByItsPartnerReference() {
    String id = spread.get(4);
    String partnerRef = (String) requests.get(id).get("partnerRef");
    String platform = (String) requests.get(id).get("platform");
    String other = platform.equals("META") ? "GOOGLE" : "META";

    ConsoleClient.Page found = list("partnerRef=" + encoded(partnerRef)).assertHtml(200);

    assertEquals(List.of(id), rowIds(found));
    assertEquals(
        "1 demande, les plus récentes d’abord.", found.text("[data-testid=requests-count]"));
    assertEquals(partnerRef, found.text("[data-testid=request-row] [data-testid=partner-ref]"));
    assertEquals(partnerRef, found.one("#filter-partnerRef").attr("value"), "the form keeps it");
    assertEquals(
        List.of(id), rowIds(list("partnerRef=" + encoded(partnerRef) + "&platform=" + platform)));
    assertEquals(
        List.of(), rowIds(list("partnerRef=" + encoded(partnerRef) + "&platform=" + other)));
    assertEquals(List.of(), rowIds(list("partnerRef=" + encoded(partnerRef + "0"))), "exactly");
  }

  @Test
  void findsRequestsByTheAddressAsABrowserShowsItOrByTheContentId() {
    // Cases.sample: TikTok video 7312345678901234567, reported with a tracking parameter
    List<String> tiktok =
        emergency.stream().filter(id -> requests.get(id).get("platform").equals("TIKTOK")).toList();
    assertEquals(2, tiktok.size(), "a takedown and a preservation of the same video");
    String copied = "https://m.tiktok.com/@scam.invest.ma/video/7312345678901234567/?lang=fr#top";

    Set<String> byUrl =
        Set.copyOf(rowIds(list("caseRef=" + encoded(emergencyRef()) + "&url=" + encoded(copied))));
    Set<String> byContentId =
        Set.copyOf(
            rowIds(list("caseRef=" + encoded(emergencyRef()) + "&contentId=7312345678901234567")));

    assertEquals(Set.copyOf(tiktok), byUrl);
    assertEquals(Set.copyOf(tiktok), byContentId);
    // every case made from Cases.sample reported the same video
    assertTrue(rowIds(list("url=" + encoded(copied))).containsAll(tiktok));
    assertEquals(
        List.of(),
        rowIds(list("url=" + encoded("https://tiktok.com/@scam.invest.ma"))),
        "an exact match, not a prefix");
    assertEquals(List.of(), rowIds(list("contentId=731234567890123456")), "an exact match");
  }

  private String emergencyRef() {
    return (String)
        api.get("/api/v1/cases/" + requests.get(emergency.get(0)).get("caseId"), officer)
            .json()
            .get("externalRef");
  }

  @Test
  void filtersByCreationDaysInTheConsolesTimeZone() {
    String id = spread.get(0);
    LocalDate day =
        Instant.parse((String) requests.get(id).get("createdAt")).atZone(ZONE).toLocalDate();
    String ofCase = "caseRef=" + spreadRef + "&";

    assertTrue(rowIds(list(ofCase + "createdFrom=" + day + "&createdTo=" + day)).contains(id));
    assertTrue(rowIds(list(ofCase + "createdFrom=" + day)).contains(id));
    assertTrue(rowIds(list(ofCase + "createdTo=" + day)).contains(id), "the last day included");
    assertFalse(rowIds(list(ofCase + "createdFrom=" + day.plusDays(1))).contains(id));
    assertFalse(rowIds(list(ofCase + "createdTo=" + day.minusDays(1))).contains(id));
    ConsoleClient.Page kept = list(ofCase + "createdFrom=" + day);
    assertEquals(day.toString(), kept.one("#filter-createdFrom").attr("value"));
    assertEquals("date", kept.one("#filter-createdFrom").attr("type"));
  }

  @Test
  void takesTheApisDateTimesAsTheApiDoes() {
    Map<String, Object> request = requests.get(spread.get(0));
    String createdAt = (String) request.get("createdAt");
    String ofCase = "caseRef=" + spreadRef + "&";

    ConsoleClient.Page from = list(ofCase + "createdFrom=" + encoded(createdAt) + "&limit=200");

    assertEquals(apiIds(ofCase + "createdFrom=" + encoded(createdAt)), rowIds(from));
    assertTrue(rowIds(from).contains(spread.get(0)), "createdFrom is inclusive");
    assertFalse(
        rowIds(list(ofCase + "createdTo=" + encoded(createdAt))).contains(spread.get(0)),
        "createdTo is exclusive");
    Element field = from.one("#filter-createdFrom");
    assertEquals("text", field.attr("type"), "a date field could not hold a date-time");
    assertEquals(createdAt, field.attr("value"));
  }

  @Test
  void pagesThroughEveryRequestNewestFirstWithoutGapOrRepeat() {
    for (String filter : List.of("", "caseRef=" + spreadRef + "&")) {
      List<String> expected =
          apiIds(filter.isEmpty() ? "" : filter.substring(0, filter.length() - 1));
      List<String> seen = new ArrayList<>();
      Set<String> unique = new HashSet<>();
      String address = "/console/requests?" + filter + "limit=4";
      int pages = 0;
      while (address != null) {
        ConsoleClient.Page page = console.get(address, officer).assertHtml(200);
        List<String> ids = rowIds(page);
        assertTrue(ids.size() <= 4 && !ids.isEmpty(), address);
        for (String id : ids) {
          assertTrue(unique.add(id), "repeated " + id + " on " + address);
        }
        seen.addAll(ids);
        if (page.html().selectFirst("[data-testid=next-page]") != null) {
          assertEquals(
              "4 demandes sur cette page, les plus récentes d’abord ; d’autres suivent.",
              page.text("[data-testid=requests-count]"));
        }
        if (pages > 0) {
          assertEquals(
              "/console/requests?" + filter + "limit=4",
              page.one("[data-testid=first-page]").attr("href"));
        } else {
          assertTrue(page.html().select("[data-testid=first-page]").isEmpty());
        }
        Element next = page.html().selectFirst("[data-testid=next-page]");
        address = next == null ? null : next.attr("href");
        if (address != null) {
          assertTrue(
              address.startsWith("/console/requests?" + filter + "limit=4&cursor="),
              "the next page keeps the filters: " + address);
        }
        pages++;
      }
      assertEquals(expected, seen, "every request once, newest first");
      assertEquals((expected.size() + 3) / 4, pages);
    }
  }

  @Test
  void eachRowIsAPlainLinkToItsRequestAndToItsCase() {
    ConsoleClient.Page page = list("caseRef=" + spreadRef).assertHtml(200);
    Element row = page.one("[data-testid=request-row][data-request-id=" + spread.get(2) + "]");
    Element link = row.selectFirst("a[data-testid=request-link]");
    Element caseLink = row.selectFirst("a[data-testid=case-link]");

    assertEquals("/console/requests/" + spread.get(2), link.attr("href"));
    assertFalse(link.hasAttr("hx-get") || link.hasAttr("target"), "a plain link");
    assertEquals(spreadRef, caseLink.text());
    ConsoleClient.Page request = console.get(link.attr("href"), officer).assertHtml(200);
    assertEquals(spread.get(2), request.text("[data-testid=fact-id]"));
    ConsoleClient.Page ofCase = console.get(caseLink.attr("href"), officer).assertHtml(200);
    assertEquals(spreadRef, ofCase.text("[data-testid=fact-external-ref]"));
  }

  @Test
  void saysSoWhenNoRequestMatches() {
    ConsoleClient.Page page = list("caseRef=EIB-NOTHING-" + UUID.randomUUID()).assertHtml(200);

    assertEquals(
        "Aucune demande ne correspond à ces filtres.", page.text("[data-testid=requests-empty]"));
    assertTrue(page.html().select("[data-testid=requests-table]").isEmpty());
    assertTrue(page.html().select("[data-testid=pager]").isEmpty());
  }

  @Test
  void aBadFilterValueShowsTheFormAgainWithWhatIsWrongNextToItsField() {
    ConsoleClient.Page page =
        list(
            "status=DONE&caseRef=EIB-KEPT&url=javascript%3Aalert(1)&createdFrom=2024-13-45"
                + "&limit=0&overdue=maybe");

    page.assertHtml(400);
    for (String name : List.of("status", "url", "createdFrom", "limit", "overdue")) {
      Element field = page.one("#filter-" + name);
      assertEquals("true", field.attr("aria-invalid"), name);
      Element error = page.one("[data-testid=field-error-" + name + "]");
      assertTrue(
          List.of(field.attr("aria-describedby").split(" ")).contains(error.id()),
          name + " is described by its error");
      assertEquals(
          "#filter-" + name, page.one("[data-testid=error-summary-" + name + "]").attr("href"));
    }
    assertEquals(
        "Ce n’est pas l’adresse complète (http ou https) d’un contenu de Meta, TikTok ou Google.",
        page.text("[data-testid=field-error-url]"));
    assertEquals("Choisissez un état de la liste.", page.text("[data-testid=field-error-status]"));
    Element caseRef = page.one("#filter-caseRef");
    assertFalse(caseRef.hasAttr("aria-invalid"));
    assertEquals("EIB-KEPT", caseRef.attr("value"), "what was right stays");
    assertEquals("javascript:alert(1)", page.one("#filter-url").attr("value"));
    assertTrue(page.html().select("[data-testid=request-row]").isEmpty(), "nothing listed");
  }

  @Test
  void aRangeThatEndsBeforeItStartsOrAStaleCursorIsSaidSo() {
    ConsoleClient.Page range = list("createdFrom=2024-06-21&createdTo=2024-06-20");
    range.assertHtml(400);
    assertEquals(
        "Cette date précède la date de début.", range.text("[data-testid=field-error-createdTo]"));

    ConsoleClient.Page cursor = list("status=SUBMITTED&cursor=not-a-cursor").assertHtml(400);
    Element item = cursor.one("[data-testid=error-summary-cursor]");
    assertEquals("/console/requests?status=SUBMITTED", item.selectFirst("a").attr("href"));
  }

  @Test
  void aFormSentWithEmptyFieldsLeadsToTheSameViewWithoutThem() {
    ConsoleClient.Page sent =
        list("status=&platform=&category=TERRORISM&overdue=true&caseRef=+&url=&limit=50");

    assertEquals(303, sent.status());
    assertEquals("/console/requests?category=TERRORISM&overdue=true", sent.header("Location"));
    assertEquals(
        "/console/requests?overdue=true&limit=25",
        list("overdue=true&limit=25&url=").header("Location"),
        "a page size other than the default stays");
  }

  @Test
  void showsWhatSubmittersWroteAsTextInRowsAndInTheForm() {
    ConsoleClient.Page page = list("caseRef=" + encoded(hostileRef)).assertHtml(200);

    assertEquals(1, rowIds(page).size(), page.body());
    assertEquals(hostileRef, page.text("[data-testid=request-row] [data-testid=case-link]"));
    assertEquals(hostileRef, page.one("#filter-caseRef").attr("value"));
    assertTrue(page.html().select("script:not([src])").isEmpty(), "no script of theirs");
    assertTrue(page.html().select("img").isEmpty(), "no markup of theirs");
    assertFalse(page.body().contains(SCRIPT));
    assertFalse(page.body().contains(BREAKOUT));
  }

  @Test
  void speaksFrenchByDefaultAndEnglishByChoice() {
    ConsoleClient.Page french = list("caseRef=EIB-NONE");
    assertEquals("Demandes", french.text("h1"));
    assertEquals("État", french.text("label[for=filter-status]"));
    assertEquals("Filtrer", french.text("[data-testid=apply-filters]"));
    assertEquals(
        "Aucune demande ne correspond à ces filtres.", french.text("[data-testid=requests-empty]"));

    ConsoleClient.Page english =
        console.getIn(Language.EN, "/console/requests?caseRef=EIB-NONE", officer).assertHtml(200);
    assertEquals("en", english.html().selectFirst("html").attr("lang"));
    assertEquals("Requests", english.text("h1"));
    assertEquals("Status", english.text("label[for=filter-status]"));
    assertEquals("Filter", english.text("[data-testid=apply-filters]"));
    assertEquals("No request matches these filters.", english.text("[data-testid=requests-empty]"));
    ConsoleClient.Page bad =
        console.getIn(Language.EN, "/console/requests?status=DONE", officer).assertHtml(400);
    assertEquals("Choose a status from the list.", bad.text("[data-testid=field-error-status]"));
  }

  @Test
  void theMenuLeadsToTheListRightAfterTheWorkQueue() {
    ConsoleClient.Page page = list("").assertHtml(200);

    List<String> menu = page.html().select(".site-nav a").eachAttr("data-testid");
    assertEquals(menu.indexOf("nav-work-queue") + 1, menu.indexOf("nav-requests"), menu.toString());
    Element link = page.one("[data-testid=nav-requests]");
    assertEquals("/console/requests", link.attr("href"));
    assertEquals("page", link.attr("aria-current"));
    assertNotEquals(
        "page",
        console.get("/console", officer).one("[data-testid=nav-requests]").attr("aria-current"));
  }

  @Test
  void onlyLiaisonOfficersAndAdminsSeeTheList() {
    String path = "/console/requests?caseRef=" + spreadRef;
    assertEquals(9, rowIds(console.get(path, admin).assertHtml(200)).size());

    ConsoleClient.Page refused = console.get(path, submitter).assertHtml(403);
    assertFalse(refused.body().contains(spread.get(0)));
    assertTrue(refused.html().select("[data-testid=request-row]").isEmpty());
    ConsoleClient.Page anonymous = console.get(path, null);
    assertNotEquals(200, anonymous.status());
    assertFalse(anonymous.body().contains(spread.get(0)));
    ConsoleClient.Page page = console.get(path, officer);
    assertEquals(ConsoleHeaders.CONTENT_SECURITY_POLICY, page.header("Content-Security-Policy"));
    assertEquals("no-store", page.header("Cache-Control"));
  }
}
