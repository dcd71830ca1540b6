package org.takedown.adapters.tiktok;

import io.micronaut.context.annotation.Requires;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves bytes to and from TikTok. Every answer that arrives, whatever its status, comes back as a
 * {@link PartnerAnswer}; an answer that never arrives (refused connection, timeout, reset, broken
 * response) becomes a {@link TikTokFailure} meaning "answer unknown".
 */
@Singleton
@Requires(property = TikTokProperties.PREFIX + ".base-url")
class TikTokExchange {

  private static final Logger LOG = LoggerFactory.getLogger(TikTokExchange.class);
  private static final byte[] NO_BODY = new byte[0];

  private final BlockingHttpClient http;
  private final String basePath;

  TikTokExchange(
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

  PartnerAnswer postForm(String path, String formBody) {
    return send(
        HttpRequest.POST(basePath + path, formBody)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
  }

  PartnerAnswer postJson(String path, String bearerToken, byte[] json) {
    return send(
        HttpRequest.POST(basePath + path, json)
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .bearerAuth(bearerToken));
  }

  private PartnerAnswer send(MutableHttpRequest<?> request) {
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
      throw TikTokFailure.answerUnknown(
          "TikTok call %s %s, answer unknown".formatted(request.getPath(), what), noAnswer);
    }
  }

  private static PartnerAnswer answerOf(HttpResponse<?> response) {
    byte[] body = response.getBody(byte[].class).orElse(NO_BODY);
    return new PartnerAnswer(response.code(), response.header(HttpHeaders.RETRY_AFTER), body);
  }
}
