package org.takedown.adapters.meta;

import java.util.Optional;

/** What came back from one Graph call: an HTTP answer, or none at all. */
sealed interface GraphReply {

  /** Meta answered; {@code body} is empty when it sent none. */
  record Answered(int status, byte[] body, Optional<String> businessUseCaseUsage)
      implements GraphReply {

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * The answer never arrived (connect failure, timeout, reset, broken body): its fate is unknown.
   */
  record NoAnswer(String reason) implements GraphReply {}
}
