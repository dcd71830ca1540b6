package org.takedown.adapters.tiktok;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerFailureException;

/**
 * TikTok client-credentials access tokens, cached until {@code token-refresh-margin} before they
 * expire. Thread-safe: when many calls need a token at once, one of them fetches it and the others
 * wait for that token instead of fetching their own.
 */
@Singleton
@Requires(property = TikTokProperties.PREFIX + ".base-url")
class TikTokTokens {

  static final String TOKEN_PATH = "/v2/oauth/token/";

  private final TikTokHttp http;
  private final JsonMapper json;
  private final Clock clock;
  private final String formBody;
  private final Duration refreshMargin;
  private final ReentrantLock fetching = new ReentrantLock();
  private volatile CachedToken cached;

  TikTokTokens(
      TikTokHttp http, JsonMapper json, TikTokProperties properties, Optional<Clock> clock) {
    this.http = http;
    this.json = json;
    // A Clock bean, when the application (or a test) has one, decides when tokens go stale.
    this.clock = clock.orElseGet(Clock::systemUTC);
    this.refreshMargin = properties.tokenRefreshMargin();
    this.formBody =
        "client_key="
            + urlEncoded(properties.clientKey())
            + "&client_secret="
            + urlEncoded(properties.clientSecret())
            + "&grant_type=client_credentials";
  }

  /** A token that is not about to expire, fetched only when the cached one is missing or stale. */
  String current() throws PartnerFailureException {
    CachedToken token = cached;
    if (token != null && token.isFreshAt(clock.instant())) {
      return token.value();
    }
    fetching.lock();
    try {
      token = cached;
      if (token != null && token.isFreshAt(clock.instant())) {
        return token.value();
      }
      return fetch();
    } finally {
      fetching.unlock();
    }
  }

  /**
   * A token to use instead of {@code refused}, which TikTok answered {@code access_token_invalid}.
   * When a concurrent call has already replaced it, that replacement is used, not fetched again.
   */
  String replace(String refused) throws PartnerFailureException {
    fetching.lock();
    try {
      CachedToken token = cached;
      if (token != null && !token.value().equals(refused) && token.isFreshAt(clock.instant())) {
        return token.value();
      }
      cached = null;
      return fetch();
    } finally {
      fetching.unlock();
    }
  }

  private String fetch() throws PartnerFailureException {
    // Asked before the request leaves, so that the expiry is never later than TikTok's.
    Instant askedAt = clock.instant();
    TikTokHttp.Answer answer;
    try {
      answer = http.postForm(TOKEN_PATH, formBody);
    } catch (PartnerFailureException noAnswer) {
      // No token, so the call it was for never left: TikTok did nothing, asking again is safe.
      throw new PartnerFailureException(
          PartnerFailure.RetryLater.withoutHint(noAnswer.failure().reason()), noAnswer.getCause());
    }
    TokenAnswer token = read(answer.body());
    if (answer.isSuccess()) {
      if (token == null
          || token.accessToken() == null
          || token.accessToken().isBlank()
          || token.expiresIn() == null
          || token.expiresIn() <= 0) {
        throw new PartnerFailureException(
            PartnerFailure.RetryLater.withoutHint(
                "TikTok token answer over HTTP %d has no usable access_token"
                    .formatted(answer.status())));
      }
      Instant refreshAt = askedAt.plusSeconds(token.expiresIn()).minus(refreshMargin);
      cached = new CachedToken(token.accessToken(), refreshAt);
      return token.accessToken();
    }
    throw new PartnerFailureException(failureOf(answer, token));
  }

  private static PartnerFailure failureOf(TikTokHttp.Answer answer, @Nullable TokenAnswer token) {
    int status = answer.status();
    String error = token == null ? null : token.error();
    String logId = token == null || token.logId() == null ? "" : " (log_id " + token.logId() + ")";
    String reason =
        (error == null
                ? "TikTok token endpoint answered HTTP %d".formatted(status)
                : "TikTok token error %s over HTTP %d".formatted(error, status))
            + logId;
    if (status == 408 || status == 429 || status >= 500 || status < 400) {
      return new PartnerFailure.RetryLater(answer.retryAfterHint(), reason);
    }
    // Any other refusal of the client-credentials grant is about the gateway's app credentials,
    // not about the request at hand: stop sending to TikTok, fail no request.
    return new PartnerFailure.Unauthorized(reason);
  }

  @Nullable
  private TokenAnswer read(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return json.readValue(body, TokenAnswer.class);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  private static String urlEncoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private record CachedToken(String value, Instant refreshAt) {

    boolean isFreshAt(Instant now) {
      return now.isBefore(refreshAt);
    }

    @Override
    public String toString() {
      return "CachedToken[value=***, refreshAt=" + refreshAt + "]";
    }
  }
}
