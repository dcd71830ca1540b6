package org.takedown.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Meta's webhook: a {@code legal_request} object change, signed with {@code X-Hub-Signature-256:
 * sha256=<hex HMAC-SHA256(app-secret, raw body)>}.
 */
final class MetaWebhook implements CallbackFormat {

  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  private final String agencyId;
  private final String appSecret;

  MetaWebhook(String agencyId, String appSecret) {
    this.agencyId = agencyId;
    this.appSecret = appSecret;
  }

  @Override
  public String path() {
    return "/webhooks/meta";
  }

  @Override
  public byte[] body(SandboxRequest request, Instant now) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("request_id", request.id());
    value.put("status", request.status());
    if ("COMPLETED".equals(request.status())) {
      value.put("outcome", request.outcome());
    }
    if ("DECLINED".equals(request.status())) {
      value.put("decline_reason", request.outcome());
    }
    if (request.preservedUntil() != null) {
      value.put("preserved_until", Rfc3339.seconds(request.preservedUntil()));
    }
    value.put("updated_time", Rfc3339.seconds(request.updatedAt()));
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("field", "status");
    change.put("value", value);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", agencyId);
    entry.put("time", now.getEpochSecond());
    entry.put("changes", List.of(change));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("object", "legal_request");
    body.put("entry", List.of(entry));
    return JsonText.write(body).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Map<String, String> headers(byte[] body, Instant now) {
    return Map.of(SIGNATURE_HEADER, "sha256=" + HmacSha256.hex(appSecret, body));
  }
}
