package org.takedown.gateway.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.ArrayList;
import java.util.List;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.Violation;

/**
 * {@code GET /api/v1/events?after=&limit=}: every creation and state change of the caller's
 * requests, in order; officers and admins see every request's.
 */
@Controller("/api/v1/events")
@Secured({Roles.CASE_SUBMITTER, Roles.LIAISON_OFFICER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
final class EventsController {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private final EventFeed feed;

  EventsController(EventFeed feed) {
    this.feed = feed;
  }

  @Get
  EventPage events(
      @Nullable @QueryValue String after, @Nullable @QueryValue String limit, Viewer viewer) {
    List<Violation> violations = new ArrayList<>();
    EventCursor cursor = EventCursor.START;
    if (after != null) {
      cursor =
          EventCursor.parse(after)
              .orElseGet(
                  () -> {
                    violations.add(new Violation("after", "is not a cursor this gateway issued"));
                    return EventCursor.START;
                  });
    }
    int size = DEFAULT_LIMIT;
    if (limit != null) {
      try {
        size = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 1 || size > MAX_LIMIT) {
        violations.add(new Violation("limit", "must be a whole number from 1 to " + MAX_LIMIT));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidInput(violations);
    }
    return feed.read(viewer, cursor, size);
  }
}
