package org.takedown.adapters.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The body Meta POSTs to {@code /webhooks/meta}: entries, each with changes. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record MetaCallbackBody(
    @Nullable @JsonProperty("object") String object,
    @Nullable @JsonProperty("entry") List<Entry> entries) {

  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Entry(@Nullable @JsonProperty("changes") List<Change> changes) {}

  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Change(
      @Nullable @JsonProperty("field") String field,
      @Nullable @JsonProperty("value") MetaRequestState value) {}
}
