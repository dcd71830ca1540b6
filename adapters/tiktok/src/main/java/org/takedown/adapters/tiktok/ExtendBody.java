package org.takedown.adapters.tiktok;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** The body of TikTok's preservation extension, {@code POST /v2/legal/requests/extend/}. */
@Serdeable
record ExtendBody(@JsonProperty("request_id") String requestId) {}
