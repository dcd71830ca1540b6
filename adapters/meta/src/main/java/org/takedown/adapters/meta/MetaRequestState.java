package org.takedown.adapters.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Where Meta says a legal request stands: the fields a status read returns and a webhook change's
 * {@code value} carries ({@code id} in the first, {@code request_id} in the second).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record MetaRequestState(
    @Nullable @JsonProperty("id") String id,
    @Nullable @JsonProperty("request_id") String requestId,
    @Nullable @JsonProperty("status") String status,
    @Nullable @JsonProperty("outcome") String outcome,
    @Nullable @JsonProperty("decline_reason") String declineReason,
    @Nullable @JsonProperty("preserved_until") String preservedUntil,
    @Nullable @JsonProperty("updated_time") String updatedTime) {}
