package org.takedown.sandbox;

import java.net.URI;
import java.util.Map;

/**
 * One callback a simulated partner finished delivering to the gateway, or gave up on.
 *
 * @param reference the gateway reference of the request the callback is about
 * @param requestId the partner's id of that request
 * @param status the partner status the callback announced
 * @param outcome the partner outcome or decline reason it announced, {@code null} when none
 * @param url where it was sent, e.g. {@code http://localhost:8080/webhooks/meta}
 * @param headers the headers of the last attempt, signature or token included
 * @param body the raw body, the same in every attempt
 * @param attempts how many times it was sent
 * @param statusCode the HTTP status of the last answer; 0 when none arrived
 * @param delivered whether the gateway acknowledged it with a 2xx
 */
public record CallbackDelivery(
    String reference,
    String requestId,
    String status,
    String outcome,
    URI url,
    Map<String, String> headers,
    String body,
    int attempts,
    int statusCode,
    boolean delivered) {

  public CallbackDelivery {
    headers = Map.copyOf(headers);
  }
}
