package org.takedown.gateway.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.views.ModelAndView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.console.signin.ConsoleSession;
import org.takedown.gateway.dispatch.PartnerLanes;
import org.takedown.gateway.operations.PartnerBoard;
import org.takedown.gateway.request.RequestState;
import org.takedown.platform.Platform;

/**
 * {@code /console/partners}: each partner's circuit, pause, backlog and the age of its oldest due
 * request ({@link PartnerBoard}, the figures of {@code /health} and {@code /metrics}), for officers
 * and admins; admins resume a paused partner here ({@code POST /console/partners/{partner}/resume},
 * {@link PartnerLanes#resume(Platform, String)}, the same as {@code POST
 * /api/v1/admin/partners/{partner}/resume}) and see what it did. The board is also a fragment,
 * {@code GET /console/fragments/partners}, which the page asks for again every few seconds (htmx).
 */
@Controller("/console")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
final class PartnersPageController {

  static final String VIEW = "console/partners";
  static final String BOARD_VIEW = "console/fragments/partnersBoard";
  static final String PATH = "/console/partners";

  private final PartnerBoard board;
  private final PartnerLanes lanes;
  private final ConsolePages pages;

  PartnersPageController(PartnerBoard board, PartnerLanes lanes, ConsolePages pages) {
    this.board = board;
    this.lanes = lanes;
    this.pages = pages;
  }

  @Get("/partners")
  ModelAndView<Map<String, Object>> page(HttpRequest<?> request) {
    Chrome chrome = pages.chrome(request, Section.PARTNERS);
    return ConsolePages.page(VIEW, chrome, read(chrome, request, null, null));
  }

  @Get("/fragments/partners")
  ModelAndView<Map<String, Object>> board(HttpRequest<?> request) {
    Chrome chrome = pages.chrome(request, Section.PARTNERS);
    return ConsolePages.page(BOARD_VIEW, chrome, read(chrome, request, null, null));
  }

  /**
   * Ends a partner's pause at once, as an admin vouching for rotated credentials does through the
   * API; the page again with what it did. An officer gets the 403 page; a partner that does not
   * exist, or is not configured here, the page with the reason, as a 404.
   */
  @Post("/partners/{partner}/resume")
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
  @Secured(Roles.ADMIN)
  HttpResponse<?> resume(String partner, HttpRequest<?> request, ConsoleSession session) {
    Chrome chrome = pages.chrome(request, Section.PARTNERS).at(PATH);
    Platform platform;
    try {
      platform = Platform.valueOf(partner.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.NOT_FOUND)
          .body(
              ConsolePages.page(
                  VIEW,
                  chrome,
                  read(chrome, request, null, chrome.t("partners.error.unknown", partner))));
    }
    boolean wasPaused = lanes.isPaused(platform);
    if (!lanes.resume(platform, session.subject())) {
      return HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.NOT_FOUND)
          .body(
              ConsolePages.page(
                  VIEW,
                  chrome,
                  read(
                      chrome,
                      request,
                      null,
                      chrome.t("partners.error.notConfigured", chrome.label(platform)))));
    }
    PartnersPage.Resumed resumed =
        new PartnersPage.Resumed(platform, wasPaused, lanes.isPaused(platform));
    return HttpResponse.ok(ConsolePages.page(VIEW, chrome, read(chrome, request, resumed, null)));
  }

  private PartnersPage read(
      Chrome chrome, HttpRequest<?> request, PartnersPage.Resumed resumed, String error) {
    PartnerBoard.Board read = board.read();
    List<PartnersPage.Line> lines = new ArrayList<>();
    for (PartnerBoard.Partner partner : read.partners()) {
      lines.add(
          new PartnersPage.Line(
              partner.platform(),
              partner.circuit(),
              partner.dispatching(),
              partner.paused(),
              partner.backlog(),
              partner.due(),
              partner.due() == 0
                  ? null
                  : Countdown.span(partner.oldestDueAge().getSeconds(), chrome.t("countdown.day")),
              partner.expiring(),
              read.requests(partner.platform(), RequestState.FAILED)));
    }
    return new PartnersPage(
        List.copyOf(lines),
        ConsolePages.isAdmin(request),
        read.readAt(),
        read.current(),
        resumed,
        error);
  }
}
