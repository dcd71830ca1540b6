package org.takedown.adapters.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Meta's answer to a create: the request's Graph id, and whether Meta already had it. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record MetaCreated(
    @Nullable @JsonProperty("id") String id,
    @Nullable @JsonProperty("duplicate") Boolean duplicate) {

  boolean isDuplicate() {
    return Boolean.TRUE.equals(duplicate);
  }
}
