package org.takedown.adapters.tiktok;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The body of TikTok's status query, {@code POST /v2/legal/requests/query/}. */
@Serdeable
record QueryBody(@JsonProperty("request_ids") List<String> requestIds) {}
