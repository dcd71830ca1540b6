package org.takedown.gateway.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in the newest-first listing: the last request's creation time and id. Opaque to
 * clients (base64url); keyset paging stays correct while new requests arrive.
 */
record RequestCursor(Instant createdAt, UUID id) {

  String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((micros + "~" + id).getBytes(StandardCharsets.US_ASCII));
  }

  static Optional<RequestCursor> decode(String cursor) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("~");
      if (parts.length != 2) {
        return Optional.empty();
      }
      Instant at = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
      return Optional.of(new RequestCursor(at, UUID.fromString(parts[1])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
