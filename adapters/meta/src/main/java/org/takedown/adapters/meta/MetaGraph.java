package org.takedown.adapters.meta;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.platform.ExchangeLog;
import org.takedown.platform.PartnerExchange;
import org.takedown.platform.PartnerRef;

/** Meta's Graph API over HTTP: versioned paths, Bearer auth, and every missing answer caught. */
@Singleton
@Requires(property = MetaProperties.PREFIX + ".base-url")
class MetaGraph {

  private static final String USAGE_HEADER = "X-Business-Use-Case-Usage";

  private static final Logger LOG = LoggerFactory.getLogger(MetaGraph.class);

  private final HttpClient http;
  private final String versionRoot;
  private final String accessToken;

  MetaGraph(@Named(MetaHttpClientFactory.CLIENT_NAME) HttpClient http, MetaProperties properties) {
    this.http = http;
    this.versionRoot =
        properties.baseUrl().replaceAll("/+$", "") + "/" + segment(properties.apiVersion());
    this.accessToken = properties.accessToken();
  }

  /**
   * {@code POST {base}/{version}/{node}/{edge}} with a JSON body; the call is reported to {@code
   * exchanges} as concerning {@code refs}.
   */
  GraphReply post(
      String node, String edge, byte[] json, List<PartnerRef> refs, ExchangeLog exchanges) {
    String uri = versionRoot + "/" + segment(node) + "/" + segment(edge);
    return exchange(
        HttpRequest.POST(uri, json).contentType(MediaType.APPLICATION_JSON_TYPE),
        json,
        refs,
        exchanges);
  }

  /** {@code GET {base}/{version}/{node}?fields=...}; {@code fields} is a constant field list. */
  GraphReply get(String node, String fields, List<PartnerRef> refs, ExchangeLog exchanges) {
    return exchange(
        HttpRequest.GET(versionRoot + "/" + segment(node) + "?fields=" + fields),
        new byte[0],
        refs,
        exchanges);
  }

  private GraphReply exchange(
      MutableHttpRequest<?> request, byte[] body, List<PartnerRef> refs, ExchangeLog exchanges) {
    GraphReply reply = exchange(request);
    // the access token travels in the Authorization header, which is never reported
    exchanges.exchanged(
        new PartnerExchange(
            request.getMethodName(),
            target(request.getUri()),
            body,
            reply instanceof GraphReply.Answered a ? a.status() : PartnerExchange.NO_ANSWER,
            reply instanceof GraphReply.Answered a ? a.body() : new byte[0],
            refs));
    return reply;
  }

  private GraphReply exchange(MutableHttpRequest<?> request) {
    request.bearerAuth(accessToken).accept(MediaType.APPLICATION_JSON_TYPE);
    try {
      return answered(http.toBlocking().exchange(request, byte[].class));
    } catch (HttpClientResponseException e) {
      // The blocking client raises every 4xx/5xx; Graph puts its meaning in those bodies.
      return answered(e.getResponse());
    } catch (ReadTimeoutException e) {
      return noAnswer(request, "read timed out", e);
    } catch (HttpClientException e) {
      return noAnswer(request, "connection failed or broke", e);
    }
  }

  /** The raw path and query as they go on the wire. */
  private static String target(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private static GraphReply answered(HttpResponse<?> response) {
    return new GraphReply.Answered(
        response.code(),
        response.getBody(byte[].class).orElse(new byte[0]),
        Optional.ofNullable(response.getHeaders().get(USAGE_HEADER)));
  }

  private static GraphReply noAnswer(HttpRequest<?> request, String what, HttpClientException e) {
    LOG.debug("No answer from Meta for {} {}", request.getMethod(), request.getPath(), e);
    return new GraphReply.NoAnswer("Meta gave no answer: " + what);
  }

  /** Encodes one path segment, so that an id can never climb out of its place in the path. */
  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
