package org.takedown.gateway.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.views.ModelAndView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.takedown.contracts.DeadLetterRetryResult;
import org.takedown.contracts.Platform;
import org.takedown.contracts.RequestDetail;
import org.takedown.contracts.RequestPage;
import org.takedown.contracts.RequestView;
import org.takedown.gateway.actions.OfficerAction;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.console.signin.ConsoleSession;
import org.takedown.gateway.deadletter.DeadLetterFilter;
import org.takedown.gateway.deadletter.DeadLetters;
import org.takedown.gateway.deadletter.RetryDeadLetters;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.refusal.StateConflict;
import org.takedown.gateway.request.PgTime;
import org.takedown.gateway.status.RequestReads;

/**
 * {@code /console/dead-letter}: admins (as the API's dead letter) list the FAILED requests by
 * partner and time of failure ({@link DeadLetters}), then retry ({@link RetryDeadLetters}) either
 * everything the filters select, after a count that changes nothing, or the rows they tick.
 *
 * <ul>
 *   <li>{@code GET /console/dead-letter?platform=&failedFrom=&failedTo=&limit=&cursor=}: the list;
 *       the filters live in the address, so a filtered list can be bookmarked and linked to.
 *   <li>{@code GET /console/dead-letter/retry?<the same filters>}: the dry run, and the form that
 *       confirms it.
 *   <li>{@code POST /console/dead-letter/retry}: the retry, bounded as the count was.
 *   <li>{@code POST /console/dead-letter/retry-selected}: the ticked rows, each with its result.
 * </ul>
 */
