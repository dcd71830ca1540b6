package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.takedown.gateway.console.OfficerConsole.form;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.request.HistorySource;
import org.takedown.gateway.testing.Api;
import org.takedown.gateway.testing.RequestStates;
import org.takedown.gateway.testing.RequestStates.State;
import org.takedown.gateway.testing.Requests;
import org.takedown.gateway.testing.TestConsole;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.tracking.ApplyPartnerUpdate;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

/**
 * The actions of a request's page (issue #17): the forms its state allows, each with a reason and a
 * confirmation; done through the API's use case, with the reason and the officer in the timeline;
 * refused with the API's problem on the page; bad input, a missing CSRF token or a submitter's
 * session change nothing. Plain forms (post-redirect-get) and htmx (a fragment) alike. PENDING
 * requests are PendingRequestActionsIT's (they need a gateway that does not dispatch).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestActionsPageIT implements TestPropertyProvider {

  static final String REASON = "Partner outage over, confirmed by phone (ticket 4471)";

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject ApplicationContext context;
  @Inject ApplyPartnerUpdate apply;
  Requests requests;
  RequestStates states;
  OfficerConsole officer;
  ConsoleClient console;

  /** One request per state, for the tests that change nothing. */
  final Map<State, String> unchanged = new EnumMap<>(State.class);

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

  private String unchangedIn(State state) {
    return unchanged.computeIfAbsent(state, states::in);
  }

  private static String path(String id, String action) {
    return "/console/requests/" + id + "/" + action;
  }

  private static String reasonAndConfirmation(String reason) {
    return form("reason", reason, "confirm", "yes");
  }

  static Stream<Arguments> formsByState() {
    return Stream.of(
        Arguments.of(State.SUBMITTED, List.of("cancel")),
        Arguments.of(State.IN_REVIEW, List.of("cancel")),
        Arguments.of(State.FAILED, List.of("retry")),
        Arguments.of(State.COMPLETED_PRESERVED, List.of("extend-preservation")),
        Arguments.of(State.COMPLETED_REMOVED, List.of()),
        Arguments.of(State.CANCELLED, List.of()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("formsByState")
  void offersTheFormsOfTheActionsTheStateAllowsAndNoOther(State state, List<String> actions) {
    String id = unchangedIn(state);

    ConsoleClient.Page page = officer.get("/console/requests/" + id).assertHtml(200);

    List<Element> forms = page.html().select("#request-actions form");
    assertEquals(
        actions, forms.stream().map(f -> f.attr("data-testid").substring(7)).toList(), page.body());
    for (Element form : forms) {
      String action = form.attr("data-testid").substring(7);
      assertEquals("post", form.attr("method"));
      assertEquals(path(id, action), form.attr("action"));
      assertEquals(path(id, action), form.attr("hx-post"), "htmx posts the same form");
      assertEquals(officer.csrfToken(), form.selectFirst("input[name=csrfToken]").val());
      Element reason = form.selectFirst("input[name=reason]");
      assertTrue(reason.hasAttr("required"));
      assertEquals("500", reason.attr("maxlength"));
      assertEquals(1, page.html().select("label[for=" + reason.id() + "]").size(), "labelled");
      Element confirm = form.selectFirst("input[type=checkbox][name=confirm]");
      assertEquals("yes", confirm.val());
      assertEquals(1, page.html().select("label[for=" + confirm.id() + "]").size(), "labelled");
    }
    assertEquals(
        actions.isEmpty(), page.html().selectFirst("[data-testid=no-action]") != null, page.body());
  }

  static Stream<Arguments> allowed() {
    return Stream.of(
        Arguments.of(State.FAILED, "retry", "PENDING"),
        Arguments.of(State.SUBMITTED, "cancel", "CANCELLED"),
        Arguments.of(State.IN_REVIEW, "cancel", "CANCELLED"),
        Arguments.of(State.COMPLETED_PRESERVED, "extend-preservation", "COMPLETED"));
  }

  @ParameterizedTest(name = "{1} from {0}")
  @MethodSource("allowed")
  void anAllowedActionIsDoneAndTheTimelineShowsItWithItsReasonAndOfficer(
      State state, String action, String to) {
    String id = states.in(state);
    int linesBefore = requests.history(id).size();

    ConsoleClient.Page posted = officer.post(path(id, action), reasonAndConfirmation(REASON));

    assertEquals(303, posted.status(), posted.body());
    assertEquals("/console/requests/" + id, posted.header("Location"));
    String done = posted.header("Set-Cookie");
    assertTrue(done.startsWith(ActionDone.COOKIE + "=" + action + ";"), done);
    assertTrue(done.contains("Path=/console/requests/" + id), done);
    assertTrue(done.toLowerCase(java.util.Locale.ROOT).contains("httponly"), done);

    // the redirect's page says it was done, once
    ConsoleClient.Page page =
        officer
            .get("/console/requests/" + id, "Cookie", ActionDone.COOKIE + "=" + action)
            .assertHtml(200);
    Element notice = page.one("[data-testid=action-notice]");
    assertEquals("done", notice.attr("data-outcome"));
    assertEquals(action, notice.attr("data-action"));
    assertEquals("status", notice.attr("role"));
    assertTrue(page.header("Set-Cookie").contains("Max-Age=0"), page.header("Set-Cookie"));
    assertNull(
        officer.get("/console/requests/" + id).html().selectFirst("[data-testid=action-notice]"),
        "a reload does not say it again");

    Element line =
        page.html().select("[data-testid=timeline-entry][data-source=officer]").stream()
            .reduce((first, second) -> second)
            .orElseThrow(() -> new AssertionError("no officer line in\n" + page.body()));
    assertEquals(to, line.attr("data-to"));
    assertEquals("officer-1", line.selectFirst("[data-testid=timeline-actor]").text());
    assertTrue(
        line.selectFirst("[data-testid=timeline-detail]").text().endsWith("; reason: " + REASON),
        line.text());
    // the API reads the same line: the reason is the use case's, not the console's
    List<Map<String, Object>> history = requests.history(id);
    assertTrue(history.size() > linesBefore);
    List<Map<String, Object>> officerLines =
        history.stream().filter(h -> "officer".equals(h.get("source"))).toList();
    Map<String, Object> officerLine = officerLines.get(officerLines.size() - 1);
    assertEquals("officer-1", officerLine.get("actor"));
    assertTrue(((String) officerLine.get("detail")).endsWith("; reason: " + REASON));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(State.SUBMITTED, "retry", "Transmise"),
        Arguments.of(State.SUBMITTED, "extend-preservation", "Transmise"),
        Arguments.of(State.IN_REVIEW, "retry", "En examen"),
        Arguments.of(State.FAILED, "cancel", "Échouée"),
        Arguments.of(State.FAILED, "extend-preservation", "Échouée"),
        Arguments.of(State.COMPLETED_REMOVED, "cancel", "Terminée / Retiré"),
        Arguments.of(State.COMPLETED_REMOVED, "retry", "Terminée / Retiré"),
        Arguments.of(State.COMPLETED_REMOVED, "extend-preservation", "Terminée / Retiré"),
        Arguments.of(State.COMPLETED_PRESERVED, "retry", "Terminée / Conservé"),
        Arguments.of(State.COMPLETED_PRESERVED, "cancel", "Terminée / Conservé"),
        Arguments.of(State.CANCELLED, "cancel", "Annulée"),
        Arguments.of(State.CANCELLED, "retry", "Annulée"));
  }

  @ParameterizedTest(name = "{1} from {0}")
  @MethodSource("refused")
  void anActionTheStateDoesNotAllowShowsTheConflictAndChangesNothing(
      State state, String action, String stateShown) {
    String id = unchangedIn(state);
    Map<String, Object> before = requests.get(id);

    ConsoleClient.Page page =
        officer.post(path(id, action), reasonAndConfirmation(REASON)).assertHtml(409);

    Element notice = page.one("[data-testid=action-notice]");
    assertEquals("refused", notice.attr("data-outcome"));
    assertEquals("alert", notice.attr("role"));
    assertEquals("409", notice.attr("data-problem-status"));
    assertEquals("urn:takedown-gateway:problem:state-conflict", notice.attr("data-problem-type"));
    assertTrue(
        page.text("[data-testid=refused-state]").contains("« " + stateShown + " »"),
        page.text("[data-testid=refused-state]"));
    assertTrue(
        page.text("[data-testid=problem-detail]").startsWith("request is " + before.get("status")),
        page.text("[data-testid=problem-detail]"));
    assertUnchanged(before, requests.get(id));
  }

  @Test
  void aPartnerThatRefusesTheExtensionIsShownAndNothingChanges() {
    // a preservation the partner never made (a callback it since withdrew): it refuses to extend
    String id = states.submitted(Platform.TIKTOK, "PRESERVATION");
    TestGateway.sandbox().tiktok().muteCallbacks(id);
    Instant until = Instant.now().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
    apply.apply(
        Platform.TIKTOK,
        new PartnerUpdate(
            PartnerRef.of((String) requests.get(id).get("partnerRef")),
            PartnerState.COMPLETED,
            Outcome.PRESERVED,
            until,
            Instant.now(),
            "TikTok status COMPLETED, result PRESERVED"),
        HistorySource.PARTNER_CALLBACK);
    Map<String, Object> before = requests.get(id);

    ConsoleClient.Page page =
        officer
            .post(path(id, "extend-preservation"), reasonAndConfirmation(REASON))
            .assertHtml(409);

    Element notice = page.one("[data-testid=action-notice]");
    assertEquals("refused", notice.attr("data-outcome"));
    assertEquals("urn:takedown-gateway:problem:partner-refused", notice.attr("data-problem-type"));
    assertTrue(notice.text().contains("Le partenaire a refusé."), notice.text());
    assertTrue(
        page.text("[data-testid=problem-detail]").startsWith("TIKTOK refused the extension"),
        page.text("[data-testid=problem-detail]"));
    assertUnchanged(before, requests.get(id));
  }

  static Stream<Arguments> badForms() {
    return Stream.of(
        Arguments.of(form("confirm", "yes"), "reason-error", "Indiquez un motif.", ""),
        Arguments.of(reasonAndConfirmation("   "), "reason-error", "Indiquez un motif.", "   "),
        Arguments.of(
            reasonAndConfirmation("x".repeat(501)),
            "reason-error",
            "Le motif dépasse 500 caractères.",
            "x".repeat(501)),
        Arguments.of(
            reasonAndConfirmation("two\nlines"),
            "reason-error",
            "Le motif contient des caractères de contrôle ou des sauts de ligne.",
            "two\nlines"),
        Arguments.of(
            form("reason", REASON), "confirm-error", "Cochez la case pour confirmer.", REASON),
        Arguments.of(
            form("reason", REASON, "confirm", "on"),
            "confirm-error",
            "Cochez la case pour confirmer.",
            REASON));
  }

  @ParameterizedTest
  @MethodSource("badForms")
  void aMissingOrBadReasonOrAnUnconfirmedFormComesBackWithTheErrorAndChangesNothing(
      String form, String errorId, String error, String typed) {
    String id = unchangedIn(State.SUBMITTED);
    Map<String, Object> before = requests.get(id);

    ConsoleClient.Page page = officer.post(path(id, "cancel"), form).assertHtml(422);

    Element cancel = page.one("[data-testid=action-cancel]");
    assertEquals(error, cancel.selectFirst("[data-testid=" + errorId + "]").text());
    assertEquals(typed, cancel.selectFirst("input[name=reason]").val(), "what was typed is kept");
    Element invalid = cancel.selectFirst("[aria-invalid=true]");
    assertNotNull(invalid, cancel.outerHtml());
    assertTrue(invalid.hasAttr("autofocus"), "the field in error takes the focus");
    assertTrue(
        invalid.attr("aria-describedby").contains(cancel.selectFirst(".field-error").id()),
        "the error is the field's description");
    assertNull(page.html().selectFirst("[data-testid=action-notice]"), "no outcome: not tried");
    assertUnchanged(before, requests.get(id));
  }

  @Test
  void withoutTheSessionsCsrfTokenNothingChanges() {
    String id = unchangedIn(State.SUBMITTED);
    Map<String, Object> before = requests.get(id);
    String other = TestConsole.signIn(context, "officer-2", Roles.LIAISON_OFFICER).csrfToken();

    for (String token : List.of("", "&csrfToken=", "&csrfToken=" + OfficerConsole.encode(other))) {
      ConsoleClient.Page page =
          officer.postWithoutToken(path(id, "cancel"), reasonAndConfirmation(REASON) + token);
      page.assertHtml(403);
    }
    ConsoleClient.Page htmx =
        officer.postWithoutToken(
            path(id, "cancel"), reasonAndConfirmation(REASON), "HX-Request", "true");
    assertEquals(403, htmx.status(), "an htmx request without the header is refused too");
    assertUnchanged(before, requests.get(id));
  }

  @Test
  void aSubmitterCannotAct() {
    String id = unchangedIn(State.SUBMITTED);
    Map<String, Object> before = requests.get(id);
    OfficerConsole submitter =
        new OfficerConsole(
            console, TestConsole.signIn(context, "e-blagh-triage", Roles.CASE_SUBMITTER));

    submitter.post(path(id, "cancel"), reasonAndConfirmation(REASON)).assertHtml(403);

    assertUnchanged(before, requests.get(id));
  }

  @Test
  void htmxSendsTheTokenInTheHeaderAndGetsThePagesFragment() {
    String id = states.in(State.SUBMITTED);
    ConsoleClient.Page page = officer.get("/console/requests/" + id).assertHtml(200);
    Map<?, ?> headers = readJson(page.one("body").attr("hx-headers"));
    assertEquals(Map.of("X-CSRF-Token", officer.csrfToken()), headers);
    assertTrue(
        page.one("meta[name=htmx-config]").attr("content").contains("\"code\":\"409|422|502\""),
        "htmx swaps the answers a form expects");

    ConsoleClient.Page done =
        officer.postWithoutToken(
            path(id, "cancel"),
            reasonAndConfirmation(REASON),
            "HX-Request",
            "true",
            "X-CSRF-Token",
            headers.get("X-CSRF-Token").toString());

    assertEquals(200, done.status(), done.body());
    assertTrue(done.html().select("html > body > *").first().is("#request-page"), done.body());
    assertTrue(!done.body().contains("<html"), "a fragment, not a page");
    assertEquals("done", done.one("[data-testid=action-notice]").attr("data-outcome"));
    assertEquals("CANCELLED", done.one("[data-testid=fact-status]").attr("data-status"));
    assertEquals("CANCELLED", requests.get(id).get("status"));

    ConsoleClient.Page again =
        officer.postWithoutToken(
            path(id, "cancel"),
            reasonAndConfirmation(REASON),
            "HX-Request",
            "true",
            "X-CSRF-Token",
            officer.csrfToken());
    assertEquals(409, again.status(), again.body());
    assertEquals("refused", again.one("[data-testid=action-notice]").attr("data-outcome"));
    assertTrue(!again.body().contains("<html"), "a fragment, not a page");
  }

  @Test
  void whatAnOfficerWroteIsShownAsTextNeverAsMarkup() {
    String id = states.in(State.SUBMITTED);
    String hostile = "<img src=x data-hostile=1> \"quoted\" & <script>alert(1)</script>";

    officer.post(path(id, "cancel"), reasonAndConfirmation(hostile));
    ConsoleClient.Page page = officer.get("/console/requests/" + id).assertHtml(200);

    assertTrue(page.html().select("[data-hostile]").isEmpty(), page.body());
    assertTrue(page.html().select("script:not([src])").isEmpty(), page.body());
    assertTrue(
        page.html().select("[data-testid=timeline-detail]").stream()
            .anyMatch(d -> d.text().endsWith("; reason: " + hostile)),
        page.body());
  }

  @Test
  void anUnknownRequestOrActionIsANotFoundPage() {
    String id = unchangedIn(State.SUBMITTED);
    for (String path :
        List.of(
            path("00000000-0000-0000-0000-000000000000", "cancel"),
            path("not-an-id", "cancel"),
            path(id, "delete"))) {
      ConsoleClient.Page page = officer.post(path, reasonAndConfirmation(REASON)).assertHtml(404);
      assertEquals("404", page.one("[data-testid=error-page]").attr("data-status"));
    }
    assertEquals("SUBMITTED", requests.get(id).get("status"));
  }

  /** What an action changes: the state, the outcome, the preservation's end, the history. */
  static void assertUnchanged(Map<String, Object> before, Map<String, Object> after) {
    for (String field : List.of("status", "outcome", "preservedUntil", "attempts")) {
      assertEquals(before.get(field), after.get(field), field + " changed");
    }
    // A poll already in flight when the fixture cancelled its request may still land and write
    // "ignored: already CANCELLED": the partner's doing, not the refused action's.
    assertEquals(
        ownLines(before.get("history")), ownLines(after.get("history")), "history changed");
  }

  /** The history lines the gateway and officers wrote, without those of a partner's answers. */
  private static List<?> ownLines(Object history) {
    return ((List<?>) history)
        .stream()
            .filter(
                line -> !String.valueOf(((Map<?, ?>) line).get("source")).startsWith("partner-"))
            .toList();
  }

  private Map<?, ?> readJson(String text) {
    try {
      return json.readValue(text, Map.class);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
