package org.takedown.adapters.google;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.takedown.platform.PartnerFailure;

/**
 * Classifies Google's error answers into the port's failure vocabulary (Google Cloud API error
 * model, PARTNERS.md "Google" errors).
 *
 * <p>Google's canonical {@code error.status} decides; without an envelope the HTTP status stands in
 * for it. The partner's {@code message} is left out of reasons: it may echo request fields.
 */
final class GoogleErrors {

  static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

  /** Statuses Google documents as worth retrying unchanged. */
  private static final Set<String> TRANSIENT =
      Set.of(
          "RESOURCE_EXHAUSTED",
          "UNAVAILABLE",
          "ABORTED",
          "DEADLINE_EXCEEDED",
          "INTERNAL",
          "UNKNOWN");

  private GoogleErrors() {}

  /**
   * Whether Google refused the access token itself (UNAUTHENTICATED): worth one fresh token, where
   * any other refusal of the credentials is final.
   */
  static boolean refusesToken(int httpStatus, @Nullable String body, JsonMapper json) {
    RpcStatus error = envelope(body, json);
    String status = error == null ? null : error.status();
    return "UNAUTHENTICATED".equals(status) || (status == null && httpStatus == 401);
  }

  static PartnerFailure classify(int httpStatus, @Nullable String body, JsonMapper json) {
    RpcStatus error = envelope(body, json);
    String status = error == null ? null : error.status();
    String code = status != null ? status : "HTTP_" + httpStatus;
    String reason =
        status != null
            ? "Google " + status + " over HTTP " + httpStatus
            : "Google HTTP " + httpStatus + " without an error status";
    Optional<Duration> hint = error == null ? Optional.empty() : retryDelay(error.details());
    if ("UNAUTHENTICATED".equals(status)
        || "PERMISSION_DENIED".equals(status)
        || (status == null && (httpStatus == 401 || httpStatus == 403))) {
      return new PartnerFailure.Unauthorized(reason);
    }
    if (TRANSIENT.contains(code) || httpStatus == 429 || httpStatus >= 500) {
      return new PartnerFailure.RetryLater(hint, reason);
    }
    if (httpStatus >= 400) {
      return new PartnerFailure.Rejected(code, reason);
    }
    return new PartnerFailure.RetryLater(hint, "Google answered unexpected HTTP " + httpStatus);
  }

  /**
   * Reads a protobuf JSON duration such as {@code "30s"} or {@code "1.5s"}; empty when absent,
   * negative or malformed.
   */
  static Optional<Duration> parseDuration(@Nullable String value) {
    if (value == null || !value.endsWith("s")) {
      return Optional.empty();
    }
    try {
      BigDecimal seconds = new BigDecimal(value.substring(0, value.length() - 1));
      if (seconds.signum() < 0) {
        return Optional.empty();
      }
      long nanos = seconds.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
      return Optional.of(Duration.ofNanos(nanos));
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> retryDelay(@Nullable List<RpcStatus.Detail> details) {
    if (details == null) {
      return Optional.empty();
    }
    return details.stream()
        .filter(detail -> detail != null && RETRY_INFO.equals(detail.type()))
        .map(detail -> parseDuration(detail.retryDelay()))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static @Nullable RpcStatus envelope(@Nullable String body, JsonMapper json) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      RpcStatus.Envelope envelope = json.readValue(body, RpcStatus.Envelope.class);
      return envelope == null ? null : envelope.error();
    } catch (IOException | RuntimeException e) {
      // Proxies and load balancers answer HTML; the HTTP status then speaks alone.
      return null;
    }
  }
}
