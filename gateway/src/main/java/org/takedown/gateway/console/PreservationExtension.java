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
import org.takedown.contracts.RequestStatus;
import org.takedown.gateway.actions.OfficerAction;
import org.takedown.gateway.actions.OfficerActions;
import org.takedown.gateway.actions.Reason;
import org.takedown.gateway.auth.Viewer;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.NotFound;
import org.takedown.gateway.refusal.PartnerUnavailable;
import org.takedown.gateway.refusal.StateConflict;
import org.takedown.gateway.request.RequestStates;
import org.takedown.gateway.status.RequestReads;

/**
 * One preservation of a bulk extension, extended through {@link
 * OfficerActions#extendPreservation(UUID, String, Reason)} (the API's own), and what became of it
 * as a line of the result: extended to, no longer held, refused or put off by the partner, or
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
  ResultLine extend(
      Chrome chrome, UUID id, Instant seenUntil, String reason, String officer, Viewer viewer) {
    Optional<RequestDetail> before = requests.find(id, viewer);
    if (before.isEmpty()) {
      return new ResultLine(id, "unknown", false, chrome.t("result.unknown"), null, null);
    }
    RequestDetail current = before.get();
    if (!OfficerAction.EXTEND_PRESERVATION.allowedFor(
        RequestStates.fromContract(current.status()), current.outcome())) {
      return notExtendable(chrome, id, current.status());
    }
    if (seenUntil != null && !seenUntil.equals(current.preservedUntil())) {
      // the page was older than the preservation: extended since (this form sent twice, or
      // another officer), so not again
      return new ResultLine(
          id,
          "changed",
          false,
          chrome.t("preservations.result.changed"),
          current.preservedUntil(),
          null);
    }
    try {
      Instant until = actions.extendPreservation(id, officer, new Reason(reason));
      return new ResultLine(
          id, "extended", true, chrome.t("preservations.result.extended"), until, null);
    } catch (NotFound e) {
      return new ResultLine(id, "unknown", false, chrome.t("result.unknown"), null, null);
    } catch (StateConflict e) {
      return notExtendable(
          chrome,
          id,
          requests.find(id, viewer).map(RequestDetail::status).orElse(current.status()));
    } catch (PartnerUnavailable e) {
      return e.refusedForGood()
          ? new ResultLine(
              id,
              "partner-refused",
              false,
              chrome.t("preservations.result.partnerRefused", chrome.label(current.platform())),
              null,
              e.getMessage())
          : new ResultLine(
              id,
              "partner-unavailable",
              false,
              chrome.t("preservations.result.partnerUnavailable", chrome.label(current.platform())),
              null,
              e.getMessage());
    } catch (InvalidInput e) {
      // checked above; kept so that a rule of OfficerActions' own never becomes a 500
      return new ResultLine(
          id, "refused", false, chrome.t("preservations.error.reasonUnreadable"), null, null);
    }
  }

  private static ResultLine notExtendable(Chrome chrome, UUID id, RequestStatus status) {
    return new ResultLine(
        id,
        "not-extendable",
        false,
        chrome.t("preservations.result.notExtendable", chrome.label(status)),
        null,
        null);
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
