package org.takedown.gateway.console.signin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import org.takedown.gateway.console.ConsoleHeaders;

/**
 * The few pages of the sign-in itself: sign-in failed or unavailable, CSRF check failed, signed
 * out, and the hand-over of a sign-out to the provider. Plain HTML without script or style of its
 * own, in French (the console's default language); every value written into them is escaped. The
 * console's views may restyle them; their status codes and forms are the contract.
 */
public final class SignInPages {

  private SignInPages() {}

  public static MutableHttpResponse<String> respond(HttpStatus status, String html) {
    MutableHttpResponse<String> response =
        HttpResponse.<String>status(status)
            .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
            .header("Cache-Control", "no-store")
            .body(html);
    // the console's headers, also on answers made outside the filter chain (security refusals)
    ConsoleHeaders.mark(response);
    return response;
  }

  static String signInFailed() {
    return page(
        "La connexion a échoué",
        "<p>Le fournisseur d'identité n'a pas pu confirmer votre connexion (lien expiré, déjà"
            + " utilisé ou ouvert dans un autre onglet).</p>"
            + "<p><a href=\"/console\">Se connecter à nouveau</a></p>");
  }

  static String signInUnavailable() {
    return page(
        "Connexion indisponible",
        "<p>La connexion à la console n'est pas disponible : le fournisseur d'identité n'est pas"
            + " configuré ou ne répond pas. Réessayez dans un moment.</p>"
            + "<p><a href=\"/console\">Réessayer</a></p>");
  }

  static String csrfRefused() {
    return page(
        "Action refusée",
        "<p>Cette action n'a pas pu être vérifiée (jeton de formulaire manquant ou périmé) ; rien"
            + " n'a été modifié. Rechargez la page puis recommencez.</p>"
            + "<p><a href=\"/console\">Console</a></p>");
  }

  static String signedOut() {
    return page(
        "Vous êtes déconnecté",
        "<p>Votre session de console est terminée.</p>"
            + "<p><a href=\"/console\">Se connecter à nouveau</a></p>");
  }

  /**
   * Hands the sign-out on to the provider's end-session endpoint: a form POST (the ID token hint
   * stays out of every URL), submitted by a script of the gateway's own, or by the officer's click
   * when scripts do not run.
   */
  static String endSession(
      String endpoint, String idTokenHint, String clientId, String postLogoutRedirectUri) {
    StringBuilder fields = new StringBuilder();
    if (idTokenHint != null) {
      fields.append(hidden("id_token_hint", idTokenHint));
    }
    if (clientId != null) {
      fields.append(hidden("client_id", clientId));
    }
    fields.append(hidden("post_logout_redirect_uri", postLogoutRedirectUri));
    return page(
        "Déconnexion",
        "<p>Votre session de console est terminée. Terminez aussi votre session chez le"
            + " fournisseur d'identité :</p>"
            + "<form id=\"end-session\" method=\"post\" action=\""
            + escape(endpoint)
            + "\">"
            + fields
            + "<button type=\"submit\">Terminer la session</button></form>"
            + "<script src=\""
            + SignInPaths.END_SESSION_SCRIPT
            + "\"></script>");
  }

  /** The sign-out form of a page: a POST with the session's CSRF token. */
  public static String signOutForm(ConsoleSession session) {
    return "<form method=\"post\" action=\""
        + SignInPaths.SIGN_OUT
        + "\">"
        + hidden(ConsoleCsrf.FIELD, session.csrfToken())
        + "<button type=\"submit\">Se déconnecter</button></form>";
  }

  static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">";
  }

  static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + escape(title)
        + " · Takedown Gateway</title></head><body><main><h1>"
        + escape(title)
        + "</h1>"
        + body
        + "</main></body></html>";
  }

  /** HTML escaping for text and attribute values. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
