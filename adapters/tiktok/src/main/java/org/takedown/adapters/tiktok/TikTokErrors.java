package org.takedown.adapters.tiktok;

import io.micronaut.core.annotation.Nullable;
import org.takedown.platform.PartnerFailure;

/**
 * Classifies a TikTok API answer that is not a success into the port's failure vocabulary, by its
 * {@code error.code} first and by its HTTP status when the code is missing or unknown (PARTNERS.md,
 * TikTok "Errors").
 */
final class TikTokErrors {

  static final String INVALID_PARAMS = "invalid_params";
  static final String ACCESS_TOKEN_INVALID = "access_token_invalid";
  static final String SCOPE_NOT_AUTHORIZED = "scope_not_authorized";
  static final String RATE_LIMIT_EXCEEDED = "rate_limit_exceeded";
  static final String INTERNAL_ERROR = "internal_error";
  static final String DUPLICATE_REQUEST = "duplicate_request";

  private TikTokErrors() {}

  /**
   * The failure {@code answer} stands for.
   *
   * @param envelope the answer's envelope, null when its body could not be read
   */
  static PartnerFailure classify(TikTokHttp.Answer answer, @Nullable Envelope<?> envelope) {
    int status = answer.status();
    String code = envelope == null ? null : envelope.code();
    String reason = reason(status, code, envelope == null ? null : envelope.logId());
    if (code != null) {
      switch (code) {
        case INVALID_PARAMS:
          return new PartnerFailure.Rejected(code, reason);
        case ACCESS_TOKEN_INVALID:
        case SCOPE_NOT_AUTHORIZED:
          return new PartnerFailure.Unauthorized(reason);
        case RATE_LIMIT_EXCEEDED:
        case INTERNAL_ERROR:
          return new PartnerFailure.RetryLater(answer.retryAfterHint(), reason);
        default:
          break;
      }
    }
    if (status == 401) {
      return new PartnerFailure.Unauthorized(reason);
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      return new PartnerFailure.Rejected(
          code == null || code.isBlank() ? "http_" + status : code, reason);
    }
    // 5xx, 408, 429, and answers no TikTok API gives (a redirect, an error code on a 2xx):
    // nothing says the request is wrong, so it is worth asking again.
    return new PartnerFailure.RetryLater(answer.retryAfterHint(), reason);
  }

  private static String reason(int status, @Nullable String code, @Nullable String logId) {
    String what =
        code == null
            ? "TikTok answered HTTP %d without an error code".formatted(status)
            : "TikTok error %s over HTTP %d".formatted(code, status);
    return logId == null || logId.isBlank() ? what : what + " (log_id " + logId + ")";
  }
}
