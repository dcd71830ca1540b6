package org.takedown.adapters.meta;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;

/**
 * Translates Meta's status, outcome and decline reason into the gateway's states (PARTNERS.md
 * "Mapping to the gateway's request states"); shared by status reads and webhook callbacks, so that
 * both channels always agree.
 */
final class MetaStateMapping {

  private MetaStateMapping() {}

  static PartnerUpdate toUpdate(PartnerRef ref, MetaRequestState state)
      throws UnrecognisedMetaState {
    Instant updatedAt = time(state.updatedTime(), "updated_time");
    Instant preservedUntil = time(state.preservedUntil(), "preserved_until");
    String status = state.status() == null ? "" : state.status();
    switch (status) {
      case "RECEIVED":
        return new PartnerUpdate(
            ref, PartnerState.SUBMITTED, null, null, updatedAt, "Meta status RECEIVED");
      case "IN_REVIEW":
        return new PartnerUpdate(
            ref, PartnerState.IN_REVIEW, null, null, updatedAt, "Meta status IN_REVIEW");
      case "COMPLETED":
        Outcome outcome = completedOutcome(state);
        return new PartnerUpdate(
            ref,
            PartnerState.COMPLETED,
            outcome,
            outcome == Outcome.PRESERVED ? preservedUntil : null,
            updatedAt,
            "Meta status COMPLETED, outcome " + state.outcome());
      case "DECLINED":
        return new PartnerUpdate(
            ref,
            PartnerState.COMPLETED,
            declinedOutcome(state),
            null,
            updatedAt,
            "Meta status DECLINED, decline_reason " + state.declineReason());
      default:
        throw UnrecognisedMetaState.of(state);
    }
  }

  private static Outcome completedOutcome(MetaRequestState state) throws UnrecognisedMetaState {
    String outcome = state.outcome() == null ? "" : state.outcome();
    switch (outcome) {
      case "CONTENT_REMOVED":
        return Outcome.REMOVED;
      case "CONTENT_RESTRICTED":
        return Outcome.RESTRICTED;
      case "DATA_PRESERVED":
        return Outcome.PRESERVED;
      default:
        throw UnrecognisedMetaState.of(state);
    }
  }

  private static Outcome declinedOutcome(MetaRequestState state) throws UnrecognisedMetaState {
    String reason = state.declineReason() == null ? "" : state.declineReason();
    switch (reason) {
      case "CONTENT_NOT_FOUND":
        return Outcome.NOT_FOUND;
      case "NO_VIOLATION_FOUND":
        return Outcome.NO_VIOLATION;
      case "INSUFFICIENT_LEGAL_BASIS":
        return Outcome.DECLINED;
      default:
        throw UnrecognisedMetaState.of(state);
    }
  }

  private static Instant time(String text, String field) throws UnrecognisedMetaState {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return GraphTime.parse(text);
    } catch (DateTimeParseException e) {
      throw UnrecognisedMetaState.badTime(field);
    }
  }
}
