package org.takedown.adapters.google;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One blocking HTTP exchange whose every answer, error statuses included, comes back as a status
 * and a body, and whose missing answer (refused, reset, timed out, cut off) becomes a transient
 * failure: the request may or may not have arrived, so it is retried with the same reference.
 */
final class Exchange {

  /** What came back, whatever the status: {@code bytes} exactly as read, empty when none. */
  record Reply(int status, byte[] bytes) {
    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    /** The body as UTF-8 text; null when there was none. */
    @Nullable
    String body() {
      return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private Exchange() {}

  /**
   * @param peer how reasons name the other side, e.g. "Google"
   */
  static Reply send(HttpClient client, MutableHttpRequest<?> request, String peer)
      throws PartnerFailureException {
    HttpResponse<?> response;
    try {
      response = client.toBlocking().exchange(request, byte[].class);
    } catch (HttpClientResponseException e) {
      // The blocking client throws for error statuses whatever the client configuration says.
      response = e.getResponse();
    } catch (HttpClientException e) {
      throw noAnswer(peer, e);
    } catch (RuntimeException e) {
      // The reactive bridge wraps checked I/O failures; anything else is a bug and propagates.
      if (hasIoCause(e)) {
        throw noAnswer(peer, e);
      }
      throw e;
    }
    return new Reply(response.code(), response.getBody(byte[].class).orElse(new byte[0]));
  }

  private static PartnerFailureException noAnswer(String peer, Exception e) {
    return new PartnerFailureException(
        PartnerFailure.Transient.withoutHint(
            "no answer from " + peer + " (" + e.getClass().getSimpleName() + ")"));
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
