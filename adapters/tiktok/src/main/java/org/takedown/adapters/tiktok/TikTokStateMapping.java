package org.takedown.adapters.tiktok;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.StatusOutcome;

/** Translates TikTok's status and result into the gateway's states (PARTNERS.md state mapping). */
final class TikTokStateMapping {

  private TikTokStateMapping() {}

  static StatusOutcome toOutcome(PartnerRef ref, QueryData.RequestStatus entry) {
    String status = entry.status();
    String result = entry.result();
    String detail =
        result == null
            ? "TikTok status " + status
            : "TikTok status %s, result %s".formatted(status, result);
    if ("PENDING".equals(status)) {
      return known(ref, PartnerState.SUBMITTED, null, entry, detail);
    }
    if ("PROCESSING".equals(status)) {
      return known(ref, PartnerState.IN_REVIEW, null, entry, detail);
    }
    if ("COMPLETED".equals(status)) {
      Outcome outcome = completedOutcome(result);
      if (outcome != null) {
        return known(ref, PartnerState.COMPLETED, outcome, entry, detail);
      }
    }
    if ("REJECTED".equals(status)) {
      return known(ref, PartnerState.COMPLETED, rejectedOutcome(result), entry, detail);
    }
    // A status (or a COMPLETED result) TikTok's profile does not list: keep asking rather than
    // guess an outcome; the reason shows what TikTok said.
    return new PartnerFailure.RetryLater(Optional.empty(), detail + " is not understood");
  }

  private static Outcome completedOutcome(String result) {
    if (result == null) {
      return null;
    }
    switch (result) {
      case "REMOVED":
        return Outcome.REMOVED;
      case "GEO_RESTRICTED":
        return Outcome.RESTRICTED;
      case "PRESERVED":
        return Outcome.PRESERVED;
      default:
        return null;
    }
  }

  private static Outcome rejectedOutcome(String result) {
    if ("NOT_FOUND".equals(result)) {
      return Outcome.NOT_FOUND;
    }
    if ("NO_VIOLATION".equals(result)) {
      return Outcome.NO_VIOLATION;
    }
    // TikTok turned the request down for a reason its profile does not name: that is final,
    // and the gateway's word for it is DECLINED.
    return Outcome.DECLINED;
  }

  private static StatusOutcome known(
      PartnerRef ref,
      PartnerState state,
      Outcome outcome,
      QueryData.RequestStatus entry,
      String detail) {
    Instant preservedUntil;
    Instant updatedAt;
    try {
      preservedUntil = instantOf(entry.preserveExpireTime());
      updatedAt = instantOf(entry.updateTime());
    } catch (DateTimeException beyondAnyDate) {
      // a number of seconds no Instant holds: not a time, like a time Meta words unreadably
      return new PartnerFailure.RetryLater(
          Optional.empty(), detail + " carries a unix time beyond any date");
    }
    return new StatusOutcome.Known(
        new PartnerUpdate(ref, state, outcome, preservedUntil, updatedAt, detail));
  }

  private static Instant instantOf(Long unixSeconds) {
    return unixSeconds == null ? null : Instant.ofEpochSecond(unixSeconds);
  }
}
