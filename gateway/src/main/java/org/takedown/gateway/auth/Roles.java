package org.takedown.gateway.auth;

import io.micronaut.security.authentication.Authentication;

/** The roles of GATEWAY-API.md, as they appear in a token's {@code roles} claim. */
public final class Roles {

  /** Creates cases, reads its own cases and their events. */
  public static final String CASE_SUBMITTER = "case-submitter";

  /** Reads everything, acts on requests. */
  public static final String LIAISON_OFFICER = "liaison-officer";

  /** Everything, plus partner controls. */
  public static final String ADMIN = "admin";

  private Roles() {}

  /** True when the caller may read every case, not only its own. */
  public static boolean readsEverything(Authentication caller) {
    return caller.getRoles().contains(LIAISON_OFFICER) || caller.getRoles().contains(ADMIN);
  }
}
