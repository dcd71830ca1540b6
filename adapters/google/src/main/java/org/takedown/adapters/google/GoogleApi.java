package org.takedown.adapters.google;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.platform.PartnerText;

/**
 * Authorised calls to the Google legal-requests API. Every call either returns Google's parsed 2xx
 * answer or throws a classified {@link PartnerFailureException}; an UNAUTHENTICATED answer costs
 * one fresh token and one more try.
 */
@Singleton
@Requires(property = GoogleProperties.PREFIX + ".base-url")
final class GoogleApi {

  private static final Logger LOG = LoggerFactory.getLogger(GoogleApi.class);

  private final HttpClient client;
  private final AccessTokens tokens;
  private final JsonMapper json;
  private final String basePath;

  GoogleApi(
      @Named(GoogleFactory.CLIENT) HttpClient client,
      AccessTokens tokens,
      JsonMapper json,
      GoogleProperties properties) {
    this.client = client;
    this.tokens = tokens;
    this.json = json;
    this.basePath = basePath(properties.baseUrl());
  }

  /** The client resolves request paths against the base URL's host only, not its path. */
  private static String basePath(String baseUrl) {
    String path = URI.create(baseUrl).getRawPath();
    if (path == null) {
      return "";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  <T> T post(String path, Object body, Class<T> answerType) throws PartnerFailureException {
    String content;
    try {
      content = json.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
    }
    return call(
        token ->
            HttpRequest.POST(basePath + path, content)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(token),
        answerType);
  }

  <T> T get(String path, Class<T> answerType) throws PartnerFailureException {
    return call(
        token ->
            HttpRequest.GET(basePath + path)
                .accept(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(token),
        answerType);
  }

  private <T> T call(Function<String, MutableHttpRequest<?>> request, Class<T> answerType)
      throws PartnerFailureException {
    String token = tokens.current();
    try {
      return read(send(request.apply(token)), answerType);
    } catch (PartnerFailureException e) {
      if (!(e.failure() instanceof PartnerFailure.Unauthenticated)) {
        throw e;
      }
    }
    tokens.discard(token);
    String fresh = tokens.current();
    try {
      return read(send(request.apply(fresh)), answerType);
    } catch (PartnerFailureException e) {
      if (e.failure() instanceof PartnerFailure.Unauthenticated again) {
        LOG.warn(
            "Google refused a freshly fetched access token: {}",
            PartnerText.forLog(again.reason()));
        throw new PartnerFailureException(
            new PartnerFailure.Unauthorized(again.reason() + " with a fresh token"));
      }
      throw e;
    }
  }

  private Exchange.Reply send(MutableHttpRequest<?> request) throws PartnerFailureException {
    Exchange.Reply reply;
    try {
      reply = Exchange.send(client, request, "Google");
    } catch (PartnerFailureException e) {
      throw logged(e);
    }
    if (!reply.isSuccess()) {
      throw logged(
          new PartnerFailureException(GoogleErrors.classify(reply.status(), reply.body(), json)));
    }
    return reply;
  }

  private <T> T read(Exchange.Reply answer, Class<T> answerType) throws PartnerFailureException {
    T value = null;
    if (answer.body() != null && !answer.body().isBlank()) {
      try {
        value = json.readValue(answer.body(), answerType);
      } catch (IOException | RuntimeException e) {
        value = null;
      }
    }
    if (value == null) {
      throw logged(
          new PartnerFailureException(
              PartnerFailure.Transient.withoutHint(
                  "Google answer over HTTP " + answer.status() + " could not be read")));
    }
    return value;
  }

  private static PartnerFailureException logged(PartnerFailureException e) {
    LOG.debug("Google call failed: {}", e.failure().reason());
    return e;
  }
}
