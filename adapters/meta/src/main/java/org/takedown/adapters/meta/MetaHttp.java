package org.takedown.adapters.meta;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerFailureException;

/**
 * Moves bytes to and from Meta. Every answer that arrives, whatever its status, comes back as an
 * {@link Answer}; an answer that never arrives (refused connection, timeout, reset) is a {@link
 * PartnerFailure.UnknownOutcome}.
 */
@Singleton
@Requires(property = MetaProperties.PREFIX + ".base-url")
class MetaHttp {

  private static final String USAGE_HEADER = "X-Business-Use-Case-Usage";

  private static final Logger LOG = LoggerFactory.getLogger(MetaHttp.class);

  /** Meta's answer as it arrived; {@code body} is empty when it sent none. */
  record Answer(int status, byte[] body, Optional<String> businessUseCaseUsage) {

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient http;

  MetaHttp(@Named(MetaHttpClientFactory.CLIENT_NAME) HttpClient http) {
    this.http = http;
  }

  Answer send(MutableHttpRequest<?> request) throws PartnerFailureException {
    try {
      return answered(http.toBlocking().exchange(request, byte[].class));
    } catch (HttpClientResponseException e) {
      // The blocking client raises every 4xx/5xx; Graph puts its meaning in those bodies.
      return answered(e.getResponse());
    } catch (ReadTimeoutException e) {
      throw noAnswer(request, "read timed out", e);
    } catch (HttpClientException e) {
      throw noAnswer(request, "connection failed or broke", e);
    }
  }

  private static Answer answered(HttpResponse<?> response) {
    return new Answer(
        response.code(),
        response.getBody(byte[].class).orElse(new byte[0]),
        Optional.ofNullable(response.getHeaders().get(USAGE_HEADER)));
  }

  private static PartnerFailureException noAnswer(
      HttpRequest<?> request, String what, HttpClientException e) {
    LOG.debug("No answer from Meta for {} {}", request.getMethod(), request.getPath(), e);
    return new PartnerFailureException(
        new PartnerFailure.UnknownOutcome("Meta gave no answer: " + what), e);
  }
}
