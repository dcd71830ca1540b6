package org.takedown.adapters.google;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The decoded {@code data} of a push: where one legal request stands, with the operation that
 * tracks it.
 */
@Serdeable
record PushData(
    @Nullable String operation,
    @Nullable String legalRequest,
    @Nullable String state,
    @Nullable String resolution,
    @Nullable String updateTime,
    @Nullable String preserveUntil) {

  private static final String RESOLVED = "RESOLVED";

  /**
   * The operation a poll would have read at the same moment, so that pushes and polls go through
   * one mapping ({@link OperationOutcomes#ofPoll}) and can never disagree.
   */
  Operation asOperation() {
    Operation.Metadata metadata = new Operation.Metadata(legalRequest, state, null, updateTime);
    if (RESOLVED.equals(state)) {
      return new Operation(
          operation,
          true,
          metadata,
          new Operation.LegalRequest(legalRequest, state, resolution, preserveUntil, updateTime),
          null);
    }
    return new Operation(operation, false, metadata, null, null);
  }
}
