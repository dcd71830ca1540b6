package org.takedown.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** Graph API error envelopes, as the Meta profile of PARTNERS.md describes them. */
final class MetaErrors {

  private MetaErrors() {}

  /** Code 190 (HTTP 401): the access token is missing, malformed or not the agency's. */
  static PartnerRefusal invalidToken() {
    return refusal(
        401, 190, "OAuthException", 0, "Invalid OAuth access token - Cannot parse access token");
  }

  /** Code 100 (HTTP 400): a parameter is missing or invalid; permanent for that request. */
  static PartnerRefusal invalidParameter(String message) {
    return refusal(400, 100, "OAuthException", 0, "(#100) " + message);
  }

  /**
   * Code 100 subcode 33 (HTTP 400): how Graph answers a {@code method} ({@code get}, {@code post})
   * call on an object that does not exist.
   */
  static PartnerRefusal unknownObject(String method, String id) {
    return refusal(
        400,
        100,
        "GraphMethodException",
        33,
        "Unsupported "
            + method
            + " request. Object with ID '"
            + id
            + "' does not exist, cannot be loaded due to missing permissions, or does not support"
            + " this operation.");
  }

  /** The JSON of a Graph error envelope. */
  static String body(int code, String type, int subcode, boolean isTransient, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("code", code);
    error.put("error_subcode", subcode);
    error.put("is_transient", isTransient);
    error.put("fbtrace_id", RandomText.urlSafe(8));
    return JsonText.write(Map.of("error", error));
  }

  private static PartnerRefusal refusal(
      int httpStatus, int code, String type, int subcode, String message) {
    return new PartnerRefusal(
        JsonResponse.of(httpStatus, body(code, type, subcode, false, message), Map.of()));
  }
}
