package org.takedown.gateway.status;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.takedown.contracts.Action;
import org.takedown.contracts.Category;
import org.takedown.contracts.Platform;
import org.takedown.contracts.RequestDetail;
import org.takedown.contracts.RequestPage;
import org.takedown.contracts.RequestStatus;
import org.takedown.gateway.auth.Roles;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.refusal.Violation;

/** Officers list and read requests; a submitter reads the requests of its own cases. */
@Controller("/api/v1/requests")
@ExecuteOn(TaskExecutors.BLOCKING)
final class RequestController {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private final RequestReads requests;

  RequestController(RequestReads requests) {
    this.requests = requests;
  }

  @Get
  @Secured({Roles.LIAISON_OFFICER, Roles.ADMIN})
  RequestPage list(
      @Nullable @QueryValue String status,
      @Nullable @QueryValue String platform,
      @Nullable @QueryValue String action,
      @Nullable @QueryValue String category,
      @Nullable @QueryValue String overdue,
      @Nullable @QueryValue String caseRef,
      @Nullable @QueryValue String limit,
      @Nullable @QueryValue String cursor) {
    List<Violation> violations = new ArrayList<>();
    RequestFilter filter =
        new RequestFilter(
            choice("status", status, RequestStatus.class, violations),
            choice("platform", platform, Platform.class, violations),
            choice("action", action, Action.class, violations),
            choice("category", category, Category.class, violations),
            flag("overdue", overdue, violations),
            caseRef,
            limit(limit, violations),
            cursor == null ? null : cursor(cursor, violations));
    if (!violations.isEmpty()) {
      throw new InvalidInput(violations);
    }
    return requests.list(filter);
  }

  @Get("/{id}")
  @Secured({Roles.CASE_SUBMITTER, Roles.LIAISON_OFFICER, Roles.ADMIN})
  RequestDetail read(UUID id, Authentication caller) {
    String owner = Roles.readsEverything(caller) ? null : caller.getName();
    return requests.find(id, owner).orElseThrow(() -> new NotFound("no request " + id));
  }

  private static <E extends Enum<E>> E choice(
      String name, String value, Class<E> type, List<Violation> violations) {
    if (value == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    violations.add(
        new Violation(
            name,
            "must be one of "
                + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .collect(Collectors.joining(", "))));
    return null;
  }

  private static Boolean flag(String name, String value, List<Violation> violations) {
    if (value == null) {
      return null;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.valueOf(value);
    }
    violations.add(new Violation(name, "must be true or false"));
    return null;
  }

  private static int limit(String value, List<Violation> violations) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    violations.add(new Violation("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    return DEFAULT_LIMIT;
  }

  private static RequestCursor cursor(String value, List<Violation> violations) {
    return RequestCursor.decode(value)
        .orElseGet(
            () -> {
              violations.add(new Violation("cursor", "is not a cursor this gateway issued"));
              return null;
            });
  }
}
