package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * A simulated partner refusing a call with its own error envelope. Thrown from deep inside request
 * validation and turned into the response by {@link EndpointTransformer}.
 */
final class PartnerRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ResponseDefinition response;

  PartnerRefusal(ResponseDefinition response) {
    // A refusal is an answer, not a failure: no stack trace to fill or log.
    super(null, null, false, false);
    this.response = response;
  }

  ResponseDefinition response() {
    return response;
  }
}
