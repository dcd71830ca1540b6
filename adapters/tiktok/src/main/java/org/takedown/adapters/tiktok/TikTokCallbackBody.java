package org.takedown.adapters.tiktok;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body TikTok POSTs to {@code /webhooks/tiktok}. {@code content} is a JSON document encoded as
 * a string; it decodes to the same fields a status query returns for one request.
 */
@Serdeable
record TikTokCallbackBody(
    @JsonProperty("client_key") @Nullable String clientKey,
    @JsonProperty("event") @Nullable String event,
    @JsonProperty("create_time") @Nullable Long createTime,
    @JsonProperty("content") @Nullable String content) {}
