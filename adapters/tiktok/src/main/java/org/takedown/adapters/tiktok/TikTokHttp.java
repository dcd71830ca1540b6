package org.takedown.adapters.tiktok;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerFailureException;

/**
 * Moves bytes to and from TikTok. Every answer that arrives, whatever its status, comes back as an
 * {@link Answer}; an answer that never arrives (refused connection, timeout, reset, broken
 * response) is a {@link PartnerFailure.UnknownOutcome}.
 */
@Singleton
@Requires(property = TikTokProperties.PREFIX + ".base-url")
class TikTokHttp {

  private static final Logger LOG = LoggerFactory.getLogger(TikTokHttp.class);
  private static final byte[] NO_BODY = new byte[0];

  /**
   * One HTTP answer from TikTok, as it arrived: status, the raw body and the Retry-After header.
   *
   * @param retryAfter the raw {@code Retry-After} header, null when absent
   */
  record Answer(int status, @Nullable String retryAfter, byte[] body) {

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    /** TikTok's delay hint: {@code Retry-After} in seconds, as its rate limiter sends it. */
    Optional<Duration> retryAfterHint() {
      if (retryAfter == null) {
        return Optional.empty();
      }
      try {
        long seconds = Long.parseLong(retryAfter.trim());
        return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
      } catch (NumberFormatException notSeconds) {
        return Optional.empty();
      }
    }
  }

  private final BlockingHttpClient http;
  private final String basePath;

  TikTokHttp(
      @Named(TikTokHttpClientFactory.CLIENT_NAME) HttpClient client, TikTokProperties properties) {
    this.http = client.toBlocking();
    // The client resolves absolute paths against the host only; a base-url with a path (a
    // sandbox, a proxy) keeps it only when it is prepended here.
    String path = properties.baseUrl().getRawPath();
    this.basePath = path == null || path.isEmpty() ? "" : path.replaceAll("/+$", "");
  }

  /** The raw path a call to {@code path} goes to on the wire, the base URL's own path included. */
  String target(String path) {
    return basePath + path;
  }

  Answer postForm(String path, String formBody) throws PartnerFailureException {
    return send(
        HttpRequest.POST(basePath + path, formBody)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
  }

  Answer postJson(String path, String bearerToken, byte[] json) throws PartnerFailureException {
    return send(
        HttpRequest.POST(basePath + path, json)
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .bearerAuth(bearerToken));
  }

  private Answer send(MutableHttpRequest<?> request) throws PartnerFailureException {
    request.accept(MediaType.APPLICATION_JSON_TYPE);
    try {
      return answerOf(http.exchange(request, byte[].class));
    } catch (HttpClientResponseException errorStatus) {
      // Defensive: the client is built not to throw on error statuses, and such an answer is
      // still an answer to classify, not a missing one.
      return answerOf(errorStatus.getResponse());
    } catch (HttpClientException noAnswer) {
      String what = noAnswer instanceof ReadTimeoutException ? "timed out" : "failed";
      // The exception text names the host and the I/O error, never headers or the token.
      LOG.debug("TikTok call {} {} {}", request.getMethodName(), request.getPath(), what, noAnswer);
      throw new PartnerFailureException(
          new PartnerFailure.UnknownOutcome(
              "TikTok call %s %s, answer unknown".formatted(request.getPath(), what)),
          noAnswer);
    }
  }

  private static Answer answerOf(HttpResponse<?> response) {
    byte[] body = response.getBody(byte[].class).orElse(NO_BODY);
    return new Answer(response.code(), response.header(HttpHeaders.RETRY_AFTER), body);
  }
}
