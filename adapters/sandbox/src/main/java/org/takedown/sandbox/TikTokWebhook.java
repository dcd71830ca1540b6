package org.takedown.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TikTok's webhook: a {@code legal_request.status_update} event whose {@code content} is a JSON
 * document encoded as a string, signed with {@code TikTok-Signature: t=<unix s>,s=<hex
 * HMAC-SHA256(client-secret, t + "." + raw body)>}.
 */
final class TikTokWebhook implements CallbackFormat {

  static final String SIGNATURE_HEADER = "TikTok-Signature";
  static final String EVENT = "legal_request.status_update";

  private final String clientKey;
  private final String clientSecret;

  TikTokWebhook(String clientKey, String clientSecret) {
    this.clientKey = clientKey;
    this.clientSecret = clientSecret;
  }

  @Override
  public String path() {
    return "/webhooks/tiktok";
  }

  @Override
  public byte[] body(SandboxRequest request, Instant now) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("request_id", request.id());
    content.put("status", request.status());
    content.put("result", request.outcome());
    content.put("update_time", request.updatedAt().getEpochSecond());
    if (request.preservedUntil() != null) {
      content.put("preserve_expire_time", request.preservedUntil().getEpochSecond());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("client_key", clientKey);
    body.put("event", EVENT);
    body.put("create_time", now.getEpochSecond());
    body.put("content", JsonText.write(content));
    return JsonText.write(body).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Map<String, String> headers(byte[] body, Instant now) {
    String timestamp = Long.toString(now.getEpochSecond());
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(body, 0, signed, prefix.length, body.length);
    return Map.of(
        SIGNATURE_HEADER, "t=" + timestamp + ",s=" + HmacSha256.hex(clientSecret, signed));
  }
}
