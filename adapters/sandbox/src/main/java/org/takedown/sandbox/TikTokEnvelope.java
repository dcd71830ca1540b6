package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** TikTok for Developers response envelopes: {@code {"data": {...}, "error": {...}}}. */
final class TikTokEnvelope {

  private TikTokEnvelope() {}

  /** The JSON of an envelope; {@code code} is {@code ok} for a success. */
  static String body(Map<String, ?> data, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("log_id", logId());
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("data", data);
    envelope.put("error", error);
    return JsonText.write(envelope);
  }

  static ResponseDefinition ok(Map<String, ?> data) {
    return response(200, "ok", "", data);
  }

  static ResponseDefinition response(
      int httpStatus, String code, String message, Map<String, ?> data) {
    return JsonResponse.of(httpStatus, body(data, code, message), Map.of());
  }

  static PartnerRefusal refusal(int httpStatus, String code, String message, Map<String, ?> data) {
    return new PartnerRefusal(response(httpStatus, code, message, data));
  }

  /** 400 {@code invalid_params}: permanent for the request. */
  static PartnerRefusal invalidParams(String message) {
    return refusal(400, "invalid_params", message, Map.of());
  }

  /** 401 {@code access_token_invalid}: the client fetches a new token once. */
  static PartnerRefusal accessTokenInvalid() {
    return refusal(
        401,
        "access_token_invalid",
        "The access token is invalid or not found in the request.",
        Map.of());
  }

  /** An OAuth error of the token endpoint, which has no envelope. */
  static PartnerRefusal oauthError(int httpStatus, String error, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    body.put("log_id", logId());
    return new PartnerRefusal(JsonResponse.of(httpStatus, body));
  }

  private static String logId() {
    return RandomText.hex(16).toUpperCase(Locale.ROOT);
  }
}
