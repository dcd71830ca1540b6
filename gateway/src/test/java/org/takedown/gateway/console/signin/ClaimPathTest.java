package org.takedown.gateway.console.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the console finds a user's roles in an ID token's claims. */
class ClaimPathTest {

  @Test
  void aTopLevelClaim() {
    assertEquals(
        List.of("admin"), new ClaimPath("roles").strings(Map.of("roles", List.of("admin"))));
  }

  @Test
  void keycloaksRealmRolesThroughADottedPath() {
    Map<String, Object> claims =
        Map.of(
            "roles", List.of("not-these"),
            "realm_access", Map.of("roles", List.of("liaison-officer", "offline_access")));
    assertEquals(
        List.of("liaison-officer", "offline_access"),
        new ClaimPath("realm_access.roles").strings(claims));
  }

  @Test
  void claimNamesThatHoldDots() {
    Map<String, Object> namespaced = Map.of("https://unit.police/roles", List.of("admin"));
    assertEquals(List.of("admin"), new ClaimPath("https://unit.police/roles").strings(namespaced));
    Map<String, Object> clientRoles =
        Map.of(
            "resource_access",
            Map.of("takedown.console", Map.of("roles", List.of("liaison-officer"))));
    assertEquals(
        List.of("liaison-officer"),
        new ClaimPath("resource_access.takedown.console.roles").strings(clientRoles));
  }

  @Test
  void whatIsNotAListOfStringsGivesWhatStringsItHasOrNone() {
    assertEquals(List.of("admin"), new ClaimPath("roles").strings(Map.of("roles", "admin")));
    assertEquals(
        List.of("admin"),
        new ClaimPath("roles").strings(Map.of("roles", List.of(1, "admin", true))));
    assertEquals(List.of(), new ClaimPath("roles").strings(Map.of("roles", Map.of("a", "b"))));
    assertEquals(
        List.of(), new ClaimPath("realm_access.roles").strings(Map.of("realm_access", "x")));
    assertEquals(List.of(), new ClaimPath("realm_access.roles").strings(Map.of()));
  }
}
