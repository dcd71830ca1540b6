package org.takedown.adapters.google;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Google's {@code google.rpc.Status}: the {@code error} of an error answer and of a failed
 * operation.
 */
@Serdeable
record RpcStatus(
    @Nullable Integer code,
    @Nullable String message,
    @Nullable String status,
    @Nullable List<Detail> details) {

  /** One typed detail; only RetryInfo's {@code retryDelay} is read. */
  @Serdeable
  record Detail(@Nullable @JsonProperty("@type") String type, @Nullable String retryDelay) {}

  /** The answer body of a failed call: {@code {"error": {...}}}. */
  @Serdeable
  record Envelope(@Nullable RpcStatus error) {}
}
