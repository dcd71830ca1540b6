package org.takedown.gateway.console.signin;

/** The console's sign-in addresses. Only the page addresses of GATEWAY-API.md are fixed. */
public final class SignInPaths {

  /** The name of Micronaut's OpenID client, as in {@code micronaut.security.oauth2.clients}. */
  public static final String CLIENT = "oidc";

  /** Starts the authorization code flow: a redirect to the provider. */
  public static final String SIGN_IN = "/console/sign-in/" + CLIENT;

  /** Where the provider sends the officer back; register it at the provider as a redirect URI. */
  public static final String CALLBACK = SIGN_IN + "/callback";

  /** A POST with the CSRF token: ends the console session and the provider's. */
  public static final String SIGN_OUT = "/console/sign-out";

  /** The page after sign-out; register it at the provider as a post-logout redirect URI. */
  public static final String SIGNED_OUT = "/console/signed-out";

  /** The script that hands the sign-out on to the provider (no inline script: CSP). */
  public static final String END_SESSION_SCRIPT = "/console/sign-in/end-session.js";

  private SignInPaths() {}
}
