package org.takedown.gateway.console;

import io.micronaut.context.annotation.Value;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.takedown.contracts.RequestView;
import org.takedown.gateway.actions.OfficerAction;
import org.takedown.gateway.actions.OfficerActions;
import org.takedown.gateway.actions.Reason;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.console.signin.ConsoleSession;
import org.takedown.gateway.operations.PartnerBoard;
import org.takedown.gateway.status.ListingParameters;
import org.takedown.gateway.status.PreservedRequest;
import org.takedown.gateway.status.RequestCursor;
import org.takedown.gateway.status.RequestReads;
import org.takedown.gateway.tracking.PreservationWatch;

/**
 * {@code /console/preservations}: the preservations partners hold, the first to end first ({@link
 * RequestReads#preservations}), and a bulk extension of the ticked ones with one reason, each
 * through {@link OfficerActions#extendPreservation(UUID, String, Reason)} as the API's extension
 * is, each with its own result ({@link PreservationExtension}).
 *
 * <p>The selection is this page's own for now: checkboxes named {@code ids} in one form, read on
 * the server. The work queue's reusable selection (issue #17, another step) can replace it without
 * changing this controller's contract: a form POST of {@code ids}, {@code reason}, {@code seen}.
 */
@Controller("/console/preservations")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
final class PreservationsPageController {

  static final String VIEW = "console/preservations";
  static final String PATH = "/console/preservations";

  /** The most preservations one extension takes: each is a call to the partner, one at a time. */
  static final int MAX_SELECTED = 100;

  private final RequestReads requests;
  private final PreservationExtension extension;
  private final PartnerBoard partners;
  private final ConsolePages pages;
  private final Duration warnBefore;

  PreservationsPageController(
      RequestReads requests,
      PreservationExtension extension,
      PartnerBoard partners,
      ConsolePages pages,
      @Value(PreservationWatch.WARN_BEFORE) Duration warnBefore) {
    this.requests = requests;
    this.extension = extension;
    this.partners = partners;
    this.pages = pages;
    this.warnBefore = warnBefore;
  }

  @Get
  HttpResponse<?> page(HttpRequest<?> request) {
    FormFields query = FormFields.query(request);
    Chrome chrome = pages.chrome(request, Section.PRESERVATIONS);
    return render(
        chrome,
        query.filled("cursor"),
        query.filled("limit"),
        null,
        Set.of(),
        null,
        Map.of(),
        HttpStatus.OK);
  }

  /**
   * Extends each ticked preservation with the reason given, one after the other; the page again
   * (same position) with what happened to each. A form without a selection or a reason is shown
   * again with the message next to the field, and nothing is extended.
   */
  @Post(uri = "/extend", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> extend(
      HttpRequest<?> request, ConsoleSession session, Viewer viewer, @Nullable @Body byte[] body) {
    FormFields form = FormFields.parse(body);
    String cursor = form.filled("cursor");
    String limit = form.filled("limit");
    Chrome chrome = pages.chrome(request, Section.PRESERVATIONS).at(PATH + query(cursor, limit));
    Set<UUID> ids = new LinkedHashSet<>();
    boolean unreadable = false;
    for (String value : form.all("ids")) {
      Optional<UUID> id = Ids.parse(value.strip());
      id.ifPresent(ids::add);
      unreadable |= id.isEmpty();
    }
    String reason = form.filled("reason") == null ? null : form.filled("reason").strip();
    Map<String, String> errors = new LinkedHashMap<>();
    if (unreadable) {
      errors.put("ids", "selection.error.unreadable");
    } else if (ids.isEmpty()) {
      errors.put("ids", "selection.error.none");
    } else if (ids.size() > MAX_SELECTED) {
      errors.put("ids", "preservations.error.tooMany");
    }
    // the API's own rule for a reason (actions/Reason), each defect with the page's words
    Reason.defectOf(reason)
        .ifPresent(
            defect ->
                errors.put(
                    Reason.FIELD,
                    defect == Reason.Defect.MISSING
                        ? "preservations.error.reasonMissing"
                        : "preservations.error.reasonUnreadable"));
    if (!errors.isEmpty()) {
      return render(chrome, cursor, limit, reason, ids, null, errors, HttpStatus.BAD_REQUEST);
    }
    Map<UUID, Instant> seen = PreservationExtension.seen(form.all("seen"));
    List<BulkOutcome.Line> lines = new ArrayList<>();
    for (UUID id : ids) {
      lines.add(extension.extend(id, seen.get(id), reason, session.subject(), viewer));
    }
    BulkOutcome results = new BulkOutcome(OfficerAction.EXTEND_PRESERVATION, List.copyOf(lines));
    return render(chrome, cursor, limit, null, Set.of(), results, Map.of(), HttpStatus.OK);
  }

  private HttpResponse<ModelAndView<Map<String, Object>>> render(
      Chrome chrome,
      String cursor,
      String limit,
      String reason,
      Set<UUID> selected,
      BulkOutcome results,
      Map<String, String> errorKeys,
      HttpStatus status) {
    List<org.takedown.gateway.refusal.Violation> violations = new ArrayList<>();
    int size =
        limit == null
            ? ListingParameters.DEFAULT_LIMIT
            : ListingParameters.limit(limit, violations);
    RequestCursor after = cursor == null ? null : ListingParameters.cursor(cursor, violations);
    Map<String, String> errors = new LinkedHashMap<>();
    errorKeys.forEach((field, key) -> errors.put(field, chrome.t(key)));
    violations.forEach(v -> errors.put(v.field(), chrome.t("list.error." + v.field())));
    if (!violations.isEmpty()) {
      status = HttpStatus.BAD_REQUEST;
    }
    List<PreservationsPage.Row> rows = new ArrayList<>();
    String next = null;
    if (violations.isEmpty()) {
      RequestReads.PreservationPage found = requests.preservations(size, after);
      Instant warnUntil = chrome.now().plus(warnBefore);
      for (PreservedRequest preserved : found.items()) {
        RequestView r = preserved.request();
        rows.add(
            new PreservationsPage.Row(
                r.id(),
                r.caseId(),
                preserved.caseRef(),
                preserved.category(),
                preserved.priority(),
                r.platform(),
                r.canonicalUrl(),
                r.preservedUntil(),
                chrome.countdown(r.preservedUntil(), warnBefore),
                !r.preservedUntil().isAfter(warnUntil),
                r.id() + "@" + r.preservedUntil()));
      }
      next = found.nextCursor() == null ? null : PATH + query(found.nextCursor(), limit);
    }
    PartnerBoard.Board board = partners.read();
    Long expiring =
        board.readAt() == null
            ? null
            : board.partners().stream().mapToLong(PartnerBoard.Partner::expiring).sum();
    PreservationsPage page =
        new PreservationsPage(
            List.copyOf(rows),
            warnBefore.toDays(),
            expiring,
            reason,
            Set.copyOf(selected),
            Map.copyOf(errors),
            results,
            next,
            cursor == null ? null : PATH + query(null, limit),
            cursor,
            limit,
            Reason.MAX_LENGTH);
    ModelAndView<Map<String, Object>> view = ConsolePages.page(VIEW, chrome, page);
    return HttpResponse.<ModelAndView<Map<String, Object>>>status(status).body(view);
  }

  private static String query(String cursor, String limit) {
    StringBuilder query = new StringBuilder();
    if (limit != null) {
      query.append("?limit=").append(URLEncoder.encode(limit, StandardCharsets.UTF_8));
    }
    if (cursor != null) {
      query
          .append(query.length() == 0 ? '?' : '&')
          .append("cursor=")
          .append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }
    return query.toString();
  }
}
