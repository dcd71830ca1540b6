package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.gateway.console.OfficerConsole.form;
import static org.takedown.gateway.console.RequestActionsPageIT.assertUnchanged;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.RequestStates;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.platform.Platform;

/**
 * Bulk actions on selected rows (issue #17): the selection column and bulk form of the work queue
 * and of the requests list, one reason for all, and a result that says what happened to each
 * selected request: done, or refused and why; each request on its own, so a refusal undoes nothing.
 * Bad input, a missing CSRF token or a submitter's session change nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkActionsIT implements TestPropertyProvider {

  static final String PATH = "/console/requests/bulk";
  static final String REASON = "Duplicates of case EIB-2024-000123";

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject ApplicationContext context;
  Requests requests;
  RequestStates states;
  ConsoleClient console;
  OfficerConsole officer;

  @Override
  public Map<String, String> getProperties() {
    return TestGateway.properties(
        "gateway.polling.first-after", "100ms",
        "gateway.polling.max-interval", "500ms",
        "gateway.polling.idle-interval", "50ms");
  }

  @BeforeAll
  void connect() {
    Api api = new Api(server.getURL(), json);
    requests = new Requests(api);
    states = new RequestStates(requests);
    console = new ConsoleClient(api);
    officer =
        new OfficerConsole(
            console, TestConsole.signIn(context, "officer-1", Roles.LIAISON_OFFICER));
  }

  /** The bulk form as the work queue sends it, with {@code ids} ticked. */
  private static String bulk(String action, String reason, boolean confirm, List<String> ids) {
    List<String> fields =
        new ArrayList<>(List.of("back", "/console", "offered", "cancel", "action", action));
    if (reason != null) {
      fields.addAll(List.of("reason", reason));
    }
    if (confirm) {
      fields.addAll(List.of("confirm", "yes"));
    }
    for (String id : ids) {
      fields.addAll(List.of("id", id));
    }
    return form(fields.toArray(String[]::new));
  }

  @Test
  void theWorkQueueHasASelectionColumnAndTheBulkForm() {
    String open = states.submitted(Platform.META, "TAKEDOWN");

    for (String path : List.of("/console", "/console/fragments/work-queue")) {
      ConsoleClient.Page page = officer.get(path).assertHtml(200);
      Element row = page.one("[data-testid=queue-row][data-request-id=" + open + "]");
      Element box = row.selectFirst("input[type=checkbox][name=id]");
      assertNotNull(box, row.outerHtml());
      assertEquals(open, box.val());
      assertEquals("bulk-form", box.attr("form"), "the box belongs to the bulk form");
      assertEquals("select-" + open, box.id());
      assertTrue(box.hasAttr("hx-preserve"), "kept ticked when the board reloads");
      assertEquals("Sélectionner la demande " + open.substring(0, 8), box.attr("aria-label"));
    }

    ConsoleClient.Page page = officer.get("/console").assertHtml(200);
    Element form = page.one("form#bulk-form");
    assertEquals(PATH, form.attr("action"));
    assertEquals("post", form.attr("method"));
    assertEquals(PATH, form.attr("hx-post"));
    assertEquals(officer.csrfToken(), form.selectFirst("input[name=csrfToken]").val());
    assertEquals("/console", form.selectFirst("input[name=back]").val());
    assertEquals(
        List.of("", "cancel"),
        form.select("select[name=action] option").stream().map(Element::val).toList(),
        "the work queue holds open requests: cancel is what applies");
    for (String control : List.of("select[name=action]", "input[name=reason]", "#bulk-confirm")) {
      Element field = form.selectFirst(control);
      assertEquals(1, page.html().select("label[for=" + field.id() + "]").size(), control);
    }
  }

  @Test
  void theRequestsListOffersEveryActionOnItsSelectedRows() {
    String failed = states.failed();
    String link = "/console/requests?status=FAILED";

    ConsoleClient.Page page = officer.get(link).assertHtml(200);

    Element row = page.one("[data-testid=request-row][data-request-id=" + failed + "]");
    Element box = row.selectFirst("input[type=checkbox][name=id]");
    assertNotNull(box, row.outerHtml());
    assertEquals("bulk-form", box.attr("form"));
    assertEquals("Sélectionner la demande " + failed.substring(0, 8), box.attr("aria-label"));
    Element form = page.one("form#bulk-form");
    assertEquals(PATH, form.attr("action"));
    assertEquals(officer.csrfToken(), form.selectFirst("input[name=csrfToken]").val());
    assertEquals(link, form.selectFirst("input[name=back]").val(), "the result leads back here");
    assertEquals(
        List.of("", "retry", "cancel", "extend-preservation"),
        form.select("select[name=action] option").stream().map(Element::val).toList(),
        "a list of any requests offers every action");
  }

  @Test
  void aBulkExtendFromTheRequestsListExtendsEachPreservationAndRefusesTheRest() {
    String preserved = states.preserved();
    String takedown = states.removed();
    Object until = requests.get(preserved).get("preservedUntil");
    String back = "/console/requests?action=PRESERVATION&status=COMPLETED";
    String form =
        form(
            "back",
            back,
            "action",
            "extend-preservation",
            "reason",
            "Prosecutor asked for more",
            "confirm",
            "yes",
            "id",
            preserved,
            "id",
            takedown);

    ConsoleClient.Page page = officer.post(PATH, form).assertHtml(200);

    List<Element> rows = page.html().select("[data-testid=bulk-result-row]");
    assertEquals(
        List.of("done", "refused"), rows.stream().map(r -> r.attr("data-outcome")).toList());
    assertEquals(
        "2 demande(s) : 1 prolongée(s), 1 non prolongée(s).",
        page.text("[data-testid=bulk-summary]"));
    assertEquals(back, page.one("[data-testid=bulk-back]").attr("href"));
    assertNotEquals(until, requests.get(preserved).get("preservedUntil"), "the preservation moved");
    String detail = (String) states.lastOfficerLine(preserved).get("detail");
    assertTrue(
        detail.startsWith("preservation extended to ")
            && detail.endsWith("; reason: Prosecutor asked for more"),
        detail);
    assertEquals("REMOVED", requests.get(takedown).get("outcome"));
  }

  @Test
  void aBulkCancelSaysWhatHappenedToEachSelectedRequest() {
    String first = states.submitted(Platform.META, "TAKEDOWN");
    String completed = states.removed();
    String second = states.inReview();
    String unknown = UUID.randomUUID().toString();
    Map<String, Object> completedBefore = requests.get(completed);

    ConsoleClient.Page page =
        officer
            .post(PATH, bulk("cancel", REASON, true, List.of(first, completed, unknown, second)))
            .assertHtml(200);

    List<Element> rows = page.html().select("[data-testid=bulk-result-row]");
    assertEquals(
        List.of(first, completed, unknown, second),
        rows.stream().map(r -> r.attr("data-request-id")).toList());
    assertEquals(
        List.of("done", "refused", "refused", "done"),
        rows.stream().map(r -> r.attr("data-outcome")).toList());
    assertEquals("CANCELLED", rows.get(0).attr("data-status"));
    assertEquals("COMPLETED", rows.get(1).attr("data-status"));
    assertTrue(
        rows.get(1).selectFirst("[data-testid=bulk-why]").text().contains("« Terminée / Retiré »"),
        rows.get(1).text());
    assertTrue(
        rows.get(1).text().contains("urn:takedown-gateway:problem:state-conflict"),
        rows.get(1).text());
    assertTrue(rows.get(2).text().contains("Demande introuvable."), rows.get(2).text());
    assertEquals("CANCELLED", rows.get(3).attr("data-status"));
    assertEquals(
        "4 demande(s) : 2 annulée(s), 2 non annulée(s).", page.text("[data-testid=bulk-summary]"));
    assertEquals("/console", page.one("[data-testid=bulk-back]").attr("href"));
    assertTrue(page.html().select("form#bulk-form").isEmpty(), "no form without rows to tick");

    for (String id : List.of(first, second)) {
      Map<String, Object> line = states.lastOfficerLine(id);
      assertEquals("CANCELLED", line.get("to"));
      assertEquals("officer-1", line.get("actor"));
      assertEquals("cancelled by an officer; reason: " + REASON, line.get("detail"));
    }
    assertUnchanged(completedBefore, requests.get(completed));
  }

  @Test
  void htmxGetsTheFormBackBlankWithTheResultUnderIt() {
    String failed = states.failed();
    String open = states.submitted(Platform.TIKTOK, "TAKEDOWN");

    ConsoleClient.Page fragment =
        officer.postWithoutToken(
            PATH,
            bulk("retry", REASON, true, List.of(failed, open)),
            "HX-Request",
            "true",
            "X-CSRF-Token",
            officer.csrfToken());

    assertEquals(200, fragment.status(), fragment.body());
    assertFalse(fragment.body().contains("<html"), "a fragment, not a page");
    assertTrue(fragment.html().select("html > body > *").first().is("#bulk-actions"));
    assertEquals("", fragment.one("form#bulk-form input[name=reason]").val(), "blank again");
    assertFalse(fragment.one("#bulk-confirm").hasAttr("checked"), "unticked again");
    assertEquals(
        List.of("done", "refused"),
        fragment.html().select("[data-testid=bulk-result-row]").stream()
            .map(r -> r.attr("data-outcome"))
            .toList());
    assertTrue(
        fragment.text("[data-testid=bulk-summary]").startsWith("2 demande(s) : 1 relancée(s)"),
        fragment.text("[data-testid=bulk-summary]"));
  }

  static Stream<Arguments> badForms() {
    String id = "00000000-0000-0000-0000-000000000001";
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      many.add(UUID.randomUUID().toString());
    }
    return Stream.of(
        Arguments.of(bulk("cancel", REASON, true, List.of()), false, "selection-error"),
        Arguments.of(bulk("cancel", REASON, true, many), true, "selection-error"),
        Arguments.of(
            bulk("cancel", REASON, true, List.of(id, "not-an-id")), true, "selection-error"),
        Arguments.of(bulk("", REASON, true, List.of(id)), true, "action-error"),
        Arguments.of(bulk("delete", REASON, true, List.of(id)), true, "action-error"),
        Arguments.of(bulk("cancel", null, true, List.of(id)), true, "reason-error"),
        Arguments.of(bulk("cancel", "x".repeat(501), true, List.of(id)), true, "reason-error"),
        Arguments.of(bulk("cancel", REASON, false, List.of(id)), true, "confirm-error"));
  }

  @ParameterizedTest
  @MethodSource("badForms")
  void aBadBulkFormComesBackWithTheErrorAndDoesNothing(
      String badForm, boolean selectOpen, String error) {
    String open = states.submitted(Platform.META, "TAKEDOWN");
    Map<String, Object> before = requests.get(open);
    String withOpen = selectOpen ? badForm + "&id=" + open : badForm;

    ConsoleClient.Page page = officer.post(PATH, withOpen).assertHtml(422);

    assertNotNull(page.html().selectFirst("[data-testid=" + error + "]"), page.body());
    assertNull(page.html().selectFirst("[data-testid=bulk-result]"), "nothing was tried");
    assertNotNull(page.html().selectFirst("form#bulk-form"), "the form comes back");
    if (!error.equals("selection-error")) {
      Element kept = page.one("[data-testid=bulk-selection] input[value=" + open + "]");
      assertTrue(kept.hasAttr("checked"), "the selection comes back ticked");
      assertEquals("bulk-form", kept.attr("form"));
    }
    assertUnchanged(before, requests.get(open));
  }

  @Test
  void withoutTheCsrfTokenOrAsASubmitterNothingChanges() {
    String open = states.submitted(Platform.META, "TAKEDOWN");
    Map<String, Object> before = requests.get(open);
    String form = bulk("cancel", REASON, true, List.of(open));

    officer.postWithoutToken(PATH, form).assertHtml(403);
    assertEquals(
        403, officer.postWithoutToken(PATH, form, "HX-Request", "true").status(), "htmx too");
    OfficerConsole submitter =
        new OfficerConsole(
            console, TestConsole.signIn(context, "e-blagh-triage", Roles.CASE_SUBMITTER));
    submitter.post(PATH, form).assertHtml(403);

    assertUnchanged(before, requests.get(open));
  }
}
