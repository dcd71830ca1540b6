package org.takedown.adapters.google;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.platform.ExchangeLog;
import org.takedown.platform.PartnerExchange;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerFailureException;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerText;

/**
 * Authorised calls to the Google legal-requests API. Every call either returns Google's parsed 2xx
 * answer or throws the failure {@link GoogleErrors} classified it as, in a {@link
 * PartnerFailureException}; an UNAUTHENTICATED answer costs one fresh token and one more try.
 */
@Singleton
@Requires(property = GoogleProperties.PREFIX + ".base-url")
final class GoogleApi {

  private static final Logger LOG = LoggerFactory.getLogger(GoogleApi.class);

  private final GoogleHttp http;
  private final GoogleTokens tokens;
  private final JsonMapper json;
  private final String basePath;

  GoogleApi(GoogleHttp http, GoogleTokens tokens, JsonMapper json, GoogleProperties properties) {
    this.http = http;
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

  <T> T post(
      String path, Object body, Class<T> answerType, List<PartnerRef> refs, ExchangeLog exchanges)
      throws PartnerFailureException {
    byte[] content;
    try {
      content = json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
    }
    return call(
        content,
        token ->
            HttpRequest.POST(basePath + path, content)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(token),
        answerType,
        refs,
        exchanges);
  }

  <T> T get(String path, Class<T> answerType, List<PartnerRef> refs, ExchangeLog exchanges)
      throws PartnerFailureException {
    return call(
        new byte[0],
        token ->
            HttpRequest.GET(basePath + path)
                .accept(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(token),
        answerType,
        refs,
        exchanges);
  }

  private <T> T call(
      byte[] body,
      Function<String, MutableHttpRequest<?>> request,
      Class<T> answerType,
      List<PartnerRef> refs,
      ExchangeLog exchanges)
      throws PartnerFailureException {
    Reported reported = new Reported(body, refs, exchanges);
    String token = tokens.current();
    GoogleHttp.Answer answer = send(request.apply(token), reported);
    if (refusesToken(answer)) {
      tokens.discard(token);
      answer = send(request.apply(tokens.current()), reported);
      if (refusesToken(answer)) {
        String reason = GoogleErrors.classify(answer.status(), answer.body(), json).reason();
        LOG.debug("Google call failed: {}", reason);
        LOG.warn("Google refused a freshly fetched access token: {}", PartnerText.forLog(reason));
        throw new PartnerFailureException(
            new PartnerFailure.Unauthorized(reason + " with a fresh token"));
      }
    }
    if (!answer.isSuccess()) {
      throw logged(
          new PartnerFailureException(GoogleErrors.classify(answer.status(), answer.body(), json)));
    }
    return read(answer, answerType);
  }

  private boolean refusesToken(GoogleHttp.Answer answer) {
    return !answer.isSuccess() && GoogleErrors.refusesToken(answer.status(), answer.body(), json);
  }

  /** What a call reports of itself: the body it sends and the references it asks about. */
  private record Reported(byte[] body, List<PartnerRef> refs, ExchangeLog exchanges) {

    /**
     * Reports one call; the token travels in the Authorization header, which is never reported, and
     * token grants ({@link GoogleTokens}) are not reported at all.
     */
    void exchanged(MutableHttpRequest<?> request, int status, byte[] answer) {
      URI uri = request.getUri();
      String target =
          uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
      exchanges.exchanged(
          new PartnerExchange(request.getMethodName(), target, body, status, answer, refs));
    }
  }

  /** One call, reported whether answered or not. */
  private GoogleHttp.Answer send(MutableHttpRequest<?> request, Reported reported)
      throws PartnerFailureException {
    GoogleHttp.Answer answer;
    try {
      answer = http.send(request, "Google");
    } catch (PartnerFailureException e) {
      reported.exchanged(request, PartnerExchange.NO_ANSWER, new byte[0]);
      throw logged(e);
    }
    reported.exchanged(request, answer.status(), answer.bytes());
    return answer;
  }

  private <T> T read(GoogleHttp.Answer answer, Class<T> answerType) throws PartnerFailureException {
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
              new PartnerFailure.UnknownOutcome(
                  "Google answer over HTTP " + answer.status() + " could not be read")));
    }
    return value;
  }

  private static PartnerFailureException logged(PartnerFailureException e) {
    LOG.debug("Google call failed: {}", e.failure().reason());
    return e;
  }
}
