package org.takedown.sandbox;

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
 * The TikTok profile: client-credentials tokens, create with dedupe on client_reference, the batch
 * status query, and the preservation extension.
 */
final class TikTokApi {

  static final String PENDING = "PENDING";
  static final int MAX_QUERY_IDS = 20;

  private static final Set<String> REQUEST_TYPES = Set.of("REMOVAL", "PRESERVATION");
  private static final Set<String> CATEGORIES =
      Set.of(
          "FRAUD_AND_SCAMS",
          "SEXUAL_EXPLOITATION",
          "HARASSMENT_AND_BULLYING",
          "VIOLENT_THREATS",
          "VIOLENT_EXTREMISM",
          "MINOR_SAFETY",
          "HATEFUL_BEHAVIOR",
          "OTHER");

  private final String clientKey;
  private final String clientSecret;
  private final TokenRegistry tokens;
  private final RequestStore store;
  private final RequestLifecycle lifecycle;
  private final Clock clock;
  private final IdSequence ids = new IdSequence(7_000_000_000_000_000_000L, Long.MAX_VALUE);

  TikTokApi(
      String clientKey,
      String clientSecret,
      TokenRegistry tokens,
      RequestStore store,
      RequestLifecycle lifecycle,
      Clock clock) {
    this.clientKey = clientKey;
    this.clientSecret = clientSecret;
    this.tokens = tokens;
    this.store = store;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /** {@code POST /v2/oauth/token/}, form client_key, client_secret, grant_type. */
  ResponseDefinition token(Request request) {
    Map<String, String> form;
    try {
      form = FormBody.parse(request.getBodyAsString());
    } catch (IllegalArgumentException e) {
      throw TikTokEnvelope.oauthError(400, "invalid_request", "The form body is malformed.");
    }
    if (!Credentials.matches(form.get("client_key"), clientKey)
        || !Credentials.matches(form.get("client_secret"), clientSecret)) {
      throw TikTokEnvelope.oauthError(
          401, "invalid_client", "Client key or client secret is invalid.");
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      throw TikTokEnvelope.oauthError(
          400, "unsupported_grant_type", "Only grant_type client_credentials is supported.");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", tokens.issue());
    answer.put("expires_in", tokens.lifetime().toSeconds());
    answer.put("token_type", "Bearer");
    return JsonResponse.of(200, answer);
  }

  /** {@code POST /v2/legal/requests/}: a duplicate client_reference answers 409 with the id. */
  ResponseDefinition create(Request request) {
    authorize(request);
    Map<String, Object> body = jsonBody(request);
    String reference = requiredText(body, "client_reference");
    requiredText(body, "target_url");
    oneOf(body, "request_type", REQUEST_TYPES);
    oneOf(body, "category", CATEGORIES);

    Instant now = clock.instant();
    RequestStore.Creation creation =
        store.createIfAbsent(
            reference, () -> SandboxRequest.received(ids.next(), reference, PENDING, body, now));
    Map<String, Object> data = Map.of("request_id", creation.request().id());
    if (creation.created()) {
      return TikTokEnvelope.ok(data);
    }
    return TikTokEnvelope.response(
        409, "duplicate_request", "A request with this client_reference already exists.", data);
  }

  /** {@code POST /v2/legal/requests/query/}: up to 20 ids; unknown ids are left out. */
  ResponseDefinition query(Request request) {
    authorize(request);
    Map<String, Object> body = jsonBody(request);
    if (!(body.get("request_ids") instanceof List<?> ids)
        || ids.isEmpty()
        || ids.size() > MAX_QUERY_IDS
        || !ids.stream().allMatch(String.class::isInstance)) {
      throw TikTokEnvelope.invalidParams(
          "request_ids must be a list of 1 to " + MAX_QUERY_IDS + " request ids.");
    }
    List<Map<String, Object>> requests = new ArrayList<>();
    for (Object id : ids) {
      store.byId((String) id).map(TikTokApi::describe).ifPresent(requests::add);
    }
    return TikTokEnvelope.ok(Map.of("requests", requests));
  }

  /**
   * {@code POST /v2/legal/requests/extend/} {@code {"request_id"}}: 90 more days for a preserved
   * request; {@code invalid_params} for an unknown one or one that preserves nothing.
   */
  ResponseDefinition extend(Request request) {
    authorize(request);
    String id = requiredText(jsonBody(request), "request_id");
    SandboxRequest extended;
    try {
      extended = lifecycle.extend(id);
    } catch (NoSuchElementException e) {
      throw TikTokEnvelope.invalidParams("request_id " + id + " does not exist.");
    } catch (IllegalStateException e) {
      throw TikTokEnvelope.invalidParams(e.getMessage() + ".");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("request_id", extended.id());
    data.put("preserve_expire_time", extended.preservedUntil().getEpochSecond());
    return TikTokEnvelope.ok(data);
  }

  /** The text {@code field} of a call's JSON body, {@code null} when it has none. */
  static String textField(Request request, String field) {
    return JsonText.parseObject(request.getBodyAsString())
        .map(body -> body.get(field))
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .orElse(null);
  }

  private static Map<String, Object> describe(SandboxRequest request) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("request_id", request.id());
    entry.put("status", request.status());
    entry.put("result", request.outcome());
    entry.put(
        "preserve_expire_time",
        request.preservedUntil() == null ? null : request.preservedUntil().getEpochSecond());
    entry.put("update_time", request.updatedAt().getEpochSecond());
    return entry;
  }

  private void authorize(Request request) {
    if (!Credentials.bearerToken(request).map(tokens::isValid).orElse(false)) {
      throw TikTokEnvelope.accessTokenInvalid();
    }
  }

  private static Map<String, Object> jsonBody(Request request) {
    return JsonText.parseObject(request.getBodyAsString())
        .orElseThrow(() -> TikTokEnvelope.invalidParams("The request body must be a JSON object."));
  }

  private static String requiredText(Map<String, Object> body, String field) {
    if (!(body.get(field) instanceof String text) || text.isBlank()) {
      throw TikTokEnvelope.invalidParams(field + " is required and must be a non-empty string.");
    }
    return text;
  }

  private static void oneOf(Map<String, Object> body, String field, Set<String> allowed) {
    if (!allowed.contains(requiredText(body, field))) {
      throw TikTokEnvelope.invalidParams(
          field + " must be one of " + allowed.stream().sorted().toList() + ".");
    }
  }
}
