package org.takedown.gateway.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.takedown.gateway.actions.ActionResult;
import org.takedown.gateway.actions.OfficerAction;
import org.takedown.gateway.actions.OfficerActions;
import org.takedown.gateway.actions.Reason;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.status.RequestReads;

/**
 * {@code POST /console/requests/bulk}: one action, one reason, on every request selected in a list
 * ({@link BulkPanel}), each in its own transaction through the API's use case ({@link
 * OfficerActions#actOnEach}), so that one refusal undoes nothing of the others. The answer lists
 * every selected request with what happened to it. A plain form gets the result page ({@value
 * #VIEW}); an htmx form gets the form's fragment ({@value #FRAGMENT}) with the result under it. No
 * action chosen, no or a bad reason, the confirmation unticked, no or too many requests selected:
 * the form again (422) with the error next to its field, and nothing done.
 */
@Controller("/console/requests")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
final class BulkActionController {

  static final String VIEW = "console/bulk";
  static final String FRAGMENT = "console/fragments/bulkActions";

  private final OfficerActions actions;
  private final RequestReads requests;
  private final ConsolePages pages;

  BulkActionController(OfficerActions actions, RequestReads requests, ConsolePages pages) {
    this.actions = actions;
    this.requests = requests;
    this.pages = pages;
  }

  @Post(uri = "/bulk", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> act(
      HttpRequest<?> request, @Nullable @Body byte[] body, Authentication officer, Viewer viewer) {
    FormFields form = FormFields.parse(body);
    String back = LanguageController.safeBack(form.first("back"));
    List<OfficerAction> offered = offered(form);
    Optional<OfficerAction> action =
        Optional.ofNullable(form.first("action")).flatMap(OfficerAction::ofWireName);
    String reasonText = form.first(Reason.FIELD);
    Optional<Reason.Defect> defect = Reason.defectOf(reasonText);
    boolean confirmed = RequestActionController.CONFIRMED.equals(form.first("confirm"));
    Set<UUID> selected = new LinkedHashSet<>();
    boolean unreadable = false;
    for (String id : form.all("id")) {
      Optional<UUID> uuid = Ids.parse(id);
      uuid.ifPresent(selected::add);
      unreadable |= uuid.isEmpty();
    }
    String selectionError =
        unreadable
            ? "bulk.error.unreadable"
            : selected.isEmpty()
                ? "bulk.error.none"
                : selected.size() > OfficerActions.MAX_BULK ? "bulk.error.tooMany" : null;
    if (action.isEmpty() || defect.isPresent() || !confirmed || selectionError != null) {
      BulkPanel again =
          new BulkPanel(
              back,
              offered,
              action.orElse(null),
              reasonText == null ? "" : reasonText,
              action.isEmpty() ? "bulk.error.action" : null,
              defect.map(ConsoleForms::reasonError).orElse(null),
              confirmed ? null : ConsoleForms.CONFIRM_ERROR,
              selectionError,
              List.copyOf(selected),
              null);
      return render(request, HttpStatus.UNPROCESSABLE_ENTITY, again);
    }
    List<ActionResult> results =
        actions.actOnEach(
            action.get(), List.copyOf(selected), officer.getName(), new Reason(reasonText));
    List<BulkOutcome.Line> lines = new ArrayList<>();
    for (ActionResult result : results) {
      lines.add(
          BulkOutcome.Line.of(result, requests.find(result.requestId(), viewer).orElse(null)));
    }
    // the form comes back blank: a bulk action is not repeated by a second click
    BulkPanel done =
        new BulkPanel(
            back,
            offered,
            null,
            "",
            null,
            null,
            null,
            null,
            List.of(),
            new BulkOutcome(action.get(), List.copyOf(lines)));
    return render(request, HttpStatus.OK, done);
  }

  /** The actions the form offered (its hidden {@code offered} fields); all when it names none. */
  private static List<OfficerAction> offered(FormFields form) {
    List<OfficerAction> offered =
        form.all("offered").stream()
            .map(OfficerAction::ofWireName)
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    return offered.isEmpty() ? List.of(OfficerAction.values()) : offered;
  }

  private HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, BulkPanel panel) {
    Chrome chrome = pages.chrome(request, null);
    String view = ConsoleForms.isHtmx(request) ? FRAGMENT : VIEW;
    return HttpResponse.status(status).body(ConsolePages.page(view, chrome, panel));
  }
}
