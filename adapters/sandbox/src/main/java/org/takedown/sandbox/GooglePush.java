package org.takedown.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Google's Pub/Sub push: the legal request's change as base64 JSON in {@code message.data},
 * authenticated with {@code Authorization: Bearer <OIDC token>} of the push identity.
 */
final class GooglePush implements CallbackFormat {

  static final String SUBSCRIPTION =
      "projects/" + GoogleServiceAccount.PROJECT_ID + "/subscriptions/legal-requests-push";
  static final String EVENT_TYPE = "LEGAL_REQUEST_UPDATED";

  private final GooglePushIdentity identity;

  GooglePush(GooglePushIdentity identity) {
    this.identity = identity;
  }

  @Override
  public String path() {
    return "/webhooks/google";
  }

  @Override
  public byte[] body(SandboxRequest request, Instant now) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("operation", GoogleApi.operationName(request.id()));
    data.put("legalRequest", request.id());
    data.put("state", request.status());
    if (request.outcome() != null) {
      data.put("resolution", request.outcome());
    }
    data.put("updateTime", request.updatedAt().toString());
    if (request.preservedUntil() != null) {
      data.put("preserveUntil", request.preservedUntil().toString());
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put(
        "data",
        Base64.getEncoder().encodeToString(JsonText.write(data).getBytes(StandardCharsets.UTF_8)));
    message.put(
        "messageId", Long.toString(1_000_000_000_000L + RandomText.below(9_000_000_000_000L)));
    message.put("publishTime", now.toString());
    message.put("attributes", Map.of("eventType", EVENT_TYPE));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("subscription", SUBSCRIPTION);
    return JsonText.write(body).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Map<String, String> headers(byte[] body, Instant now) {
    return Map.of("Authorization", "Bearer " + identity.token(now));
  }
}
