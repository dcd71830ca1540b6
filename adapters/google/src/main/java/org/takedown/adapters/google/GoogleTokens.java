package org.takedown.adapters.google;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerFailureException;
import org.takedown.platform.PartnerText;

/**
 * Google access tokens for the service account (RFC 7523 JWT bearer grant), cached until {@code
 * token-refresh-margin} before they expire. One fetch at a time: concurrent callers wait for it and
 * share its token.
 *
 * <p>Eager, so that a missing or broken service-account key file stops the application at startup.
 */
@Context
@Requires(property = GoogleProperties.PREFIX + ".base-url")
final class GoogleTokens {

  private static final Logger LOG = LoggerFactory.getLogger(GoogleTokens.class);
  private static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final GoogleHttp http;
  private final ServiceAccountKey key;
  private final String scope;
  private final Duration refreshMargin;
  private final JsonMapper json;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private CachedToken cached;

  private record CachedToken(String value, Instant refreshAt) {}

  GoogleTokens(
      GoogleHttp http, GoogleProperties properties, JsonMapper json, @Nullable Clock clock) {
    this.http = http;
    this.key = ServiceAccountKey.read(properties.serviceAccountFile(), json);
    this.scope = properties.scope();
    this.refreshMargin = properties.tokenRefreshMargin();
    this.json = json;
    this.clock = clock != null ? clock : Clock.systemUTC();
  }

  /** A token valid for at least the refresh margin, fetched only when the cached one is not. */
  String current() throws PartnerFailureException {
    lock.lock();
    try {
      Instant now = clock.instant();
      if (cached == null || !now.isBefore(cached.refreshAt())) {
        cached = fetch(now);
      }
      return cached.value();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Forgets {@code rejected} after Google refused it, unless another caller already replaced it, so
   * that one refusal costs one fetch however many callers saw it.
   */
  void discard(String rejected) {
    lock.lock();
    try {
      if (cached != null && cached.value().equals(rejected)) {
        cached = null;
      }
    } finally {
      lock.unlock();
    }
  }

  private CachedToken fetch(Instant now) throws PartnerFailureException {
    String assertion;
    try {
      assertion = TokenAssertion.sign(key, scope, now);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw failure(new PartnerFailure.Unauthorized("Google token assertion cannot be signed"));
    }
    String form =
        "grant_type="
            + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8)
            + "&assertion="
            + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
    GoogleHttp.Answer reply;
    try {
      reply =
          http.send(
              HttpRequest.POST(key.tokenUri(), form)
                  .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                  .accept(MediaType.APPLICATION_JSON_TYPE),
              "the Google token endpoint");
    } catch (PartnerFailureException noAnswer) {
      // No token, so the call it was for never left: Google did nothing, asking again is safe.
      throw failure(PartnerFailure.RetryLater.withoutHint(noAnswer.failure().reason()));
    }
    TokenAnswer answer = read(reply.body());
    int status = reply.status();
    if (reply.isSuccess()) {
      return accepted(answer, now, status);
    }
    String error = answer == null || answer.error() == null ? "no error code" : answer.error();
    String reason = "Google token endpoint " + error + " over HTTP " + status;
    if (status == 408 || status == 429 || status >= 500) {
      throw failure(PartnerFailure.RetryLater.withoutHint(reason));
    }
    // invalid_grant, invalid_client, invalid_scope...: every later fetch would fail alike.
    throw failure(new PartnerFailure.Unauthorized(reason));
  }

  private CachedToken accepted(TokenAnswer answer, Instant now, int status)
      throws PartnerFailureException {
    if (answer == null
        || answer.accessToken() == null
        || answer.accessToken().isBlank()
        || answer.expiresIn() == null
        || answer.expiresIn() <= 0) {
      throw failure(
          PartnerFailure.RetryLater.withoutHint(
              "Google token endpoint answered HTTP " + status + " without a usable token"));
    }
    // A token that lives shorter than the margin still serves this call; the next one refetches.
    Instant refreshAt = now.plusSeconds(answer.expiresIn()).minus(refreshMargin);
    LOG.debug("Fetched a Google access token valid for {} s", answer.expiresIn());
    return new CachedToken(answer.accessToken(), refreshAt);
  }

  private @Nullable TokenAnswer read(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readValue(body, TokenAnswer.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static PartnerFailureException failure(PartnerFailure failure) {
    LOG.warn("Google token fetch failed: {}", PartnerText.forLog(failure.reason()));
    return new PartnerFailureException(failure);
  }
}
