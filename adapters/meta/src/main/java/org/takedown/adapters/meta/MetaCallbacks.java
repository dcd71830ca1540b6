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
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.platform.CallbackOutcome;
import org.takedown.platform.CallbackOutcome.RefusalCode;
import org.takedown.platform.CallbackRequest;
import org.takedown.platform.PartnerCallbacks;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerText;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.Platform;

/**
 * Meta's callbacks on {@code /webhooks/meta} (PARTNERS.md, Meta "Callbacks"), verified before
 * anything in them is read, and read with the same state mapping as {@link MetaAdapter#status}.
 *
 * <ul>
 *   <li>{@code GET ?hub.mode=subscribe&hub.verify_token=T&hub.challenge=C} with T equal to {@code
 *       verify-token} (constant-time): {@link CallbackOutcome.Handshake} with C. Any other mode or
 *       token: {@link CallbackOutcome.Refused} 403.
 *   <li>{@code POST} whose {@value #SIGNATURE_HEADER} is {@code sha256=<hex HMAC-SHA256(app-secret,
 *       raw body)>} (constant-time): {@link CallbackOutcome.Verified} with one update per status
 *       change, entries and changes in delivery order; {@link CallbackOutcome.Unreadable} when that
 *       authentic body is not a Meta {@code legal_request} callback.
 *   <li>{@code POST} without the header, or with one that is not {@code sha256=} and 64 hex digits:
 *       Refused 401, because nothing claims to be Meta. A well-formed signature that does not
 *       match: Refused 403, because something claims to be Meta and is not.
 * </ul>
 *
 * <p>Changes of other fields are not status news and are left out; so are status changes in words
 * this gateway cannot map, which are logged: a refused delivery would only be redelivered
 * unchanged. A redelivered or replayed delivery verifies again; applying updates is idempotent
 * downstream.
 *
 * <p>Fails closed: while {@code gateway.partners.meta.app-secret} or {@code verify-token} is unset,
 * every callback is refused (GET 403, POST 401), never accepted unsigned.
 */
@Singleton
@Requires(property = MetaProperties.PREFIX + ".base-url")
public class MetaCallbacks implements PartnerCallbacks {

  /** The header Meta signs each delivery in. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  private static final Logger LOG = LoggerFactory.getLogger(MetaCallbacks.class);
  private static final String SIGNATURE_PREFIX = "sha256=";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9A-Fa-f]{64}");
  private static final String HMAC = "HmacSHA256";
  private static final String NOT_CONFIGURED =
      "Meta callbacks refused: app-secret or verify-token is not configured";

  private final JsonMapper json;
  private final byte[] verifyToken;
  private final SecretKeySpec appSecret;

  MetaCallbacks(MetaProperties properties, JsonMapper json) {
    this.json = json;
    String token = blankAsUnset(properties.verifyToken());
    String secret = blankAsUnset(properties.appSecret());
    this.verifyToken = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.appSecret =
        secret == null ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
  }

  @Override
  public Platform platform() {
    return Platform.META;
  }

  @Override
  public CallbackOutcome receive(CallbackRequest request) {
    String method = request.method() == null ? "" : request.method().toUpperCase(Locale.ROOT);
    if (verifyToken == null || appSecret == null) {
      return new CallbackOutcome.Refused(
          "GET".equals(method) ? 403 : 401, RefusalCode.UNCONFIGURED, NOT_CONFIGURED);
    }
    return switch (method) {
      case "GET" -> handshake(request);
      case "POST" -> delivery(request);
      default ->
          new CallbackOutcome.Refused(403, RefusalCode.METHOD, "Meta callbacks are GET or POST");
    };
  }

  private CallbackOutcome handshake(CallbackRequest request) {
    if (!"subscribe".equals(request.queryParameter("hub.mode").orElse(null))) {
      return new CallbackOutcome.Refused(
          403, RefusalCode.TOKEN, "Meta handshake without hub.mode=subscribe");
    }
    byte[] token =
        request.queryParameter("hub.verify_token").orElse("").getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(verifyToken, token)) {
      return new CallbackOutcome.Refused(
          403, RefusalCode.TOKEN, "Meta handshake with a wrong hub.verify_token");
    }
    return request
        .queryParameter("hub.challenge")
        .<CallbackOutcome>map(CallbackOutcome.Handshake::new)
        .orElseGet(() -> new CallbackOutcome.Unreadable("Meta handshake without hub.challenge"));
  }

  private CallbackOutcome delivery(CallbackRequest request) {
    Optional<String> header = request.header(SIGNATURE_HEADER);
    if (header.isEmpty()) {
      return new CallbackOutcome.Refused(
          401, RefusalCode.SIGNATURE, "Meta delivery without " + SIGNATURE_HEADER);
    }
    String signature = header.get();
    if (!signature.startsWith(SIGNATURE_PREFIX)
        || !SHA256_HEX.matcher(signature.substring(SIGNATURE_PREFIX.length())).matches()) {
      return new CallbackOutcome.Refused(
          401, RefusalCode.SIGNATURE, "Meta delivery with a malformed " + SIGNATURE_HEADER);
    }
    byte[] claimed = HexFormat.of().parseHex(signature.substring(SIGNATURE_PREFIX.length()));
    if (!MessageDigest.isEqual(hmac(request.body()), claimed)) {
      return new CallbackOutcome.Refused(
          403, RefusalCode.SIGNATURE, "Meta delivery signature does not match");
    }
    return updates(request.body());
  }

  /** The status changes of one authentic delivery, or why its body is not a Meta callback. */
  private CallbackOutcome updates(byte[] rawBody) {
    MetaCallbackBody body;
    try {
      body = json.readValue(rawBody, MetaCallbackBody.class);
    } catch (IOException | RuntimeException e) {
      return new CallbackOutcome.Unreadable("Meta delivery body is not JSON of a callback");
    }
    if (body == null || !"legal_request".equals(body.object()) || body.entries() == null) {
      return new CallbackOutcome.Unreadable("Meta delivery is not a legal_request callback");
    }
    List<PartnerUpdate> updates = new ArrayList<>();
    for (MetaCallbackBody.Entry entry : body.entries()) {
      if (entry == null || entry.changes() == null) {
        continue;
      }
      for (MetaCallbackBody.Change change : entry.changes()) {
        read(change).ifPresent(updates::add);
      }
    }
    return new CallbackOutcome.Verified(updates);
  }

  private Optional<PartnerUpdate> read(MetaCallbackBody.Change change) {
    MetaRequestState value = change == null ? null : change.value();
    if (value == null || !"status".equals(change.field())) {
      return Optional.empty();
    }
    if (value.requestId() == null || value.requestId().isBlank()) {
      LOG.warn("Meta status change without a request_id left out");
      return Optional.empty();
    }
    try {
      return Optional.of(MetaStateMapping.toUpdate(PartnerRef.of(value.requestId()), value));
    } catch (UnrecognisedMetaState e) {
      LOG.warn(
          "Meta status change for {} left out: {}",
          PartnerText.forLog(value.requestId()),
          PartnerText.forLog(e.getMessage()));
      return Optional.empty();
    }
  }

  private static String blankAsUnset(String secret) {
    return secret == null || secret.isBlank() ? null : secret;
  }

  private byte[] hmac(byte[] rawBody) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(appSecret);
      return mac.doFinal(rawBody);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every JRE ships HmacSHA256, and any non-empty key is valid for it.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
