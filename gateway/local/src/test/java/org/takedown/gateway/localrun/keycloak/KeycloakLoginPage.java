package org.takedown.gateway.localrun.keycloak;

import java.util.function.Function;
import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Page;

/**
 * Keycloak's own sign-in form, on Keycloak's origin, where the console sends an officer who has no
 * session. Its fields are found by the ids Keycloak's login theme keeps for its own page objects
 * ({@code username}, {@code password}, {@code kc-login}): the labels are Keycloak's wording, not
 * the console's.
 */
final class KeycloakLoginPage extends Page {

  private static final By FORM = By.id("kc-form-login");

  KeycloakLoginPage(Browser browser, KeycloakServer keycloak) {
    super(browser, FORM);
    String shown = browser.driver().getCurrentUrl();
    if (!shown.startsWith(keycloak.issuer() + "/protocol/openid-connect/auth")) {
      throw new AssertionError("a sign-in form, but not Keycloak's authorization page: " + shown);
    }
  }

  /** The address of the page: the authorization request the gateway sent the browser with. */
  String address() {
    return browser.driver().getCurrentUrl();
  }

  /** Signs in as {@code username}; the page the browser is sent back to is {@code next}. */
  <P extends Page> P signIn(String username, String password, Function<Browser, P> next) {
    find(By.id("username")).sendKeys(username);
    find(By.id("password")).sendKeys(password);
    find(By.id("kc-login")).click();
    return next.apply(browser);
  }
}
