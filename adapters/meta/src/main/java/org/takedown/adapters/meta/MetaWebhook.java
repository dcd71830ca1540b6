package org.takedown.adapters.meta;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerUpdate;

/**
 * Meta's side of {@code /webhooks/meta} (PARTNERS.md, Meta "Callbacks"): confirms the subscription
 * handshake, authenticates deliveries by their {@code X-Hub-Signature-256}, and reads the status
 * changes they carry with the same state mapping as {@link MetaAdapter#status}.
 *
 * <p>Fails closed: without {@code gateway.partners.meta.verify-token} no subscription is confirmed,
 * and without {@code gateway.partners.meta.app-secret} no delivery is authentic.
 */
@Singleton
@Requires(property = MetaProperties.PREFIX + ".base-url")
public class MetaWebhook {

  /** The header Meta signs each delivery in. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  private static final Logger LOG = LoggerFactory.getLogger(MetaWebhook.class);
  private static final String SIGNATURE_PREFIX = "sha256=";
  private static final String HMAC = "HmacSHA256";

  private final JsonMapper json;
  private final String verifyToken;
  private final String appSecret;

  MetaWebhook(MetaProperties properties, JsonMapper json) {
    this.json = json;
    this.verifyToken = blankAsUnset(properties.verifyToken());
    this.appSecret = blankAsUnset(properties.appSecret());
  }

  /**
   * Answers Meta's {@code GET ?hub.mode=subscribe&hub.verify_token=T&hub.challenge=C}.
   *
   * @return the challenge to echo as {@code 200 text/plain}; empty when the mode is not {@code
   *     subscribe} or the token does not match, which the caller answers with 403
   */
  public Optional<String> confirmSubscription(String mode, String token, String challenge) {
    if (verifyToken == null || token == null || challenge == null || !"subscribe".equals(mode)) {
      return Optional.empty();
    }
    boolean matches =
        MessageDigest.isEqual(
            verifyToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    return matches ? Optional.of(challenge) : Optional.empty();
  }

  /**
   * Whether {@code signatureHeader} is {@code sha256=<hex HMAC-SHA256(app-secret, rawBody)>}.
   *
   * @param rawBody the request body exactly as received, before any parsing
   */
  public boolean isAuthentic(byte[] rawBody, String signatureHeader) {
    if (appSecret == null
        || signatureHeader == null
        || !signatureHeader.startsWith(SIGNATURE_PREFIX)) {
      return false;
    }
    byte[] claimed;
    try {
      claimed = HexFormat.of().parseHex(signatureHeader.substring(SIGNATURE_PREFIX.length()));
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(hmac(rawBody), claimed);
  }

  /**
   * The status changes one authentic delivery carries, in delivery order. Changes of other fields
   * are not status news and are left out; so are changes whose status this gateway cannot read,
   * which are logged, because Meta would redeliver a refused delivery for ever.
   *
   * @throws IllegalArgumentException when the body is not a Meta callback at all
   */
  public List<PartnerUpdate> updates(byte[] rawBody) {
    MetaCallbackBody body;
    try {
      body = json.readValue(rawBody, MetaCallbackBody.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a Meta callback body", e);
    }
    if (body == null || !"legal_request".equals(body.object()) || body.entries() == null) {
      throw new IllegalArgumentException("not a Meta legal_request callback");
    }
    List<PartnerUpdate> updates = new ArrayList<>();
    for (MetaCallbackBody.Entry entry : body.entries()) {
      for (MetaCallbackBody.Change change :
          entry.changes() == null ? List.<MetaCallbackBody.Change>of() : entry.changes()) {
        read(change).ifPresent(updates::add);
      }
    }
    return updates;
  }

  private Optional<PartnerUpdate> read(MetaCallbackBody.Change change) {
    MetaRequestState value = change.value();
    if (!"status".equals(change.field()) || value == null) {
      return Optional.empty();
    }
    if (value.requestId() == null || value.requestId().isBlank()) {
      LOG.warn("Meta status change without a request_id left out");
      return Optional.empty();
    }
    try {
      return Optional.of(MetaStateMapping.toUpdate(PartnerRef.of(value.requestId()), value));
    } catch (UnrecognisedMetaState e) {
      LOG.warn("Meta status change for {} left out: {}", value.requestId(), e.getMessage());
      return Optional.empty();
    }
  }

  private static String blankAsUnset(String secret) {
    return secret == null || secret.isBlank() ? null : secret;
  }

  private byte[] hmac(byte[] rawBody) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), HMAC));
      return mac.doFinal(rawBody);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every JRE ships HmacSHA256, and any non-empty key is valid for it.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
