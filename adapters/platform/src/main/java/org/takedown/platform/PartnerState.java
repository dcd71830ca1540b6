package org.takedown.platform;

/** Where a partner says a request stands, in the gateway's terms (PARTNERS.md state mapping). */
public enum PartnerState {
  SUBMITTED,
  IN_REVIEW,
  COMPLETED,
  FAILED
}
