package org.takedown.adapters.google;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.takedown.platform.ExchangeLog;
import org.takedown.platform.ExtendOutcome;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerFailureException;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;
import org.takedown.platform.PlatformAdapter;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitCommand;
import org.takedown.platform.SubmitOutcome;

/**
 * The gateway's port to Google's legal-requests API (Google Cloud API conventions): requests go in
 * as long-running operations, keyed by the gateway's request id, and are polled by operation name.
 *
 * <p>Authenticates as a service account (RFC 7523 JWT bearer grant) and maps every answer, and
 * every missing answer, to exactly one outcome; it never throws for I/O or for Google's answers.
 * Exists when {@code gateway.partners.google.base-url} is set; see {@link GoogleProperties}.
 */
@Singleton
@Requires(property = GoogleProperties.PREFIX + ".base-url")
public class GoogleAdapter implements PlatformAdapter {

  /** One segment of a resource name; names go into the URL path unescaped. */
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_~.-]+");

  /** A token grant and the call, then both again when Google refuses the token. */
  private static final int EXCHANGES_PER_CALL = 4;

  private final GoogleApi api;
  private final Duration longestCall;

  GoogleAdapter(GoogleApi api, GoogleProperties properties) {
    this.api = api;
    this.longestCall =
        properties.connectTimeout().plus(properties.readTimeout()).multipliedBy(EXCHANGES_PER_CALL);
  }

  @Override
  public Platform platform() {
    return Platform.GOOGLE;
  }

  @Override
  public Duration longestCall() {
    return longestCall;
  }

  @Override
  public SubmitOutcome submit(SubmitCommand command, ExchangeLog exchanges) {
    String path = "/v1/legalRequests?requestId=" + command.requestId();
    try {
      Operation operation =
          api.post(path, LegalRequestBody.of(command), Operation.class, List.of(), exchanges);
      return GoogleStateMapping.ofCreate(operation);
    } catch (PartnerFailureException e) {
      return e.failure();
    }
  }

  @Override
  public StatusOutcome status(PartnerRef ref, ExchangeLog exchanges) {
    String operation = ref.operation();
    if (operation == null || !isResourceName(operation)) {
      return new PartnerFailure.Rejected(
          "NO_OPERATION", "Google reference " + ref.id() + " has no pollable operation name");
    }
    try {
      return GoogleStateMapping.ofPoll(
          ref, api.get("/v1/" + operation, Operation.class, List.of(ref), exchanges));
    } catch (PartnerFailureException e) {
      return e.failure();
    }
  }

  /**
   * {@code POST {base}/v1/legalRequests/123:extendPreservation}: Google answers the LegalRequest
   * with {@code preserveUntil} 90 days later. Errors are classified as for submits, UNAUTHENTICATED
   * included (one fresh token, one more try).
   */
  @Override
  public ExtendOutcome extendPreservation(PartnerRef ref, ExchangeLog exchanges) {
    if (!isResourceName(ref.id())) {
      return new PartnerFailure.Rejected(
          "INVALID_NAME", "Google reference " + ref.id() + " is not a legal request name");
    }
    Operation.LegalRequest extended;
    try {
      extended =
          api.post(
              "/v1/" + ref.id() + ":extendPreservation",
              Map.of(),
              Operation.LegalRequest.class,
              List.of(ref),
              exchanges);
    } catch (PartnerFailureException e) {
      return e.failure();
    }
    Instant preservedUntil = time(extended.preserveUntil());
    if (preservedUntil == null) {
      // Google extended or not; asking again finds out, and the partner reference stays valid.
      return new PartnerFailure.UnknownOutcome(
          "Google extension answer lacks a readable preserveUntil");
    }
    return new ExtendOutcome.Extended(preservedUntil);
  }

  private static @Nullable Instant time(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isResourceName(String name) {
    for (String segment : name.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
