package org.takedown.gateway.console.signin;

/** Where a state-changing console request carries its session's CSRF token. */
public final class ConsoleCsrf {

  /** The hidden field of a form ({@code application/x-www-form-urlencoded}). */
  public static final String FIELD = "csrfToken";

  /** The request header, for htmx requests: {@code hx-headers='{"X-CSRF-Token": "..."}'}. */
  public static final String HEADER = "X-CSRF-Token";

  private ConsoleCsrf() {}
}
