package org.takedown.adapters.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Graph's error envelope, {@code {"error": {...}}}; the message is not read, it may echo input. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record GraphErrorEnvelope(@Nullable @JsonProperty("error") GraphError error) {

  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  record GraphError(
      @Nullable @JsonProperty("type") String type,
      @Nullable @JsonProperty("code") Integer code,
      @Nullable @JsonProperty("error_subcode") Integer subcode,
      @Nullable @JsonProperty("is_transient") Boolean isTransient,
      @Nullable @JsonProperty("fbtrace_id") String fbtraceId) {}
}
