package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The language switch sends back to a console page, and nowhere else. */
class LanguageControllerTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/console",
        "/console/requests/9b7c1f0e-3b9a-4c59-9f7e-2f4f4f0d1c11",
        "/console/requests?status=FAILED&platform=META&cursor=MTcx~abc",
        "/console/cases/9b7c1f0e-3b9a-4c59-9f7e-2f4f4f0d1c11?from=queue"
      })
  void comesBackToAConsolePage(String back) {
    assertEquals(back, LanguageController.safeBack(back));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "https://evil.example/console",
        "//evil.example/console",
        "/console//evil.example",
        "/\\evil.example",
        "/consolex",
        "/console/../api/v1/requests",
        "/console/..",
        "/console/%2e%2e/api/v1/requests",
        "/api/v1/requests",
        "/console/\r\nSet-Cookie: x=y",
        "/console/<script>",
        "console"
      })
  void sendsAnythingElseToTheWorkQueue(String back) {
    assertEquals("/console", LanguageController.safeBack(back));
  }
}
