package org.takedown.gateway.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.views.ModelAndView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.takedown.contracts.RequestStatus;
import org.takedown.contracts.RequestView;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.operations.PartnerBoard;
import org.takedown.gateway.request.RequestStates;
import org.takedown.gateway.status.QueuedRequest;
import org.takedown.gateway.status.RequestReads;

/**
 * {@code GET /console}: the work queue. Its board (the rows, the partners, the counts) is also a
 * fragment of its own, {@code GET /console/fragments/work-queue}, which the page asks for again
 * every few seconds (htmx), so that a change shows without a reload; without scripts the page is
 * the same board, fresh at each load.
 */
@Controller("/console")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
final class WorkQueueController {

  /** How many open requests the queue shows at most. */
  static final int LIMIT = 100;

  static final String VIEW = "console/workQueue";
  static final String BOARD_VIEW = "console/fragments/workQueueBoard";

  private final RequestReads requests;
  private final PartnerBoard partners;
  private final ConsolePages pages;

  WorkQueueController(RequestReads requests, PartnerBoard partners, ConsolePages pages) {
    this.requests = requests;
    this.partners = partners;
    this.pages = pages;
  }

  @Get
  ModelAndView<Map<String, Object>> page(HttpRequest<?> request) {
    Chrome chrome = pages.chrome(request, Section.WORK_QUEUE);
    return ConsolePages.page(VIEW, chrome, read(chrome));
  }

  @Get("/fragments/work-queue")
  ModelAndView<Map<String, Object>> board(HttpRequest<?> request) {
    Chrome chrome = pages.chrome(request, Section.WORK_QUEUE);
    return ConsolePages.page(BOARD_VIEW, chrome, read(chrome));
  }

  private WorkQueuePage read(Chrome chrome) {
    List<WorkQueuePage.Row> rows = new ArrayList<>();
    for (QueuedRequest queued : requests.workQueue(LIMIT)) {
      RequestView r = queued.request();
      rows.add(
          new WorkQueuePage.Row(
              r.id(),
              r.caseId(),
              queued.caseRef(),
              r.platform(),
              r.action(),
              r.status(),
              queued.category(),
              queued.priority(),
              CriticalCases.isCritical(queued.category(), queued.priority()),
              r.canonicalUrl(),
              r.attempts(),
              r.lastError(),
              r.dueAt(),
              chrome.countdown(r.dueAt(), Countdown.DEADLINE_URGENT)));
    }
    PartnerBoard.Board board = partners.read();
    List<RequestStatus> states = Arrays.asList(RequestStatus.values());
    List<WorkQueuePage.PartnerLine> lines = new ArrayList<>();
    long open = 0;
    for (PartnerBoard.Partner partner : board.partners()) {
      List<Long> counts = new ArrayList<>();
      long partnerOpen = 0;
      for (RequestStatus state : states) {
        long count = board.requests(partner.platform(), RequestStates.fromContract(state));
        counts.add(count);
        if (RequestStates.fromContract(state).isOpen()) {
          partnerOpen += count;
        }
      }
      open += partnerOpen;
      lines.add(
          new WorkQueuePage.PartnerLine(
              partner.platform(),
              partner.circuit(),
              partner.dispatching(),
              partner.paused(),
              partner.backlog(),
              List.copyOf(counts),
              partnerOpen));
    }
    return new WorkQueuePage(
        List.copyOf(rows),
        LIMIT,
        open,
        List.copyOf(lines),
        states,
        board.readAt(),
        board.current());
  }
}
