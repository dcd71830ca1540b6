package org.takedown.gateway.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.takedown.testing.MutableClock;

/**
 * The work queue: what is open, by deadline, with the critical cases marked and a countdown that
 * turns red; each partner's state and counts; a board that shows changes without a reload. Nothing
 * is sent (dispatch off), so requests stay PENDING until the test changes them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkQueuePageIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject MutableClock clock;
  Api api;
  Requests requests;
  ConsoleClient console;
  final String officer = TestTokens.get().officer("officer-1");

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.dispatch.enabled", "false",
        "gateway.polling.enabled", "false",
        "gateway.operations.snapshot-interval", "100ms",
        "test.mutable-clock", "true");
  }

  @BeforeAll
  void connect() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
    console = new ConsoleClient(api);
  }

  /** Submits a one-item META takedown case; returns its request's id. */
  private String submit(String priority, String category) {
    Map<String, Object> body = Cases.oneItem(Platform.META, "TAKEDOWN");
    body.put("priority", priority);
    body.put("category", category);
    return (String) requests.submit(body).get(0).get("id");
  }

  private static List<String> rowIds(ConsoleClient.Page page) {
    return page.html().select("[data-testid=queue-row]").stream()
        .map(row -> row.attr("data-request-id"))
        .toList();
  }

  private static Element row(ConsoleClient.Page page, String id) {
    return page.one("[data-testid=queue-row][data-request-id=" + id + "]");
  }

  @Test
  void listsOpenRequestsEarliestDeadlineFirstAndMarksTerrorismAndEmergencies() {
    String routine = submit("ROUTINE", "FRAUD"); // due in 72 h
    String urgent = submit("URGENT", "SEXTORTION"); // 24 h
    String terrorism = submit("ROUTINE", "TERRORISM"); // 1 h, whatever the priority
    clock.advance(Duration.ofSeconds(1));
    String emergency = submit("EMERGENCY", "THREATS"); // 1 h, a second later

    ConsoleClient.Page page = console.get("/console", officer).assertHtml(200);

    List<String> ids = rowIds(page);
    List<String> mine =
        ids.stream().filter(List.of(routine, urgent, terrorism, emergency)::contains).toList();
    assertEquals(List.of(terrorism, emergency, urgent, routine), mine, page.body());
    assertEquals(1, row(page, terrorism).select("[data-testid=mark-terrorism]").size());
    assertEquals(1, row(page, emergency).select("[data-testid=mark-emergency]").size());
    assertTrue(row(page, terrorism).hasClass("row--critical"));
    assertTrue(row(page, emergency).hasClass("row--critical"));
    assertFalse(row(page, urgent).hasClass("row--critical"));
    assertTrue(row(page, urgent).select("[data-testid^=mark-]").isEmpty());
    // plain links: a row opens in a new tab like any link, without scripts
    Element link = row(page, urgent).selectFirst("a[data-testid=request-link]");
    assertEquals("/console/requests/" + urgent, link.attr("href"));
    console.get(link.attr("href"), officer).assertHtml(200);
  }

  @Test
  void countsDownToTheDeadlineInRedUnderAQuarterOfAnHourThenMarksItOverdue() {
    String terrorism = submit("ROUTINE", "TERRORISM");

    Element fresh = row(console.get("/console", officer), terrorism);
    assertEquals("running", fresh.attr("data-due-state"));
    String text = fresh.selectFirst("[data-testid=countdown]").text();
    assertTrue(text.matches("dans (59 min \\d\\d s|1 h 00 min)"), text);

    clock.advance(Duration.ofMinutes(50));
    Element urgent = row(console.get("/console", officer), terrorism);
    Element countdown = urgent.selectFirst("[data-testid=countdown]");
    assertEquals("urgent", urgent.attr("data-due-state"));
    assertTrue(countdown.hasClass("countdown--urgent"), countdown.outerHtml());
    assertTrue(countdown.text().matches("dans (9|10) min \\d\\d s"), countdown.text());
    assertTrue(countdown.hasAttr("data-countdown-until"), "console.js ticks it from there");
    assertEquals("900", countdown.attr("data-countdown-urgent"));

    clock.advance(Duration.ofMinutes(20));
    ConsoleClient.Page late = console.get("/console", officer);
    Element overdue = row(late, terrorism).selectFirst("[data-testid=countdown]");
    assertTrue(overdue.hasClass("countdown--overdue"), overdue.outerHtml());
    assertTrue(overdue.text().matches("en retard de (9|10) min \\d\\d s"), overdue.text());
    // overdue first: no overdue request after one that is not
    List<String> states = late.html().select("[data-testid=queue-row]").eachAttr("data-due-state");
    int firstOnTime = states.indexOf("running") < 0 ? states.size() : states.indexOf("running");
    int firstUrgent = states.indexOf("urgent") < 0 ? states.size() : states.indexOf("urgent");
    assertTrue(
        states.lastIndexOf("overdue") < Math.min(firstOnTime, firstUrgent), states.toString());
  }

  @Test
  void showsEachPartnersCircuitPauseBacklogAndCountsByState() {
    String first = submit("URGENT", "FRAUD");
    submit("URGENT", "FRAUD");
    requests.act(first, "cancel");
    long pending = officersCount("?platform=META&status=PENDING");
    long cancelled = officersCount("?platform=META&status=CANCELLED");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              ConsoleClient.Page board =
                  console.get("/console/fragments/work-queue", officer).assertHtml(200);
              Element meta = board.one("[data-testid=partner-row][data-platform=META]");
              assertEquals(
                  Long.toString(pending), meta.selectFirst("[data-testid=count-PENDING]").text());
              assertEquals(
                  Long.toString(cancelled),
                  meta.selectFirst("[data-testid=count-CANCELLED]").text());
              assertEquals(
                  Long.toString(pending), meta.selectFirst("[data-testid=backlog]").text());
              assertEquals(Long.toString(pending), meta.selectFirst("[data-testid=open]").text());
            });
    ConsoleClient.Page page = console.get("/console", officer);
    for (String platform : List.of("META", "TIKTOK", "GOOGLE")) {
      Element partner = page.one("[data-testid=partner-row][data-platform=" + platform + "]");
      assertEquals("CLOSED", partner.selectFirst("[data-testid=circuit]").attr("data-circuit"));
      assertEquals("false", partner.selectFirst("[data-testid=paused]").attr("data-paused"));
    }
  }

  private long officersCount(String query) {
    Api.Answer answer = api.get("/api/v1/requests" + query + "&limit=200", officer);
    assertEquals(200, answer.status(), answer.body());
    return answer.list("items").size();
  }

  @Test
  void theBoardShowsAStatusChangeMadeAfterThePageWasRendered() {
    String id = submit("URGENT", "FRAUD");
    ConsoleClient.Page page = console.get("/console", officer).assertHtml(200);
    assertEquals("PENDING", row(page, id).attr("data-status"));
    Element board = page.one("#work-queue-board");
    String fragment = board.attr("hx-get");
    assertEquals("/console/fragments/work-queue", fragment);
    assertTrue(board.attr("hx-trigger").startsWith("every "), board.attr("hx-trigger"));

    assertEquals(200, requests.act(id, "cancel").status());

    ConsoleClient.Page after = console.get(fragment, officer).assertHtml(200);
    assertFalse(after.body().contains("<html"), "a fragment, not a page");
    assertEquals(1, after.html().select("#work-queue-board").size(), "the board, ready to swap");
    assertTrue(
        after.html().select("[data-testid=queue-row][data-request-id=" + id + "]").isEmpty(),
        "a cancelled request is no longer open");
  }
}
