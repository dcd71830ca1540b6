package org.takedown.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxCommandLineTest {

  @Test
  void defaultsToTheDocumentedPortsAndDirectory() {
    SandboxOptions options = SandboxCommandLine.parse(new String[0], Map.of());

    assertEquals(8181, options.metaPort());
    assertEquals(8182, options.tiktokPort());
    assertEquals(8183, options.googlePort());
    assertEquals(Path.of("./data/sandbox"), options.directory().orElseThrow());
    assertEquals("127.0.0.1", options.bindAddress());
    assertEquals(OptionalInt.of(0), options.requestJournalLimit());
    assertEquals(Optional.empty(), options.callbackUrl());
    assertEquals(Set.of(), options.mutedCallbacks());
    assertEquals(Optional.empty(), options.autoComplete());
  }

  @Test
  void readsTheCallbackTargetMutedPartnersAndAutoCompletion() {
    SandboxOptions options =
        SandboxCommandLine.parse(
            new String[] {
              "--callback-url", "http://localhost:8080", "--mute-callbacks=google, TikTok"
            },
            Map.of("SANDBOX_AUTO_COMPLETE", "5s"));

    assertEquals(Optional.of(URI.create("http://localhost:8080")), options.callbackUrl());
    assertEquals(Set.of("google", "tiktok"), options.mutedCallbacks());
    assertEquals(Optional.of(Duration.ofSeconds(5)), options.autoComplete());
  }

  @Test
  void readsDurationsInShortOrIsoForm() {
    assertEquals(Duration.ofMillis(500), SandboxCommandLine.duration("auto-complete", "500ms"));
    assertEquals(Duration.ofMinutes(2), SandboxCommandLine.duration("auto-complete", "2m"));
    assertEquals(Duration.ofHours(1), SandboxCommandLine.duration("auto-complete", "1h"));
    assertEquals(Duration.ofSeconds(90), SandboxCommandLine.duration("auto-complete", "PT1M30S"));
  }

  @Test
  void readsArgumentsInBothFormsAndTheyWinOverTheEnvironment() {
    SandboxOptions options =
        SandboxCommandLine.parse(
            new String[] {"--meta-port", "9181", "--tiktok-port=9182", "--dir", "/srv/sandbox"},
            Map.of(
                "SANDBOX_META_PORT", "7181",
                "SANDBOX_GOOGLE_PORT", "7183",
                "SANDBOX_BIND_ADDRESS", "0.0.0.0",
                "SANDBOX_HOST", "sandbox"));

    assertEquals(9181, options.metaPort());
    assertEquals(9182, options.tiktokPort());
    assertEquals(7183, options.googlePort());
    assertEquals(Path.of("/srv/sandbox"), options.directory().orElseThrow());
    assertEquals("0.0.0.0", options.bindAddress());
    assertEquals("sandbox", options.advertisedHost());
  }

  @Test
  void keepsARequestJournalOnlyWhenAsked() {
    assertEquals(
        OptionalInt.of(500),
        SandboxCommandLine.parse(new String[] {"--request-journal", "500"}, Map.of())
            .requestJournalLimit());
    assertEquals(
        OptionalInt.of(20),
        SandboxCommandLine.parse(new String[0], Map.of("SANDBOX_REQUEST_JOURNAL", "20"))
            .requestJournalLimit());
  }

  @Test
  void rejectsUnknownOptionsMissingValuesAndBadPorts() {
    assertMessage("unknown option --metaport", "--metaport", "1");
    assertMessage("--dir needs a value", "--dir");
    assertMessage("--google-port must be a port number", "--google-port", "http");
    assertMessage("unexpected argument 8181", "8181");
    assertMessage("--auto-complete must be a duration", "--auto-complete", "soon");
    assertMessage("the auto-complete delay must be positive", "--auto-complete", "0s");
    assertMessage("the callback URL must be an absolute http(s) URL", "--callback-url", "ftp://gw");
    assertMessage("the callback URL must be an absolute http(s) URL", "--callback-url", "gateway");
    assertMessage("no partner twitter", "--mute-callbacks", "twitter");
    assertMessage("--request-journal must be 0 or more", "--request-journal", "-1");
    assertMessage("--request-journal must be 0 or more", "--request-journal", "many");
    IllegalArgumentException outOfRange =
        assertThrows(
            IllegalArgumentException.class,
            () -> SandboxCommandLine.parse(new String[] {"--meta-port", "70000"}, Map.of()));
    assertTrue(outOfRange.getMessage().contains("meta"));
  }

  private static void assertMessage(String expected, String... args) {
    IllegalArgumentException failure =
        assertThrows(
            IllegalArgumentException.class, () -> SandboxCommandLine.parse(args, Map.of()));
    assertTrue(failure.getMessage().startsWith(expected), failure.getMessage());
  }
}
