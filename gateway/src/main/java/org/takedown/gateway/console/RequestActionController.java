package org.takedown.gateway.console;

import io.micronaut.context.annotation.Value;
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
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.takedown.gateway.actions.OfficerAction;
import org.takedown.gateway.actions.OfficerActions;
import org.takedown.gateway.actions.Reason;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.refusal.Refusal;

/**
 * {@code POST /console/requests/{id}/retry|cancel|extend-preservation}: the forms of a request's
 * page, through the API's use case ({@link OfficerActions}). A form needs a reason and its
 * confirmation box ticked, else the page comes back (422) with what was typed and the error next to
 * the field. Done: a plain form is redirected to the request's page, which says it once ({@link
 * ActionDone}); an htmx form gets the page's fragment saying it. Refused: the page (or fragment)
 * with the API's problem for it, under the problem's status (409 for the state, 502 when the
 * partner did not extend), never a success.
 */
@Controller("/console/requests")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
final class RequestActionController {

  /** The request page's content, which an htmx form replaces. */
  static final String FRAGMENT = "console/fragments/requestPage";

  /** The value of the ticked confirmation box. */
  static final String CONFIRMED = "yes";

  private final OfficerActions actions;
  private final RequestPages requestPages;
  private final ConsolePages pages;
  private final boolean secureCookies;

  RequestActionController(
      OfficerActions actions,
      RequestPages requestPages,
      ConsolePages pages,
      @Value(ActionDone.SECURE) boolean secureCookies) {
    this.actions = actions;
    this.requestPages = requestPages;
    this.pages = pages;
    this.secureCookies = secureCookies;
  }

  @Post(uri = "/{id}/{action}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> act(
      String id,
      String action,
      HttpRequest<?> request,
      @Nullable @Body byte[] body,
      Authentication officer,
      Viewer viewer) {
    Optional<UUID> uuid = Ids.parse(id);
    Optional<OfficerAction> chosen = OfficerAction.ofWireName(action);
    if (uuid.isEmpty() || chosen.isEmpty()) {
      return pages.notFound(request);
    }
    FormFields form = FormFields.parse(body);
    String reasonText = form.first(Reason.FIELD);
    boolean confirmed = CONFIRMED.equals(form.first("confirm"));
    Optional<Reason.Defect> defect = Reason.defectOf(reasonText);
    if (defect.isPresent() || !confirmed) {
      ActionForm edited =
          new ActionForm(
              uuid.get(),
              chosen.get(),
              reasonText == null ? "" : reasonText,
              defect.map(ConsoleForms::reasonError).orElse(null),
              confirmed ? null : ConsoleForms.CONFIRM_ERROR);
      return render(request, viewer, uuid.get(), HttpStatus.UNPROCESSABLE_ENTITY, null, edited);
    }
    try {
      actions.act(chosen.get(), uuid.get(), officer.getName(), new Reason(reasonText));
    } catch (NotFound gone) {
      return pages.notFound(request);
    } catch (Refusal refusal) {
      ProblemView problem = ProblemView.of(refusal);
      return render(
          request,
          viewer,
          uuid.get(),
          HttpStatus.valueOf(problem.status()),
          ActionNotice.refused(chosen.get(), problem),
          null);
    }
    if (ConsoleForms.isHtmx(request)) {
      return render(
          request, viewer, uuid.get(), HttpStatus.OK, ActionNotice.done(chosen.get()), null);
    }
    return HttpResponse.seeOther(URI.create("/console/requests/" + uuid.get()))
        .cookie(ActionDone.remember(uuid.get(), chosen.get(), secureCookies));
  }

  private HttpResponse<?> render(
      HttpRequest<?> request,
      Viewer viewer,
      UUID id,
      HttpStatus status,
      ActionNotice notice,
      ActionForm edited) {
    Chrome chrome = pages.chrome(request, null);
    Optional<RequestPage> page = requestPages.read(id, viewer, chrome, notice, edited);
    if (page.isEmpty()) {
      return pages.notFound(request);
    }
    String view = ConsoleForms.isHtmx(request) ? FRAGMENT : RequestPageController.VIEW;
    return HttpResponse.status(status).body(ConsolePages.page(view, chrome, page.get()));
  }
}
