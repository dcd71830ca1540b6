package org.takedown.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps in RFC 3339 UTC to the second, as the Graph API writes them. */
final class Rfc3339 {

  private Rfc3339() {}

  static String seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
