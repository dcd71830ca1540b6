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
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.takedown.gateway.dispatch.PartnerLanes;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;
import org.takedown.sandbox.MetaSimulator;
import org.takedown.sandbox.PartnerSandbox;
import org.takedown.testing.MutableClock;

/**
 * The partners page: each partner's circuit, pause, backlog, due requests and how long the oldest
 * has waited, for officers and admins; an admin's resume of a paused partner and what it did. Meta
 * refuses the gateway's credentials from the start, so it is paused after its first request, with
 * two more waiting; the pause lasts an hour, so no probe ends it during the tests; the last test
 * resumes it. The clock stands still unless a test moves it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnersPageIT implements TestPropertyProvider {

  @Inject EmbeddedServer server;
  @Inject ApplicationContext context;
  @Inject JsonMapper json;
  @Inject MutableClock clock;
  @Inject PartnerLanes lanes;
  final PartnerSandbox sandbox = TestGateway.sandbox();
  Api api;
  Requests requests;
  OfficerConsole admin;
  OfficerConsole officer;
  String refused;
  List<String> waiting;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.enabled", "false",
        "gateway.dispatch.unauthorized-pause", "1h",
        "gateway.operations.snapshot-interval", "100ms",
        "test.mutable-clock", "true");
  }

  @BeforeAll
  void pauseMeta() {
    api = new Api(server.getURL(), json);
    requests = new Requests(api);
    admin = consoleOf("admin-1", "admin");
    officer = consoleOf("officer-1", "liaison-officer");
    sandbox
        .meta()
        .failNextCreates(1000, 401, MetaSimulator.errorBody(190, "Invalid OAuth access token"));
    // refused: its next attempt is a pause away (an hour), so it is in the backlog but not due
    refused = requests.submitTakedown(Platform.META).toString();
    await().atMost(Duration.ofSeconds(20)).until(() -> lanes.isPaused(Platform.META));
    // nothing is sent to a paused partner: these wait, due at once
    waiting =
        List.of(
            requests.submitTakedown(Platform.META).toString(),
            requests.submitTakedown(Platform.META).toString());
  }

  @AfterAll
  void clearFaults() {
    sandbox.meta().reset();
  }

  private static Element partner(ConsoleClient.Page page, String platform) {
    return page.one("[data-testid=partner-row][data-platform=" + platform + "]");
  }

  @Test
  @Order(1)
  void showsEachPartnersStatePauseBacklogAndHowLongTheOldestDueRequestWaited() {
    clock.advance(Duration.ofMinutes(10));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              ConsoleClient.Page board = officer.get("/console/fragments/partners").assertHtml(200);
              Element meta = partner(board, "META");
              assertEquals("3", meta.selectFirst("[data-testid=backlog]").text());
              assertEquals("2", meta.selectFirst("[data-testid=due]").text());
              assertEquals(
                  "depuis 10 min 00 s", meta.selectFirst("[data-testid=oldest-due]").text());
            });
    ConsoleClient.Page page = officer.get("/console/partners").assertHtml(200);
    Element meta = partner(page, "META");
    assertEquals("true", meta.selectFirst("[data-testid=paused]").attr("data-paused"));
    assertEquals("oui : identifiants refusés", meta.selectFirst("[data-testid=paused]").text());
    for (String platform : List.of("TIKTOK", "GOOGLE")) {
      Element other = partner(page, platform);
      assertEquals("false", other.selectFirst("[data-testid=paused]").attr("data-paused"));
      assertEquals("CLOSED", other.selectFirst("[data-testid=circuit]").attr("data-circuit"));
      assertEquals("0", other.selectFirst("[data-testid=due]").text());
      assertEquals("—", other.selectFirst("[data-testid=oldest-due]").text());
    }
    assertEquals("page", page.one("[data-testid=nav-partners]").attr("aria-current"));
    Element board = page.one("#partners-board");
    assertEquals("/console/fragments/partners", board.attr("hx-get"));
    assertTrue(board.attr("hx-trigger").startsWith("every "), board.attr("hx-trigger"));
    assertFalse(page.html().select("#refresh-status").isEmpty(), "a failed refresh is said");
  }

  @Test
  @Order(2)
  void officersSeeThePartnersButMayNotResumeThem() {
    ConsoleClient.Page page = officer.get("/console/partners").assertHtml(200);
    assertTrue(page.html().select("[data-testid=resume-form]").isEmpty());
    assertTrue(page.html().select("[data-testid=dead-letter-link]").isEmpty());

    ConsoleClient.Page refused = officer.post("/console/partners/meta/resume", "").assertHtml(403);

    assertEquals("403", refused.one("[data-testid=error-page]").attr("data-status"));
    assertTrue(lanes.isPaused(Platform.META), "still paused");
  }

  @Test
  @Order(3)
  void aResumeWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
    admin.postWithoutToken("/console/partners/meta/resume", "").assertHtml(403);

    assertTrue(lanes.isPaused(Platform.META));
  }

  @Test
  @Order(4)
  void anUnknownPartnerIsSaidOnThePageNotA500() {
    ConsoleClient.Page page =
        admin.post("/console/partners/my%3Cb%3Espace/resume", "").assertHtml(404);

    assertEquals(
        "Aucun partenaire ne s’appelle « my<b>space ».", page.text("[data-testid=partners-error]"));
    assertTrue(page.html().select("b").isEmpty(), "escaped");
    assertTrue(lanes.isPaused(Platform.META));
  }

  @Test
  @Order(5)
  void resumingAPartnerThatIsNotPausedSaysSo() {
    ConsoleClient.Page page = admin.post("/console/partners/tiktok/resume", "").assertHtml(200);

    Element result = page.one("[data-testid=resume-result]");
    assertEquals("false", result.attr("data-was-paused"));
    assertEquals("TikTok n’était pas en pause : rien à reprendre.", result.text());
    // the language switch comes back to the page, not to the action
    assertEquals("/console/partners", page.one("input[name=back]").attr("value"));
  }

  @Test
  @Order(6)
  void anAdminResumesAPausedPartnerAndSeesWhatItDid() {
    ConsoleClient.Page page = admin.get("/console/partners").assertHtml(200);
    List<Element> forms = page.html().select("[data-testid=resume-form]");
    assertEquals(1, forms.size(), "a resume for the paused partner only");
    Element form = forms.get(0);
    assertEquals("/console/partners/meta/resume", form.attr("action"));
    assertEquals("Reprendre Meta", form.selectFirst("button").text());
    assertEquals(admin.csrfToken(), form.selectFirst("input[name=csrfToken]").attr("value"));
    sandbox.meta().reset(); // the credentials were fixed

    ConsoleClient.Page done = admin.post(form.attr("action"), "").assertHtml(200);

    Element result = done.one("[data-testid=resume-result]");
    assertEquals("true", result.attr("data-was-paused"));
    assertEquals("Envois vers Meta repris : le partenaire n’est plus en pause.", result.text());
    assertFalse(lanes.isPaused(Platform.META));
    assertEquals(
        "false", partner(done, "META").selectFirst("[data-testid=paused]").attr("data-paused"));
    for (String id : waiting) {
      requests.awaitStatus(id, "SUBMITTED");
    }
  }

  @Test
  @Order(7)
  void speaksEnglishWhenTheReaderChoseIt() {
    ConsoleClient.Page page =
        admin
            .get("/console/partners", "Cookie", Language.COOKIE + "=" + Language.EN.code())
            .assertHtml(200);

    assertEquals("Partners", page.text("h1"));
    assertEquals("Oldest due", page.html().select("#partners-state th").get(5).text());
    assertEquals("Partners", page.text("[data-testid=nav-partners]"));
  }

  private OfficerConsole consoleOf(String subject, String... roles) {
    return new OfficerConsole(new ConsoleClient(api), TestConsole.signIn(context, subject, roles));
  }
}
