package org.takedown.adapters.google;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.takedown.platform.Outcome;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.PartnerState;
import org.takedown.platform.PartnerUpdate;
import org.takedown.platform.StatusOutcome;
import org.takedown.platform.SubmitOutcome;

/**
 * Reads Google's long-running operations in the gateway's terms (PARTNERS.md "Mapping to the
 * gateway's request states"). Vocabulary outside the table is not guessed at: it is reported as
 * transient, so that the request stays where it is until someone looks.
 */
final class GoogleStateMapping {

  private GoogleStateMapping() {}

  /** The answer to a create: Google holds the request, or refused it for good. */
  static SubmitOutcome ofCreate(Operation operation) {
    if (operation.isDone() && operation.error() != null) {
      RpcStatus error = operation.error();
      return new PartnerFailure.Rejected(
          code(error), "Google operation failed: " + describe(error));
    }
    String legalRequest = operation.metadata() != null ? operation.metadata().legalRequest() : null;
    if (legalRequest == null && operation.response() != null) {
      legalRequest = operation.response().name();
    }
    if (operation.name() == null || legalRequest == null) {
      // Safe to ask again: the same requestId returns the same operation (AIP-155).
      return new PartnerFailure.UnknownOutcome(
          "Google operation answer lacks the operation or legal request name");
    }
    return new SubmitOutcome.Accepted(new PartnerRef(legalRequest, operation.name()), false);
  }

  /** The answer to a poll. */
  static StatusOutcome ofPoll(PartnerRef ref, Operation operation) {
    try {
      if (!operation.isDone()) {
        return running(ref, operation.metadata());
      }
      if (operation.error() != null) {
        RpcStatus error = operation.error();
        return known(
            ref,
            PartnerState.FAILED,
            null,
            null,
            updatedAt(operation),
            "Google operation failed: " + describe(error));
      }
      return resolved(ref, operation);
    } catch (DateTimeParseException e) {
      return new PartnerFailure.RetryLater(
          Optional.empty(), "Google operation carries an unreadable timestamp");
    }
  }

  private static StatusOutcome running(PartnerRef ref, @Nullable Operation.Metadata metadata) {
    String state = metadata == null ? null : metadata.state();
    if ("RECEIVED".equals(state)) {
      Instant at =
          time(metadata.updateTime() != null ? metadata.updateTime() : metadata.createTime());
      return known(ref, PartnerState.SUBMITTED, null, null, at, "Google state RECEIVED");
    }
    if ("UNDER_REVIEW".equals(state)) {
      Instant at = time(metadata.updateTime());
      return known(ref, PartnerState.IN_REVIEW, null, null, at, "Google state UNDER_REVIEW");
    }
    return unrecognised("running operation in state " + state);
  }

  private static StatusOutcome resolved(PartnerRef ref, Operation operation) {
    Operation.LegalRequest response = operation.response();
    if (response == null || !"RESOLVED".equals(response.state())) {
      return unrecognised(
          "finished operation in state " + (response == null ? null : response.state()));
    }
    Outcome outcome = outcome(response.resolution());
    if (outcome == null) {
      return unrecognised("resolution " + response.resolution());
    }
    Instant preservedUntil = outcome == Outcome.PRESERVED ? time(response.preserveUntil()) : null;
    return known(
        ref,
        PartnerState.COMPLETED,
        outcome,
        preservedUntil,
        updatedAt(operation),
        "Google state RESOLVED, resolution " + response.resolution());
  }

  private static @Nullable Outcome outcome(@Nullable String resolution) {
    if (resolution == null) {
      return null;
    }
    return switch (resolution) {
      case "REMOVED" -> Outcome.REMOVED;
      case "RESTRICTED" -> Outcome.RESTRICTED;
      case "PRESERVED" -> Outcome.PRESERVED;
      case "NOT_FOUND" -> Outcome.NOT_FOUND;
      case "NO_ACTION" -> Outcome.NO_VIOLATION;
      default -> null;
    };
  }

  private static @Nullable Instant updatedAt(Operation operation) {
    if (operation.response() != null && operation.response().updateTime() != null) {
      return time(operation.response().updateTime());
    }
    return operation.metadata() == null ? null : time(operation.metadata().updateTime());
  }

  private static StatusOutcome known(
      PartnerRef ref,
      PartnerState state,
      @Nullable Outcome outcome,
      @Nullable Instant preservedUntil,
      @Nullable Instant updatedAt,
      String detail) {
    return new StatusOutcome.Known(
        new PartnerUpdate(ref, state, outcome, preservedUntil, updatedAt, detail));
  }

  private static StatusOutcome unrecognised(String what) {
    return new PartnerFailure.RetryLater(
        Optional.empty(), "Google reported an unrecognised " + what);
  }

  private static String code(RpcStatus error) {
    return error.status() != null ? error.status() : "CODE_" + error.code();
  }

  private static String describe(RpcStatus error) {
    return code(error) + " (code " + error.code() + ")";
  }

  /** RFC 3339, any offset; null when absent. */
  private static @Nullable Instant time(@Nullable String value) {
    return value == null ? null : OffsetDateTime.parse(value).toInstant();
  }
}
