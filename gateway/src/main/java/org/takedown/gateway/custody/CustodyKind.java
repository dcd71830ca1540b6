package org.takedown.gateway.custody;

/** What a custody entry records (GATEWAY-API.md "Chain of custody"), with its wire name. */
public enum CustodyKind {
  /** The exact body of a call to a partner, or {@code METHOD path?query} for a call without one. */
  PARTNER_REQUEST("partner.request"),
  /** The exact body of the partner's answer; empty bytes when it had none. */
  PARTNER_ANSWER("partner.answer"),
  /** The raw body of a verified callback. */
  PARTNER_CALLBACK("partner.callback"),
  /** The JSON of an officer's action, as the gateway writes it. */
  OFFICER_ACTION("officer.action");

  private final String wireName;

  CustodyKind(String wireName) {
    this.wireName = wireName;
  }

  /** {@code partner.request}, ...: as the leaf input and the database write it. */
  public String wireName() {
    return wireName;
  }

  static CustodyKind ofWireName(String wireName) {
    for (CustodyKind kind : values()) {
      if (kind.wireName.equals(wireName)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no custody entry kind is named " + wireName);
  }
}
