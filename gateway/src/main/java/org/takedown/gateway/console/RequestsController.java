package org.takedown.gateway.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.takedown.contracts.RequestView;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.request.RequestStates;
import org.takedown.gateway.status.ListedRequest;
import org.takedown.gateway.status.ListedRequests;
import org.takedown.gateway.status.RequestReads;

/**
 * {@code GET /console/requests}: every request, newest first, filtered as {@code GET
 * /api/v1/requests} filters them ({@link RequestReads#browse}, the same filters under the same
 * names in the query string, so that a filtered view is a link), a page at a time (keyset: the
 * API's cursor). A filter the form sent empty, and the default page size, are left out by a
 * redirect (303) to the same view without them, so that the address to copy is short; a value that
 * cannot be read shows the form again (400) with what is wrong next to its field, and lists
 * nothing.
 */
@Controller("/console/requests")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
final class RequestsController {

  static final String VIEW = "console/requests";

  private final RequestReads requests;
  private final ConsolePages pages;
  private final ConsoleTime time;

  RequestsController(RequestReads requests, ConsolePages pages, ConsoleTime time) {
    this.requests = requests;
    this.pages = pages;
    this.time = time;
  }

  @Get
  HttpResponse<?> list(HttpRequest<?> request) {
    RequestsQuery query = RequestsQuery.of(request.getParameters().asMap());
    if (query.untidy()) {
      return HttpResponse.seeOther(URI.create(query.link()));
    }
    Chrome chrome = pages.chrome(request, Section.REQUESTS);
    Map<String, String> values = values(query);
    RequestsQuery.Reading reading = query.read(time.zone());
    if (!reading.errors().isEmpty()) {
      RequestsPage refused =
          new RequestsPage(
              values, reading.errors(), query.filters(), List.of(), query.firstPage(), null);
      return HttpResponse.badRequest(ConsolePages.page(VIEW, chrome, refused));
    }
    ListedRequests found = requests.browse(reading.filter());
    List<RequestsPage.Row> rows = found.items().stream().map(item -> row(item, chrome)).toList();
    RequestsPage page =
        new RequestsPage(
            values,
            Map.of(),
            query.filters(),
            rows,
            query.hasCursor() ? query.firstPage() : null,
            found.nextCursor() == null ? null : query.page(found.nextCursor()));
    return HttpResponse.ok(ConsolePages.page(VIEW, chrome, page));
  }

  private static Map<String, String> values(RequestsQuery query) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String name : RequestsQuery.FILTERS) {
      String value = query.value(name);
      if (!value.isEmpty()) {
        values.put(name, value);
      }
    }
    return values;
  }

  private static RequestsPage.Row row(ListedRequest item, Chrome chrome) {
    RequestView r = item.request();
    return new RequestsPage.Row(
        r.id(),
        r.caseId(),
        item.caseRef(),
        r.platform(),
        r.action(),
        r.status(),
        r.outcome(),
        item.category(),
        item.priority(),
        CriticalCases.isCritical(item.category(), item.priority()),
        r.canonicalUrl(),
        r.partnerRef(),
        r.createdAt(),
        r.dueAt(),
        RequestStates.fromContract(r.status()).isOpen()
            ? chrome.countdown(r.dueAt(), Countdown.DEADLINE_URGENT)
            : null);
  }
}
