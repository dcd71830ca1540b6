package org.takedown.adapters.google;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** The body of a Pub/Sub-style push to {@code /webhooks/google}; {@code data} is base64. */
@Serdeable
record PushEnvelope(@Nullable Message message, @Nullable String subscription) {

  /**
   * One pushed message; only {@code data}, {@code messageId} and the {@code eventType} attribute
   * are read.
   */
  @Serdeable
  record Message(
      @Nullable String data,
      @Nullable String messageId,
      @Nullable String publishTime,
      @Nullable Map<String, String> attributes) {

    @Nullable
    String eventType() {
      return attributes == null ? null : attributes.get("eventType");
    }
  }
}
