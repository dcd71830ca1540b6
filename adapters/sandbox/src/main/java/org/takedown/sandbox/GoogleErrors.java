package org.takedown.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Google Cloud API error envelopes ({@code google.rpc.Status}) and OAuth token errors. */
final class GoogleErrors {

  private GoogleErrors() {}

  /** The JSON of {@code {"error": {"code", "message", "status", "details"?}}}. */
  static String body(int code, String status, String message, List<Map<String, Object>> details) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("status", status);
    if (!details.isEmpty()) {
      error.put("details", details);
    }
    return JsonText.write(Map.of("error", error));
  }

  /** 401 UNAUTHENTICATED: the client fetches a new token once. */
  static PartnerRefusal unauthenticated() {
    return refusal(
        401,
        "UNAUTHENTICATED",
        "Request had invalid authentication credentials. Expected OAuth 2 access token.");
  }

  /** 400 INVALID_ARGUMENT: permanent for the request. */
  static PartnerRefusal invalidArgument(String message) {
    return refusal(400, "INVALID_ARGUMENT", message);
  }

  /** 400 FAILED_PRECONDITION: the resource is not in a state that allows the call. */
  static PartnerRefusal failedPrecondition(String message) {
    return refusal(400, "FAILED_PRECONDITION", message);
  }

  /** 404 NOT_FOUND. */
  static PartnerRefusal notFound(String message) {
    return refusal(404, "NOT_FOUND", message);
  }

  /** 400 {@code invalid_grant}: the token endpoint refuses the assertion. */
  static PartnerRefusal invalidGrant(String description) {
    return oauthError("invalid_grant", description);
  }

  /** A 400 OAuth error of the token endpoint, which answers without the RPC envelope. */
  static PartnerRefusal oauthError(String error, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    return new PartnerRefusal(JsonResponse.of(400, body));
  }

  private static PartnerRefusal refusal(int code, String status, String message) {
    return new PartnerRefusal(
        JsonResponse.of(code, body(code, status, message, List.of()), Map.of()));
  }
}
