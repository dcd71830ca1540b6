package org.takedown.gateway.console;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.takedown.contracts.RequestDetail;
import org.takedown.gateway.actions.OfficerAction;
import org.takedown.gateway.actions.OfficerActions;
import org.takedown.gateway.actions.Reason;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.refusal.Refusal;
import org.takedown.gateway.refusal.StateConflict;
import org.takedown.gateway.request.RequestStates;
import org.takedown.gateway.status.RequestReads;

/**
 * One preservation of a bulk extension, extended through {@link
 * OfficerActions#extendPreservation(UUID, String, Reason)} (the API's own), and what became of it
 * as a line of the result ({@link BulkOutcome.Line}): extended, refused as the API would refuse it
 * (not held any more, unknown, the partner refused or did not answer), or refused because it was
 * extended since the page was shown, so that a form sent twice extends once.
 */
@Singleton
final class PreservationExtension {

  private final RequestReads requests;
  private final OfficerActions actions;

  PreservationExtension(RequestReads requests, OfficerActions actions) {
    this.requests = requests;
    this.actions = actions;
  }

  /**
   * Extends {@code id} by {@code officer} with {@code reason}, unless its end is no longer {@code
   * seenUntil} (the end the page showed; null: not checked); the line that says what happened.
   */
  BulkOutcome.Line extend(
      UUID id, Instant seenUntil, String reason, String officer, Viewer viewer) {
    Optional<RequestDetail> before = requests.find(id, viewer);
    if (before.isEmpty()) {
      return BulkOutcome.Line.refused(id, null, new NotFound("no request " + id));
    }
    RequestDetail current = before.get();
    if (seenUntil != null
        && !seenUntil.equals(current.preservedUntil())
        && OfficerAction.EXTEND_PRESERVATION.allowedFor(
            RequestStates.fromContract(current.status()), current.outcome())) {
      // the page was older than the preservation: extended since (this form sent twice, or
      // another officer), so not again
      return BulkOutcome.Line.refused(
          id,
          current,
          new StateConflict(
              "the preservation was extended after the page showed it, to "
                  + current.preservedUntil()
                  + "; not extended again"));
    }
    try {
      actions.extendPreservation(id, officer, new Reason(reason));
      return BulkOutcome.Line.done(id, requests.find(id, viewer).orElse(current));
    } catch (Refusal refusal) {
      // not held any more, gone, the partner refused or did not answer; a rule of
      // OfficerActions' own on the reason (checked before) never becomes a 500
      return BulkOutcome.Line.refused(id, requests.find(id, viewer).orElse(current), refusal);
    }
  }

  /** The ends the page showed, by id: {@code <id>@<instant>} each. */
  static Map<UUID, Instant> seen(List<String> values) {
    Map<UUID, Instant> seen = new HashMap<>();
    for (String value : values) {
      int at = value.indexOf('@');
      if (at < 0) {
        continue;
      }
      Optional<UUID> id = Ids.parse(value.substring(0, at));
      try {
        Instant until = Instant.parse(value.substring(at + 1));
        id.ifPresent(i -> seen.put(i, until));
      } catch (DateTimeParseException e) {
        // an unreadable value protects nothing: the preservation is extended as asked
      }
    }
    return seen;
  }
}
