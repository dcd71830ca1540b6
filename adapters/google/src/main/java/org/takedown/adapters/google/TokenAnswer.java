package org.takedown.adapters.google;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The token endpoint's answer, success ({@code access_token}) or failure ({@code error}). */
@Serdeable
record TokenAnswer(
    @Nullable @JsonProperty("access_token") String accessToken,
    @Nullable @JsonProperty("expires_in") Long expiresIn,
    @Nullable @JsonProperty("token_type") String tokenType,
    @Nullable String error) {}
