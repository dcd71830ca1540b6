package org.takedown.adapters.meta;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.platform.ExchangeLog;
import org.takedown.platform.PartnerExchange;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerFailureException;
import org.takedown.platform.PartnerRef;

/**
 * Meta's Graph API: versioned paths, Bearer auth with the system-user token, every call reported. A
 * call returns Graph's 2xx answer or throws the failure {@link MetaErrors} classified it as.
 */
@Singleton
@Requires(property = MetaProperties.PREFIX + ".base-url")
class MetaApi {

  private static final Logger LOG = LoggerFactory.getLogger(MetaApi.class);

  private final MetaHttp http;
  private final MetaErrors errors;
  private final String versionRoot;
  private final String accessToken;

  MetaApi(MetaHttp http, JsonMapper json, MetaProperties properties) {
    this.http = http;
    this.errors = new MetaErrors(json);
    this.versionRoot =
        properties.baseUrl().replaceAll("/+$", "") + "/" + segment(properties.apiVersion());
    this.accessToken = properties.accessToken();
  }

  /**
   * {@code POST {base}/{version}/{node}/{edge}} with a JSON body; the call is reported to {@code
   * exchanges} as concerning {@code refs}.
   */
  MetaHttp.Answer post(
      String node, String edge, byte[] json, List<PartnerRef> refs, ExchangeLog exchanges)
      throws PartnerFailureException {
    String uri = versionRoot + "/" + segment(node) + "/" + segment(edge);
    return call(
        HttpRequest.POST(uri, json).contentType(MediaType.APPLICATION_JSON_TYPE),
        json,
        refs,
        exchanges);
  }

  /** {@code GET {base}/{version}/{node}?fields=...}; {@code fields} is a constant field list. */
  MetaHttp.Answer get(String node, String fields, List<PartnerRef> refs, ExchangeLog exchanges)
      throws PartnerFailureException {
    return call(
        HttpRequest.GET(versionRoot + "/" + segment(node) + "?fields=" + fields),
        new byte[0],
        refs,
        exchanges);
  }

  private MetaHttp.Answer call(
      MutableHttpRequest<?> request, byte[] body, List<PartnerRef> refs, ExchangeLog exchanges)
      throws PartnerFailureException {
    request.bearerAuth(accessToken).accept(MediaType.APPLICATION_JSON_TYPE);
    MetaHttp.Answer answer;
    try {
      answer = http.send(request);
    } catch (PartnerFailureException noAnswer) {
      report(request, body, PartnerExchange.NO_ANSWER, new byte[0], refs, exchanges);
      throw noAnswer;
    }
    report(request, body, answer.status(), answer.body(), refs, exchanges);
    if (!answer.isSuccess()) {
      PartnerFailure failure = errors.classify(answer);
      LOG.debug("Meta call failed: {}", failure.reason());
      throw new PartnerFailureException(failure);
    }
    return answer;
  }

  /** The access token travels in the Authorization header, which is never reported. */
  private static void report(
      MutableHttpRequest<?> request,
      byte[] body,
      int status,
      byte[] answer,
      List<PartnerRef> refs,
      ExchangeLog exchanges) {
    exchanges.exchanged(
        new PartnerExchange(
            request.getMethodName(), target(request.getUri()), body, status, answer, refs));
  }

  /** The raw path and query as they go on the wire. */
  private static String target(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  /** Encodes one path segment, so that an id can never climb out of its place in the path. */
  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