@Controller("/console/dead-letter")
@Secured(Roles.ADMIN)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeadLetterPageController {

  static final String VIEW = "console/deadLetter";
  static final String RETRY_VIEW = "console/deadLetterRetry";
  static final String PATH = "/console/dead-letter";

  private final DeadLetters deadLetters;
  private final RetryDeadLetters retry;
  private final RequestReads requests;
  private final ConsolePages pages;
  private final ConsoleTime time;

  DeadLetterPageController(
      DeadLetters deadLetters,
      RetryDeadLetters retry,
      RequestReads requests,
      ConsolePages pages,
      ConsoleTime time) {
    this.deadLetters = deadLetters;
    this.retry = retry;
    this.requests = requests;
    this.pages = pages;
    this.time = time;
  }

  @Get
  HttpResponse<?> list(HttpRequest<?> request) {
    DeadLetterForm form = DeadLetterForm.of(FormFields.query(request));
    Chrome chrome = pages.chrome(request, Section.DEAD_LETTER);
    return listing(chrome, form, Set.of(), null, Map.of());
  }

  /** The dry run: how many requests the filters select, and the form that retries them. */
  @Get("/retry")
  HttpResponse<?> count(HttpRequest<?> request, ConsoleSession session) {
    DeadLetterForm form = DeadLetterForm.of(FormFields.query(request)).at(null);
    Chrome chrome = pages.chrome(request, Section.DEAD_LETTER);
    DeadLetterForm.Read read = form.read(time);
    if (!read.valid()) {
      return listing(chrome.at(PATH + form.query()), form, Set.of(), null, Map.of());
    }
    DeadLetterFilter filter = read.filter();
    boolean endIsCount = false;
    if (filter.failedTo() == null) {
      // "since 02:00" means up to now: the confirmed retry then takes what was counted, and not
      // a failure that came in between (nor a request that failed again after being retried)
      Instant end = PgTime.micros(chrome.now()).plus(1, ChronoUnit.MICROS);
      if (filter.failedFrom() == null || filter.failedFrom().isBefore(end)) {
        filter = new DeadLetterFilter(filter.platform(), filter.failedFrom(), end);
        endIsCount = true;
      }
    }
    DeadLetterRetryResult counted = retry.retry(filter, true, session.subject());
    return HttpResponse.ok(
        ConsolePages.page(
            RETRY_VIEW,
            chrome,
            new DeadLetterRetryPage(
                filter.platform(),
                filter.failedFrom(),
                filter.failedTo(),
                endIsCount,
                counted.matched(),
                null,
                PATH + form.query())));
  }

  /** The retry the count announced: the bounds come back exactly as the count used them. */
  @Post(uri = "/retry", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> retry(
      HttpRequest<?> request, ConsoleSession session, @Nullable @Body byte[] body) {
    FormFields values = FormFields.parse(body);
    DeadLetterForm form =
        new DeadLetterForm(
            values.filled("platform"),
            values.filled("failedFrom"),
            values.filled("failedTo"),
            null,
            null);
    Chrome chrome = pages.chrome(request, Section.DEAD_LETTER).at(PATH + form.query());
    DeadLetterForm.Read read = form.read(time);
    if (!read.valid()) {
      return listing(chrome, form, Set.of(), null, Map.of());
    }
    DeadLetterFilter filter = read.filter();
    DeadLetterRetryResult done = retry.retry(filter, false, session.subject());
    boolean endIsCount = "true".equals(values.filled("endIsCount"));
    // back to the list as it was asked for: open-ended when the end was only the count's moment
    DeadLetterForm back =
        new DeadLetterForm(
            form.platform(), form.failedFrom(), endIsCount ? null : form.failedTo(), null, null);
    return HttpResponse.ok(
        ConsolePages.page(
            RETRY_VIEW,
            chrome,
            new DeadLetterRetryPage(
                filter.platform(),
                filter.failedFrom(),
                filter.failedTo(),
                endIsCount,
                done.matched(),
                done.retried(),
                PATH + back.query())));
  }

  /** The ticked rows, retried; the list again (same filters, same page) with each one's result. */
  @Post(uri = "/retry-selected", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> retrySelected(
      HttpRequest<?> request, ConsoleSession session, Viewer viewer, @Nullable @Body byte[] body) {
    FormFields values = FormFields.parse(body);
    DeadLetterForm form = DeadLetterForm.of(values);
    Chrome chrome = pages.chrome(request, Section.DEAD_LETTER).at(PATH + form.query());
    Set<UUID> ids = new LinkedHashSet<>();
    boolean unreadable = false;
    for (String value : values.all("ids")) {
      UUID id = Ids.parse(value.strip()).orElse(null);
      if (id == null) {
        unreadable = true;
      } else {
        ids.add(id);
      }
    }
    Map<String, String> errors = new HashMap<>();
    if (unreadable) {
      errors.put("ids", "selection.error.unreadable");
    } else if (ids.isEmpty()) {
      errors.put("ids", "selection.error.none");
    } else if (ids.size() > RetryDeadLetters.MAX_SELECTED) {
      errors.put("ids", "selection.error.tooMany");
    }
    if (!errors.isEmpty()) {
      return listing(chrome, form, ids, null, errors);
    }
    List<BulkOutcome.Line> lines = new ArrayList<>();
    for (RetryDeadLetters.SelectedRetry outcome : retry.retrySelected(ids, session.subject())) {
      lines.add(line(outcome, requests.find(outcome.id(), viewer).orElse(null)));
    }
    BulkOutcome results = new BulkOutcome(OfficerAction.RETRY, List.copyOf(lines));
    return listing(chrome, form, Set.of(), results, Map.of());
  }

  /**
   * What a date field shows: the instant in the console's zone, or what was typed if unreadable.
   */
  private String inputValue(Instant read, String typed) {
    return read == null ? typed : time.inputValue(read);
  }

  /** A retry of the selection as the console shows any bulk action's result. */
  private static BulkOutcome.Line line(RetryDeadLetters.SelectedRetry retried, RequestDetail now) {
    return switch (retried.outcome()) {
      case RETRIED -> BulkOutcome.Line.done(retried.id(), now);
      case NOT_FAILED ->
          BulkOutcome.Line.refused(
              retried.id(),
              now,
              new StateConflict(
                  "request is " + retried.status() + "; " + OfficerAction.RETRY.rule(),
                  retried.status(),
                  now == null ? null : now.outcome()));
      case UNKNOWN ->
          BulkOutcome.Line.refused(retried.id(), now, new NotFound("no request " + retried.id()));
    };
  }

  /**
   * The list for {@code form}; with errors in it (or {@code errors} given), the page again with
   * each message next to its field, as a 400, and the rows of the filters that still hold.
   */
  private HttpResponse<ModelAndView<Map<String, Object>>> listing(
      Chrome chrome,
      DeadLetterForm form,
      Set<UUID> selected,
      BulkOutcome results,
      Map<String, String> moreErrors) {
    DeadLetterForm.Read read = form.read(time);
    Map<String, String> errors = new HashMap<>();
    read.errors().forEach((field, key) -> errors.put(field, chrome.t(key)));
    moreErrors.forEach((field, key) -> errors.put(field, chrome.t(key)));
    List<DeadLetterPage.Row> rows = new ArrayList<>();
    String next = null;
    if (read.valid()) {
      RequestPage found = deadLetters.list(read.filter(), read.limit(), read.cursor());
      for (RequestView r : found.items()) {
        rows.add(
            new DeadLetterPage.Row(
                r.id(),
                r.caseId(),
                r.platform(),
                r.action(),
                r.updatedAt(),
                r.attempts(),
                r.lastError(),
                r.canonicalUrl()));
      }
      next = found.nextCursor() == null ? null : PATH + form.at(found.nextCursor()).query();
    }
    DeadLetterPage page =
        new DeadLetterPage(
            form,
            inputValue(read.filter().failedFrom(), form.failedFrom()),
            inputValue(read.filter().failedTo(), form.failedTo()),
            Arrays.asList(Platform.values()),
            List.copyOf(rows),
            next,
            form.cursor() == null ? null : PATH + form.at(null).query(),
            Map.copyOf(errors),
            Set.copyOf(selected),
            results);
    ModelAndView<Map<String, Object>> view = ConsolePages.page(VIEW, chrome, page);
    return errors.isEmpty()
        ? HttpResponse.ok(view)
        : HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.BAD_REQUEST).body(view);
  }
}
