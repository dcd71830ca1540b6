package org.takedown.gateway.auth;

/** The roles of GATEWAY-API.md, as they appear in a token's {@code roles} claim. */
public final class Roles {

  /** Creates cases, reads its own cases and their events. */
  public static final String CASE_SUBMITTER = "case-submitter";

  /** Reads everything, acts on requests. */
  public static final String LIAISON_OFFICER = "liaison-officer";

  /** Everything, plus partner controls. */
  public static final String ADMIN = "admin";

  private Roles() {}
}
