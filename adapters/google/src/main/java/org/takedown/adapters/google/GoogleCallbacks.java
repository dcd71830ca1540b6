package org.takedown.adapters.google;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.platform.CallbackOutcome;
import org.takedown.platform.CallbackOutcome.RefusalCode;
import org.takedown.platform.CallbackRequest;
import org.takedown.platform.PartnerCallbacks;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;

/**
 * Google's push notifications on {@code /webhooks/google} (PARTNERS.md, Google "Push
 * notifications"), verified before anything in them is read.
 *
 * <p>A push is a hint, not a verdict (GATEWAY-API.md, "Configuration"). Pub/Sub's OIDC token proves
 * that Google's push identity sent <em>a</em> push, but it is not bound to the body: whoever
 * captures one valid token can post any body under it for as long as the token lives. So the only
 * thing read from a verified push is which legal request it is about, as a {@link
 * CallbackOutcome.Hint}: the gateway then asks Google itself ({@link GoogleAdapter#status}), and
 * only that answer changes the request. The state, resolution and dates in the push are not read.
 *
 * <ul>
 *   <li>A POST with {@code Authorization: Bearer <OIDC JWT>} signed RS256 by a key of {@code
 *       push-jwks-uri}, with {@code iss} = {@code push-issuer}, {@code aud} = {@code
 *       push-audience}, {@code email} = {@code push-service-account}, {@code email_verified} = true
 *       and {@code exp} not passed (60 s skew) on the injected clock: a {@link
 *       CallbackOutcome.Hint} with the message's {@code messageId} (the same on every redelivery)
 *       and {@code new PartnerRef(legalRequest, operation)} from its base64 {@code data}.
 *   <li>No bearer token, or one failing any of those checks (an expired one is stale): {@link
 *       CallbackOutcome.Refused} 401. So is every push while a push-* key is unset.
 *   <li>Authentic, but the body or its {@code data} cannot be read, it names no legal request, or
 *       the message has no {@code messageId} (or one longer than {@value #MAX_MESSAGE_ID}
 *       characters): {@link CallbackOutcome.Unreadable}.
 *   <li>Authentic events other than {@code LEGAL_REQUEST_UPDATED}: Verified with no update, so that
 *       Google stops redelivering.
 * </ul>
 */
@Singleton
@Requires(property = GoogleProperties.PREFIX + ".base-url")
public class GoogleCallbacks implements PartnerCallbacks {

  static final String UPDATED_EVENT = "LEGAL_REQUEST_UPDATED";

  /** Pub/Sub's message ids are decimal numbers of some 16 digits; the gateway keeps up to 256. */
  static final int MAX_MESSAGE_ID = 256;

  private static final Logger LOG = LoggerFactory.getLogger(GoogleCallbacks.class);
  private static final String BEARER = "bearer ";
  private static final String NOT_CONFIGURED =
      "Google push verification is not configured (push-jwks-uri, push-issuer, push-audience,"
          + " push-service-account)";

  private final JsonMapper json;
  private final PushTokenVerifier verifier;

  GoogleCallbacks(GoogleProperties properties, JsonMapper json, @Nullable Clock clock) {
    this.json = json;
    this.verifier =
        PushTokenVerifier.configured(properties, clock != null ? clock : Clock.systemUTC())
            .orElse(null);
    if (verifier == null) {
      LOG.warn("{}: every Google push will be refused", NOT_CONFIGURED);
    }
  }

  @Override
  public Platform platform() {
    return Platform.GOOGLE;
  }

  @Override
  public CallbackOutcome receive(CallbackRequest request) {
    if (request.method() == null || !"POST".equals(request.method().toUpperCase(Locale.ROOT))) {
      return new CallbackOutcome.Refused(403, RefusalCode.METHOD, "Google pushes are POSTs");
    }
    if (verifier == null) {
      return new CallbackOutcome.Refused(401, RefusalCode.UNCONFIGURED, NOT_CONFIGURED);
    }
    Optional<String> token = bearerToken(request);
    if (token.isEmpty()) {
      return new CallbackOutcome.Refused(
          401, RefusalCode.TOKEN, "Google push without a bearer token");
    }
    Optional<String> refusal = verifier.refusal(token.get());
    if (refusal.isPresent()) {
      return new CallbackOutcome.Refused(401, RefusalCode.TOKEN, refusal.get());
    }
    return read(request.body());
  }

  private static Optional<String> bearerToken(CallbackRequest request) {
    return request
        .header("Authorization")
        .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(value -> value.substring(BEARER.length()).trim())
        .filter(value -> !value.isEmpty());
  }

  private CallbackOutcome read(byte[] body) {
    PushEnvelope envelope = parse(body, PushEnvelope.class);
    if (envelope == null || envelope.message() == null) {
      return new CallbackOutcome.Unreadable("Google push body is not a push message");
    }
    PushEnvelope.Message message = envelope.message();
    if (message.eventType() != null && !UPDATED_EVENT.equals(message.eventType())) {
      LOG.debug("Google push event {} carries no status; acknowledged", message.eventType());
      return new CallbackOutcome.Verified(List.of());
    }
    String messageId = message.messageId();
    if (messageId == null
        || messageId.isBlank()
        || messageId.length() > MAX_MESSAGE_ID
        // kept in PostgreSQL, which refuses a NUL in text
        || messageId.chars().anyMatch(Character::isISOControl)) {
      return new CallbackOutcome.Unreadable("Google push message has no usable messageId");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(message.data() == null ? "" : message.data());
    } catch (IllegalArgumentException e) {
      return new CallbackOutcome.Unreadable("Google push data is not base64");
    }
    PushData data = parse(decoded, PushData.class);
    if (data == null || data.legalRequest() == null || data.legalRequest().isBlank()) {
      return new CallbackOutcome.Unreadable("Google push data names no legal request");
    }
    return new CallbackOutcome.Hint(
        messageId, List.of(new PartnerRef(data.legalRequest(), data.operation())));
  }

  private <T> @Nullable T parse(byte[] body, Class<T> type) {
    if (body.length == 0) {
      return null;
    }
    try {
      return json.readValue(body, type);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
