package org.takedown.adapters.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Meta's answer to a preservation extension: whether it worked, and the new end date. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record MetaExtension(
    @Nullable @JsonProperty("success") Boolean success,
    @Nullable @JsonProperty("preserved_until") String preservedUntil) {}
