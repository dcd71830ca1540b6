package org.takedown.gateway.refusal;

/**
 * A partner callback that is not accepted: unverifiable (401), not ours (403), or verified but
 * unreadable (400). The message is generic: why exactly goes to the log, not to the caller.
 */
public final class UnverifiedCallback extends Refusal {

  private final int status;

  public UnverifiedCallback(int status) {
    super(
        status == 400
            ? "the callback is authentic but cannot be read"
            : "the callback could not be verified");
    this.status = status;
  }

  public int status() {
    return status;
  }
}
