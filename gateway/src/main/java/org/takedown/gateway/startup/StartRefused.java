package org.takedown.gateway.startup;

/** The configuration does not allow a start; the message names everything that is missing. */
public final class StartRefused extends RuntimeException {

  StartRefused(String message) {
    super(message);
  }
}
