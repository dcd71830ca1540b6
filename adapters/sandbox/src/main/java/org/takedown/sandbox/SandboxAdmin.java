package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The sandbox's own HTTP endpoint on each partner's server, to drive requests by hand
 * (docs/api-guide.md shows it with curl), by the gateway's reference:
 *
 * <ul>
 *   <li>{@code GET /__sandbox/requests/{reference}}: the request as the partner holds it;
 *   <li>{@code POST /__sandbox/requests/{reference}/review};
 *   <li>{@code POST .../complete} with {@code {"outcome": "REMOVED"}} (the partner's or the
 *       gateway's word);
 *   <li>{@code POST .../decline} with {@code {"reason": "NOT_FOUND"}};
 *   <li>{@code POST .../preserve}.
 * </ul>
 *
 * A POST body may add {@code "callback": false} to change the request without a callback. Each
 * answers the request's state and what became of the callback ({@code queued}, {@code muted},
 * {@code off} when no callback target is set, {@code unchanged}); errors answer {@code {"error":
 * "..."}} with 404 (unknown reference), 409 (decided already) or 400 (bad outcome or body).
 */
final class SandboxAdmin implements Endpoint {

  static final String PATH_PREFIX = "/__sandbox/requests/";
  static final String PATH_PATTERN = "/__sandbox/requests/[^/]+(/[a-z]+)?";

  private final RequestStore store;
  private final RequestLifecycle lifecycle;

  SandboxAdmin(RequestStore store, RequestLifecycle lifecycle) {
    this.store = store;
    this.lifecycle = lifecycle;
  }

  @Override
  public ResponseDefinition respond(Request request) {
    String[] parts =
        EndpointTransformer.path(request.getUrl()).substring(PATH_PREFIX.length()).split("/");
    String reference = parts[0];
    Optional<String> action = parts.length > 1 ? Optional.of(parts[1]) : Optional.empty();
    boolean post = request.getMethod().equals(RequestMethod.POST);
    if (action.isEmpty()) {
      if (!request.getMethod().equals(RequestMethod.GET)) {
        return error(405, "read a request with GET, change it with POST .../{action}");
      }
      return store
          .byReference(reference)
          .map(found -> JsonResponse.of(200, view(found)))
          .orElseGet(() -> error(404, "no request has the reference " + reference));
    }
    if (!post) {
      return error(405, action.get() + " needs POST");
    }
    Map<String, Object> body;
    if (request.getBodyAsString() == null || request.getBodyAsString().isBlank()) {
      body = Map.of();
    } else {
      Optional<Map<String, Object>> parsed = JsonText.parseObject(request.getBodyAsString());
      if (parsed.isEmpty()) {
        return error(400, "the body must be a JSON object");
      }
      body = parsed.get();
    }
    if (body.containsKey("callback") && !(body.get("callback") instanceof Boolean)) {
      return error(400, "callback must be true or false");
    }
    boolean announce = !Boolean.FALSE.equals(body.get("callback"));
    try {
      RequestLifecycle.Transition transition =
          switch (action.get()) {
            case "review" -> lifecycle.review(reference, announce);
            case "complete" ->
                lifecycle.complete(reference, text(body, "outcome", "REMOVED"), announce);
            case "decline" ->
                lifecycle.decline(reference, text(body, "reason", "NOT_FOUND"), announce);
            case "preserve" -> lifecycle.preserve(reference, announce);
            default -> null;
          };
      if (transition == null) {
        return error(
            404, "no action " + action.get() + "; one of review, complete, decline, preserve");
      }
      Map<String, Object> answer = view(transition.request());
      answer.put("callback", transition.callback().word());
      return JsonResponse.of(200, answer);
    } catch (NoSuchElementException e) {
      return error(404, e.getMessage());
    } catch (IllegalStateException e) {
      return error(409, e.getMessage());
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
  }

  /** The request as the admin endpoint shows it. */
  static Map<String, Object> view(SandboxRequest request) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("reference", request.reference());
    view.put("id", request.id());
    view.put("status", request.status());
    view.put("outcome", request.outcome());
    view.put("preservedUntil", text(request.preservedUntil()));
    view.put("createdAt", text(request.createdAt()));
    view.put("updatedAt", text(request.updatedAt()));
    return view;
  }

  private static String text(Map<String, Object> body, String field, String example) {
    if (!(body.get(field) instanceof String value) || value.isBlank()) {
      throw new IllegalArgumentException(
          "the body needs \"" + field + "\", e.g. {\"" + field + "\": \"" + example + "\"}");
    }
    return value;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static ResponseDefinition error(int status, String message) {
    return JsonResponse.of(status, Map.of("error", message));
  }
}
