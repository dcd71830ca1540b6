package org.takedown.adapters.tiktok;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code data} of the status query answer: one entry per request TikTok knows. */
@Serdeable
record QueryData(@JsonProperty("requests") @Nullable List<RequestStatus> requests) {

  /**
   * Where TikTok says one request stands; times in unix seconds. A status callback's {@code
   * content} decodes to the same fields.
   */
  @Serdeable
  record RequestStatus(
      @JsonProperty("request_id") @Nullable String requestId,
      @JsonProperty("status") @Nullable String status,
      @JsonProperty("result") @Nullable String result,
      @JsonProperty("preserve_expire_time") @Nullable Long preserveExpireTime,
      @JsonProperty("update_time") @Nullable Long updateTime) {}
}
