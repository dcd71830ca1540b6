package org.takedown.gateway.console;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.Optional;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.custody.ReadCustodyLog;
import org.takedown.gateway.refusal.NotFound;

/**
 * {@code GET /console/custody/entries/{index}}: one entry of the chain of custody, its leaf input,
 * its content's hash, and its inclusion proof to the newest signed checkpoint, checked; {@code
 * .../content}: the exact bytes the entry covers. Both read as the custody endpoints do ({@link
 * ReadCustodyLog}), for the console's session. An index the tree does not hold, or no index at all,
 * is a 404 page.
 */
@Controller("/console/custody/entries")
@Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
final class CustodyPageController {

  static final String VIEW = "console/custodyEntry";

  private final ReadCustodyLog log;
  private final ConsolePages pages;

  CustodyPageController(ReadCustodyLog log, ConsolePages pages) {
    this.log = log;
    this.pages = pages;
  }

  @Get("/{index}")
  @Produces(MediaType.TEXT_HTML)
  HttpResponse<?> page(String index, HttpRequest<?> request) {
    Optional<Long> position = position(index);
    if (position.isEmpty()) {
      return pages.notFound(request);
    }
    ReadCustodyLog.EntryProof entry;
    try {
      entry = log.entryProof(position.get());
    } catch (NotFound e) {
      return pages.notFound(request);
    }
    Chrome chrome = pages.chrome(request, null);
    return HttpResponse.ok(ConsolePages.page(VIEW, chrome, new CustodyEntryPage(entry)));
  }

  @Get("/{index}/content")
  @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_HTML})
  HttpResponse<?> content(String index, HttpRequest<?> request) {
    Optional<Long> position = position(index);
    if (position.isEmpty()) {
      return pages.notFound(request);
    }
    byte[] content;
    try {
      content = log.content(position.get());
    } catch (NotFound e) {
      return pages.notFound(request);
    }
    return HttpResponse.ok(content)
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"custody-entry-" + position.get() + ".bin\"")
        .header(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  /** A whole number from 0, in digits only; empty otherwise. */
  private static Optional<Long> position(String index) {
    if (index == null
        || index.isEmpty()
        || index.length() > 18
        || !index.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(index));
  }
}
