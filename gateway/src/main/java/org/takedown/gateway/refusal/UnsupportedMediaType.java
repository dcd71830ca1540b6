package org.takedown.gateway.refusal;

/** A body whose Content-Type is not one the endpoint reads. */
public final class UnsupportedMediaType extends Refusal {

  public UnsupportedMediaType(String message) {
    super(message);
  }
}
