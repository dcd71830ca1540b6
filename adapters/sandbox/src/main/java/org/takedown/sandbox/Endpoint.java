package org.takedown.sandbox;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * One operation of a simulated partner's API: computes the answer to a call from the simulator's
 * state. May throw {@link PartnerRefusal} to answer with the partner's error envelope.
 */
@FunctionalInterface
interface Endpoint {
  ResponseDefinition respond(Request request);
}
