package org.takedown.gateway.refusal;

/** The body is not JSON (or not a JSON object). */
public final class MalformedJson extends Refusal {

  public MalformedJson(String message) {
    super(message);
  }
}
