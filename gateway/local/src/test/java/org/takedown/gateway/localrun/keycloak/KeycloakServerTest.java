package org.takedown.gateway.localrun.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the Keycloak test finds a JDK to run Keycloak on, or says why it cannot. */
class KeycloakServerTest {

  @TempDir Path jvms;

  private Path jdk(String name, String javaVersion) throws IOException {
    Path home = Files.createDirectories(jvms.resolve(name));
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    java.toFile().setExecutable(true);
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + javaVersion + "\"\n");
    return home;
  }

  @Test
  void takesTheNewestJdkOf21OrMore() throws IOException {
    Path jdk17 = jdk("java-17-openjdk-amd64", "17.0.15");
    Path jdk21 = jdk("openjdk-21", "21.0.5");
    Path jdk25 = jdk("temurin-25-jdk-amd64", "25.0.1");

    assertEquals(jdk25, KeycloakServer.newestJdk21(List.of(jdk17, jdk25, jdk21)));
    assertEquals(jdk21, KeycloakServer.newestJdk21(List.of(jdk17, jdk21)));
  }

  @Test
  void readsTheVersionFromJavaItselfWhenTheJdkHasNoReleaseFile() throws IOException {
    Path jdk17 = jdk("java-17-openjdk-amd64", "17.0.15");
    Path bare = Files.createDirectories(jvms.resolve("jdk-25-unpacked").resolve("bin"));
    Path java = bare.resolve("java");
    Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"25.0.1\" 2025-10-21 LTS' >&2\n");
    java.toFile().setExecutable(true);

    assertEquals(bare.getParent(), KeycloakServer.newestJdk21(List.of(jdk17, bare.getParent())));
  }

  @Test
  void withoutOneFailsNamingWhatItLookedAtAndWhatToDo() throws IOException {
    Path jdk17 = jdk("java-17-openjdk-amd64", "17.0.15");
    Path jdk8 = jdk("java-8", "1.8.0_402");
    Path notAJdk = Files.createDirectories(jvms.resolve("openjdk-17"));

    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () -> KeycloakServer.newestJdk21(List.of(jdk17, jdk8, notAJdk)));

    String message = failure.getMessage();
    assertTrue(
        message.startsWith("Keycloak 26 needs a JDK 21 or newer and there is none"), message);
    assertTrue(message.contains(jdk17 + " (JDK 17)"), message);
    assertTrue(message.contains(jdk8 + " (JDK 8)"), message);
    assertTrue(message.contains(notAJdk + " (no JDK)"), message);
    assertTrue(message.contains("-Dkeycloak.java-home"), message);
    assertTrue(message.contains("-DexcludedGroups=keycloak"), message);
  }
}
