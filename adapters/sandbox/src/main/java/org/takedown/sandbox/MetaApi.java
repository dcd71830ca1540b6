package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The legal request endpoints of the Meta profile: create with dedupe on external_id, read, and the
 * preservation extension.
 */
final class MetaApi {

  static final String RECEIVED = "RECEIVED";

  private static final Set<String> REQUEST_TYPES = Set.of("CONTENT_REMOVAL", "PRESERVATION");
  private static final Set<String> VIOLATION_TYPES =
      Set.of(
          "FRAUD_SCAM",
          "SEXTORTION",
          "BULLYING_HARASSMENT",
          "VIOLENT_THREAT",
          "TERRORISM",
          "CHILD_EXPLOITATION",
          "HATE_SPEECH",
          "OTHER");
  private static final Set<String> READABLE_FIELDS =
      Set.of("id", "status", "outcome", "updated_time", "preserved_until", "decline_reason");
  private static final List<String> DEFAULT_FIELDS = List.of("id", "status", "updated_time");

  private final String accessToken;
  private final RequestStore store;
  private final RequestLifecycle lifecycle;
  private final Clock clock;
  private final IdSequence ids = new IdSequence(1_000_000_000_000_000L, 10_000_000_000_000_000L);

  MetaApi(String accessToken, RequestStore store, RequestLifecycle lifecycle, Clock clock) {
    this.accessToken = accessToken;
    this.store = store;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /** {@code POST /{version}/{agency-id}/legal_requests}. */
  ResponseDefinition create(Request request) {
    authorize(request);
    Map<String, Object> body =
        JsonText.parseObject(request.getBodyAsString())
            .orElseThrow(
                () -> MetaErrors.invalidParameter("The request body must be a JSON object"));
    String externalId = requiredText(body, "external_id");
    requiredText(body, "content_url");
    oneOf(body, "request_type", REQUEST_TYPES);
    oneOf(body, "violation_type", VIOLATION_TYPES);

    Instant now = clock.instant();
    RequestStore.Creation creation =
        store.createIfAbsent(
            externalId, () -> SandboxRequest.received(ids.next(), externalId, RECEIVED, body, now));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", creation.request().id());
    if (!creation.created()) {
      answer.put("duplicate", true);
    }
    return JsonResponse.of(200, answer);
  }

  /** {@code GET /{version}/{id}?fields=...}: the requested fields that have a value. */
  ResponseDefinition read(Request request) {
    authorize(request);
    String path = EndpointTransformer.path(request.getUrl());
    String id = path.substring(path.lastIndexOf('/') + 1);
    SandboxRequest legalRequest =
        store.byId(id).orElseThrow(() -> MetaErrors.unknownObject("get", id));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", legalRequest.id());
    for (String field : requestedFields(request)) {
      Object value = valueOf(legalRequest, field);
      if (value != null) {
        answer.put(field, value);
      }
    }
    return JsonResponse.of(200, answer);
  }

  /**
   * {@code POST /{version}/{id}/extensions}: 90 more days for a preserved request; code 100 for one
   * that preserves nothing.
   */
  ResponseDefinition extend(Request request) {
    authorize(request);
    String path = EndpointTransformer.path(request.getUrl());
    String id = path.substring(path.indexOf('/', 1) + 1, path.lastIndexOf('/'));
    SandboxRequest extended;
    try {
      extended = lifecycle.extend(id);
    } catch (NoSuchElementException e) {
      throw MetaErrors.unknownObject("post", id);
    } catch (IllegalStateException e) {
      throw MetaErrors.invalidParameter(e.getMessage());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("success", true);
    answer.put("preserved_until", Rfc3339.seconds(extended.preservedUntil()));
    return JsonResponse.of(200, answer);
  }

  private void authorize(Request request) {
    boolean valid =
        Credentials.bearerToken(request)
            .map(token -> Credentials.matches(token, accessToken))
            .orElse(false);
    if (!valid) {
      throw MetaErrors.invalidToken();
    }
  }

  private static List<String> requestedFields(Request request) {
    QueryParameter fields = request.queryParameter("fields");
    if (!fields.isPresent()) {
      return DEFAULT_FIELDS;
    }
    List<String> requested = new ArrayList<>();
    for (String value : fields.values()) {
      for (String field : value.split(",")) {
        String name = field.trim();
        if (name.isEmpty()) {
          continue;
        }
        if (!READABLE_FIELDS.contains(name)) {
          throw MetaErrors.invalidParameter(
              "Tried accessing nonexisting field (" + name + ") on node type (LegalRequest)");
        }
        requested.add(name);
      }
    }
    return requested;
  }

  private static Object valueOf(SandboxRequest request, String field) {
    return switch (field) {
      case "status" -> request.status();
      case "updated_time" -> Rfc3339.seconds(request.updatedAt());
      case "outcome" -> "COMPLETED".equals(request.status()) ? request.outcome() : null;
      // The store keeps one outcome per request; for a declined request it is the reason.
      case "decline_reason" -> "DECLINED".equals(request.status()) ? request.outcome() : null;
      case "preserved_until" ->
          request.preservedUntil() == null ? null : Rfc3339.seconds(request.preservedUntil());
      // id is always written.
      default -> null;
    };
  }

  private static String requiredText(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      throw MetaErrors.invalidParameter("The parameter " + field + " is required");
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw MetaErrors.invalidParameter("Param " + field + " must be a non-empty string");
    }
    return text;
  }

  private static void oneOf(Map<String, Object> body, String field, Set<String> allowed) {
    String value = requiredText(body, field);
    if (!allowed.contains(value)) {
      throw MetaErrors.invalidParameter(
          "Param " + field + " must be one of " + allowed.stream().sorted().toList());
    }
  }
}
