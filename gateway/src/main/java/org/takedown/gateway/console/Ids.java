package org.takedown.gateway.console;

import java.util.Optional;
import java.util.UUID;

/** The ids in the console's addresses: a UUID in its usual form, or nothing. */
final class Ids {

  private Ids() {}

  static Optional<UUID> parse(String id) {
    if (id == null || id.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
