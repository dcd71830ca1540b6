package org.takedown.gateway.auth;

/**
 * Which requests are the console's: {@code /console} and everything under it. They are
 * authenticated by the console's session cookie and nothing else; every other request by a bearer
 * token and nothing else.
 */
public final class ConsolePaths {

  /** The console's root, GATEWAY-API.md "Console for liaison officers". */
  public static final String ROOT = "/console";

  private ConsolePaths() {}

  public static boolean isConsole(String path) {
    return path != null && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
  }
}
