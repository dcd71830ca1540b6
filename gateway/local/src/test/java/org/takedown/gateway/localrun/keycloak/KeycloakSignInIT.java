package org.takedown.gateway.localrun.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.takedown.gateway.localrun.console.ForbiddenPage;
import org.takedown.gateway.localrun.console.WorkQueuePage;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;

/**
 * The console's sign-in through a real identity provider other than the development one: a Keycloak
 * started as a process of its own ({@link KeycloakServer}), its realm imported from {@code
 * keycloak/takedown-realm.json} (docs/console.md's Keycloak set-up: a confidential client with PKCE
 * S256, the callback and post-logout URIs, realm roles added to the ID token), and a gateway in
 * production mode whose console is pointed at that realm, with roles at {@code realm_access.roles}.
 * A headless Chromium goes through Keycloak's own sign-in form.
 *
 * <p>Keycloak answers on 127.0.0.1 and the gateway on localhost: two sites, as a unit's provider
 * and its gateway are, so that the flow's cookies cross from one to the other as they do in
 * production. Tagged {@code keycloak} besides {@code browser}: {@code -DexcludedGroups=keycloak}
 * leaves it out on purpose.
 */
@BrowserTest
@Tag("keycloak")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakSignInIT {

  private static final String CLIENT_ID = "takedown-console";
  private static final String CLIENT_SECRET = "keycloak-console-secret-for-tests";
  private static final String OFFICER = "kc-officer";
  private static final String OFFICER_PASSWORD = "officer-password-for-tests";
  private static final String SUBMITTER = "kc-submitter";
  private static final String SUBMITTER_PASSWORD = "submitter-password-for-tests";

  KeycloakServer keycloak;
  EmbeddedServer gateway;

  @BeforeAll
  void start() {
    // Keycloak takes the longest to start: the gateway's database and partners start meanwhile,
    // the gateway itself once Keycloak answers (it reads the discovery document as it starts)
    keycloak = KeycloakServer.launch("/keycloak/takedown-realm.json");
    Map<String, Object> properties = new HashMap<>(TestGateway.properties());
    properties.put("gateway.dispatch.enabled", "false");
    properties.put("gateway.polling.enabled", "false");
    properties.put("gateway.console.oidc.issuer", keycloak.issuer());
    properties.put("gateway.console.oidc.client-id", CLIENT_ID);
    properties.put("gateway.console.oidc.client-secret", CLIENT_SECRET);
    properties.put("gateway.console.oidc.roles-claim", "realm_access.roles");
    properties.put("gateway.console.session.secure-cookie", "false");
    keycloak.awaitReady();
    gateway = ApplicationContext.run(EmbeddedServer.class, properties);
  }

  @AfterAll
  void stop() {
    try {
      if (gateway != null) {
        gateway.getApplicationContext().close();
      }
    } finally {
      if (keycloak != null) {
        keycloak.close();
      }
    }
  }

  @Test
  void anOfficerSignsInOnKeycloaksFormAndLandsOnTheWorkQueue(Browser browser) {
    browser.open("/console");
    KeycloakLoginPage login = new KeycloakLoginPage(browser, keycloak);
    String request = URLDecoder.decode(login.address(), StandardCharsets.UTF_8);
    assertTrue(request.contains("client_id=" + CLIENT_ID), request);
    assertTrue(request.contains("code_challenge_method=S256"), request);
    assertTrue(
        request.contains("redirect_uri=" + gateway.getURL() + "/console/sign-in/oidc/callback"),
        request);

    WorkQueuePage queue = login.signIn(OFFICER, OFFICER_PASSWORD, WorkQueuePage::new);

    assertEquals("/console", browser.currentPath());
    assertTrue(queue.signedIn().contains(OFFICER), queue.signedIn());
  }

  @Test
  void aSubmitterSignedInByKeycloakGetsTheForbiddenPage(Browser browser) {
    browser.open("/console");

    // the error page, served with 403
    ForbiddenPage refused =
        new KeycloakLoginPage(browser, keycloak)
            .signIn(SUBMITTER, SUBMITTER_PASSWORD, ForbiddenPage::new);

    assertTrue(refused.signedIn().contains(SUBMITTER), refused.signedIn());
    // the way out, for someone else to sign in
    refused.signOut();
    assertEquals("/console/signed-out", browser.currentPath());
  }

  @Test
  void signOutEndsKeycloaksSessionSoTheConsoleAsksForTheFormAgain(Browser browser) {
    browser.open("/console");
    WorkQueuePage queue =
        new KeycloakLoginPage(browser, keycloak)
            .signIn(OFFICER, OFFICER_PASSWORD, WorkQueuePage::new);

    queue.signOut();
    assertEquals("/console/signed-out", browser.currentPath());

    // with Keycloak's session still open, Keycloak would send the browser straight back to the
    // work queue; ended, it shows its form
    browser.open("/console");
    new KeycloakLoginPage(browser, keycloak);
  }
}
