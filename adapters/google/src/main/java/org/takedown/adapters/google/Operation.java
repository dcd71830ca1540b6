package org.takedown.adapters.google;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A long-running operation, as the create answers it and as polling reads it. Proto3 JSON omits
 * {@code done} while it is false.
 */
@Serdeable
record Operation(
    @Nullable String name,
    @Nullable Boolean done,
    @Nullable Metadata metadata,
    @Nullable LegalRequest response,
    @Nullable RpcStatus error) {

  boolean isDone() {
    return Boolean.TRUE.equals(done);
  }

  /** Progress of an unfinished operation. */
  @Serdeable
  record Metadata(
      @Nullable String legalRequest,
      @Nullable String state,
      @Nullable String createTime,
      @Nullable String updateTime) {}

  /** The resolved legal request a finished operation carries. */
  @Serdeable
  record LegalRequest(
      @Nullable String name,
      @Nullable String state,
      @Nullable String resolution,
      @Nullable String preserveUntil,
      @Nullable String updateTime) {}
}
