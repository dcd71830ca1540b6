package org.takedown.adapters.tiktok;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code data} of the create answer, and of its 409 {@code duplicate_request} answer. */
@Serdeable
record CreatedRequestData(@JsonProperty("request_id") @Nullable String requestId) {}
