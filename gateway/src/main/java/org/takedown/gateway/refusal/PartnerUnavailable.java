package org.takedown.gateway.refusal;

/** The partner did not do what an officer asked now (it refused, or did not answer). */
public final class PartnerUnavailable extends Refusal {

  private final boolean refusedForGood;

  public PartnerUnavailable(String message, boolean refusedForGood) {
    super(message);
    this.refusedForGood = refusedForGood;
  }

  /** True when the partner refused for good; false when asking again later may work. */
  public boolean refusedForGood() {
    return refusedForGood;
  }
}
