package org.takedown.adapters.tiktok;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** TikTok's envelope around every API answer: {@code {"data": {...}, "error": {...}}}. */
@Serdeable
record Envelope<D>(
    @JsonProperty("data") @Nullable D data, @JsonProperty("error") @Nullable ErrorBody error) {

  /** TikTok's code for a call that worked. */
  static final String OK = "ok";

  /** The envelope's {@code error.code}, null when it has none. */
  @Nullable
  String code() {
    return error == null ? null : error.code();
  }

  @Nullable
  String logId() {
    return error == null ? null : error.logId();
  }

  /**
   * The envelope's error part. Its {@code message} is left unread: it may echo request fields, and
   * reasons must not carry them.
   */
  @Serdeable
  record ErrorBody(
      @JsonProperty("code") @Nullable String code,
      @JsonProperty("log_id") @Nullable String logId) {}
}
