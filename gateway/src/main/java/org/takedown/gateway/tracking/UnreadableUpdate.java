package org.takedown.gateway.tracking;

import java.util.Optional;
import org.takedown.gateway.refusal.PlainText;
import org.takedown.gateway.request.PgTime;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerUpdate;

/**
 * What makes a verified partner update unreadable to the gateway, although its partner's adapter
 * understood it: a reference no request can carry (control characters, or longer than the 512
 * characters a partner reference column holds), a time outside the years 0001 to 9999 ({@link
 * PgTime#storable}), or wording with control characters. PostgreSQL would refuse most of these with
 * an error, and a callback answered with a 5xx is redelivered for ever; so such an update is not
 * applied, and {@link ApplyPartnerUpdate} records that it was refused instead. The reasons name
 * what was wrong, never the partner's value.
 */
final class UnreadableUpdate {

  /** The length of {@code partner_ref} and {@code partner_operation}. */
  static final int MAX_REFERENCE = 512;

  private static final String YEARS = " outside the years 0001 to 9999";

  private UnreadableUpdate() {}

  /** Why no request can carry this reference; empty when one can. */
  static Optional<String> reference(PartnerRef ref) {
    for (String name : new String[] {ref.id(), ref.operation()}) {
      if (name == null) {
        continue;
      }
      if (!PlainText.isPlain(name)) {
        return Optional.of("a reference with control characters");
      }
      if (name.length() > MAX_REFERENCE) {
        return Optional.of("a reference longer than " + MAX_REFERENCE + " characters");
      }
    }
    return Optional.empty();
  }

  /** Why the update's times or wording cannot be stored; empty when they can. */
  static Optional<String> content(PartnerUpdate update) {
    if (update.updatedAt() != null && !PgTime.storable(update.updatedAt())) {
      return Optional.of("a time of change" + YEARS);
    }
    if (update.preservedUntil() != null && !PgTime.storable(update.preservedUntil())) {
      return Optional.of("a preservation end" + YEARS);
    }
    if (update.detail() != null && !PlainText.isPlainMultiLine(update.detail())) {
      return Optional.of("wording with control characters");
    }
    return Optional.empty();
  }
}
