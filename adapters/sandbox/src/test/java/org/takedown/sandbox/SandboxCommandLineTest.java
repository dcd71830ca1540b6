package org.takedown.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
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
    assertEquals(OptionalInt.of(1000), options.requestJournalLimit());
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
  void rejectsUnknownOptionsMissingValuesAndBadPorts() {
    assertMessage("unknown option --metaport", "--metaport", "1");
    assertMessage("--dir needs a value", "--dir");
    assertMessage("--google-port must be a port number", "--google-port", "http");
    assertMessage("unexpected argument 8181", "8181");
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
