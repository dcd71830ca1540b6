package org.takedown.gateway.request;

/** Who caused a line of a request's history; the names are those of GATEWAY-API.md. */
public enum HistorySource {
  GATEWAY("gateway"),
  PARTNER_CALLBACK("partner-callback"),
  PARTNER_POLL("partner-poll"),
  OFFICER("officer");

  private final String wireName;

  HistorySource(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
