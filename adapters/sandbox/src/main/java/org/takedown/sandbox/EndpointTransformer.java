package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WireMock extension that answers a simulator's stubs: each stub names its {@link Endpoint} in
 * the transformer parameter {@value #PARAMETER}, and the endpoint computes the response.
 */
final class EndpointTransformer implements ResponseDefinitionTransformerV2 {

  static final String NAME = "partner-sandbox-endpoint";
  static final String PARAMETER = "endpoint";

  private static final Logger LOG = LoggerFactory.getLogger(EndpointTransformer.class);

  private final String partner;
  private final Function<String, Endpoint> endpoints;

  EndpointTransformer(String partner, Function<String, Endpoint> endpoints) {
    this.partner = partner;
    this.endpoints = endpoints;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String endpoint = serveEvent.getTransformerParameters().getString(PARAMETER);
    try {
      return endpoints.apply(endpoint).respond(request);
    } catch (PartnerRefusal refusal) {
      return refusal.response();
    } catch (RuntimeException e) {
      // the exception's message may quote the request body (a parser's, for one): its type only
      LOG.error(
          "The {} sandbox failed to answer {} {} ({})",
          partner,
          request.getMethod(),
          path(request.getUrl()),
          e.getClass().getName());
      LOG.debug("The {} sandbox failure", partner, e);
      return JsonResponse.of(500, Map.of("error", "partner sandbox failure"));
    }
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }

  /** The path of a request URL, without its query (which may carry references). */
  static String path(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
