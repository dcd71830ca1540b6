package org.takedown.adapters.tiktok;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.platform.CallbackOutcome;
import org.takedown.platform.CallbackOutcome.RefusalCode;
import org.takedown.platform.CallbackRequest;
import org.takedown.platform.PartnerCallbacks;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerText;
import org.takedown.platform.Platform;
import org.takedown.platform.StatusOutcome;

/**
 * TikTok's callbacks on {@code /webhooks/tiktok} (PARTNERS.md, TikTok "Callbacks"), verified before
 * anything in them is read, and read with the same state mapping as {@link TikTokAdapter#status}.
 *
 * <ul>
 *   <li>A POST whose {@value #SIGNATURE_HEADER} is {@code t=<unix s>,s=<hex HMAC-SHA256(
 *       client-secret, t + "." + raw body)>} (constant-time), with {@code t} within {@link
 *       #TOLERANCE} of the injected {@link Clock}, about this app's {@code client_key}: {@link
 *       CallbackOutcome.Verified} with the one update its {@code content} carries.
 *   <li>No header, a malformed one, a MAC that does not match, or a {@code t} further than {@link
 *       #TOLERANCE} from now in either direction (stale): {@link CallbackOutcome.Refused} 401.
 *   <li>Authentic, but for another {@code client_key}: Refused 403.
 *   <li>Authentic, but the body or its {@code content} cannot be read: {@link
 *       CallbackOutcome.Unreadable}.
 *   <li>Authentic events other than {@value #STATUS_EVENT}, and statuses this gateway cannot map
 *       (logged): Verified with no update, so that TikTok stops redelivering what would not change.
 * </ul>
 *
 * <p>A redelivery within the tolerance verifies again; applying updates is idempotent downstream.
 */
@Singleton
@Requires(property = TikTokProperties.PREFIX + ".base-url")
public class TikTokCallbacks implements PartnerCallbacks {

  /** The header TikTok signs each callback in. */
  public static final String SIGNATURE_HEADER = "TikTok-Signature";

  /** How far a signature's {@code t} may be from now, either way. */
  public static final Duration TOLERANCE = Duration.ofSeconds(300);

  /** The event that carries a legal request's new status. */
  static final String STATUS_EVENT = "legal_request.status_update";

  private static final Logger LOG = LoggerFactory.getLogger(TikTokCallbacks.class);

  private final JsonMapper json;
  private final Clock clock;
  private final String clientKey;
  private final SecretKeySpec clientSecret;

  TikTokCallbacks(TikTokProperties properties, JsonMapper json, Optional<Clock> clock) {
    this.json = json;
    // The same Clock bean as the token cache, when the application (or a test) has one.
    this.clock = clock.orElseGet(Clock::systemUTC);
    this.clientKey = properties.clientKey();
    this.clientSecret =
        new SecretKeySpec(
            properties.clientSecret().getBytes(StandardCharsets.UTF_8), TikTokSignature.HMAC);
  }

  @Override
  public Platform platform() {
    return Platform.TIKTOK;
  }

  @Override
  public CallbackOutcome receive(CallbackRequest request) {
    if (request.method() == null || !"POST".equals(request.method().toUpperCase(Locale.ROOT))) {
      return new CallbackOutcome.Refused(403, RefusalCode.METHOD, "TikTok callbacks are POSTs");
    }
    Optional<String> header = request.header(SIGNATURE_HEADER);
    if (header.isEmpty()) {
      return new CallbackOutcome.Refused(
          401, RefusalCode.SIGNATURE, "TikTok callback without " + SIGNATURE_HEADER);
    }
    Optional<TikTokSignature> signature = TikTokSignature.parse(header.get());
    if (signature.isEmpty()) {
      return new CallbackOutcome.Refused(
          401, RefusalCode.SIGNATURE, "TikTok callback with a malformed " + SIGNATURE_HEADER);
    }
    if (!signature.get().matches(request.body(), clientSecret)) {
      return new CallbackOutcome.Refused(
          401, RefusalCode.SIGNATURE, "TikTok callback signature does not match");
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - signature.get().timestamp());
    if (skew > TOLERANCE.toSeconds()) {
      return new CallbackOutcome.Refused(
          401,
          RefusalCode.STALE,
          "TikTok callback signed " + skew + " s from now, beyond the 300 s tolerance");
    }
    return read(request.body());
  }

  private CallbackOutcome read(byte[] rawBody) {
    TikTokCallbackBody body = parse(rawBody, TikTokCallbackBody.class);
    if (body == null) {
      return new CallbackOutcome.Unreadable("TikTok callback body is not a TikTok event");
    }
    if (!clientKey.equals(body.clientKey())) {
      return new CallbackOutcome.Refused(
          403, RefusalCode.FOREIGN, "TikTok callback for another client_key");
    }
    if (!STATUS_EVENT.equals(body.event())) {
      LOG.debug("TikTok event {} carries no status; acknowledged", body.event());
      return new CallbackOutcome.Verified(List.of());
    }
    QueryData.RequestStatus content =
        body.content() == null
            ? null
            : parse(body.content().getBytes(StandardCharsets.UTF_8), QueryData.RequestStatus.class);
    if (content == null || content.requestId() == null || content.requestId().isBlank()) {
      return new CallbackOutcome.Unreadable(
          "TikTok status update without readable content and request_id");
    }
    StatusOutcome outcome =
        TikTokStateMapping.toOutcome(PartnerRef.of(content.requestId()), content);
    if (outcome instanceof StatusOutcome.Known known) {
      return new CallbackOutcome.Verified(List.of(known.update()));
    }
    LOG.warn(
        "TikTok status update for {} left out: {}",
        PartnerText.forLog(content.requestId()),
        PartnerText.forLog(outcome.toString()));
    return new CallbackOutcome.Verified(List.of());
  }

  private <T> T parse(byte[] body, Class<T> type) {
    if (body.length == 0) {
      return null;
    }
    try {
      return json.readValue(body, type);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
