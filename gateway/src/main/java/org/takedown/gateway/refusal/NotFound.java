package org.takedown.gateway.refusal;

/** Nothing the caller may see exists under that name. */
public final class NotFound extends Refusal {

  public NotFound(String message) {
    super(message);
  }
}
