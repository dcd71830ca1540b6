package org.takedown.adapters.google;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerFailureException;

/**
 * Moves bytes to and from Google. Every answer that arrives, error statuses included, comes back as
 * an {@link Answer}; a missing answer (refused, reset, timed out, cut off) is a {@link
 * PartnerFailure.UnknownOutcome}: the request may or may not have arrived, so it is retried with
 * the same reference.
 */
@Singleton
@Requires(property = GoogleProperties.PREFIX + ".base-url")
class GoogleHttp {

  /** What came back, whatever the status: {@code bytes} exactly as read, empty when none. */
  record Answer(int status, byte[] bytes) {
    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    /** The body as UTF-8 text; null when there was none. */
    @Nullable
    String body() {
      return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private final HttpClient client;

  GoogleHttp(@Named(GoogleHttpClientFactory.CLIENT_NAME) HttpClient client) {
    this.client = client;
  }

  /**
   * @param peer how reasons name the other side, e.g. "Google"
   */
  Answer send(MutableHttpRequest<?> request, String peer) throws PartnerFailureException {
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
    return new Answer(response.code(), response.getBody(byte[].class).orElse(new byte[0]));
  }

  private static PartnerFailureException noAnswer(String peer, Exception e) {
    return new PartnerFailureException(
        new PartnerFailure.UnknownOutcome(
            "no answer from " + peer + " (" + e.getClass().getSimpleName() + ")"),
        e);
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
