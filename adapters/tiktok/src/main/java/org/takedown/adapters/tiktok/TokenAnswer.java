package org.takedown.adapters.tiktok;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** TikTok's token endpoint answer: a token on success, an OAuth error code on failure. */
@Serdeable
record TokenAnswer(
    @JsonProperty("access_token") @Nullable String accessToken,
    @JsonProperty("expires_in") @Nullable Long expiresIn,
    @JsonProperty("error") @Nullable String error,
    @JsonProperty("log_id") @Nullable String logId) {}
