package org.takedown.gateway.localrun.keycloak;

import org.openqa.selenium.By;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.Controls;
import org.takedown.gateway.testing.browser.Page;

/**
 * The console's pages that a sign-in leads to, as far as this test reads them: who the console says
 * is signed in, and its sign-out button. The console's default language (French) is the one a new
 * browser sees.
 */
final class ConsolePages {

  private ConsolePages() {}

  /** The work queue, {@code /console}: where an officer lands. */
  static final class WorkQueue extends Page {

    WorkQueue(Browser browser) {
      super(browser, Controls.heading("File de travail"));
    }

    /** The header's "Connecté : name". */
    String signedIn() {
      return find(By.cssSelector("[data-testid=signed-in]")).getText();
    }

    /** Signs out at the gateway, which hands on to the provider's end-session endpoint. */
    SignedOut signOut() {
      find(Controls.button("Se déconnecter")).click();
      return new SignedOut(browser);
    }
  }

  /** The 403 page of someone the provider signed in who may not use the console. */
  static final class Forbidden extends Page {

    Forbidden(Browser browser) {
      super(browser, Controls.heading("Accès refusé"));
    }

    /** The status the page was served with, as it states it. */
    String status() {
      return find(By.cssSelector("[data-testid=error-page]")).getAttribute("data-status");
    }

    /** The header's "Connecté : name": whom the provider signed in. */
    String signedIn() {
      return find(By.cssSelector("[data-testid=signed-in]")).getText();
    }

    /** The way out, so that someone else can sign in. */
    boolean offersSignOut() {
      return !browser.driver().findElements(Controls.button("Se déconnecter")).isEmpty();
    }
  }

  /** {@code /console/signed-out}, where the provider sends the browser back after sign-out. */
  static final class SignedOut extends Page {

    SignedOut(Browser browser) {
      super(browser, Controls.heading("Vous êtes déconnecté"));
    }
  }
}
