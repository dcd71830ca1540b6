package org.takedown.gateway.console.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.cookie.Cookie;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The page to land on after sign-in: a console page of this gateway, or nothing. */
class NextPageTest {

  @Test
  void keepsAConsolePageWithItsFilters() {
    for (String page :
        List.of(
            "/console", "/console/requests?status=FAILED&platform=META", "/console/cases/c-1")) {
      assertEquals(Optional.of(page), NextPage.safe(page));
      assertEquals(Optional.of(page), NextPage.decode(Cookie.of("n", NextPage.encode(page))));
    }
  }

  @Test
  void refusesEverythingElse() {
    for (String target :
        List.of(
            "https://evil.example/console",
            "//evil.example/console",
            "/console//evil.example",
            "/console/../api/v1/cases",
            "/console/%2e%2e/api/v1/cases",
            "/console/%2E%2E/api",
            "/console\\evil",
            "/consoles",
            "/api/v1/requests",
            "/console/sign-in/oidc",
            "/console/sign-in/oidc/callback?code=x",
            "/console/requests?q=a b",
            "/console/requests?q=\u0000")) {
      assertEquals(Optional.empty(), NextPage.safe(target), target);
    }
    assertEquals(Optional.empty(), NextPage.decode(Cookie.of("n", "not*base64")));
  }
}
