package org.takedown.gateway.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeafInputTest {

  @Test
  void writesTheContractsFieldsInOrderWithoutWhiteSpace() {
    byte[] leaf =
        LeafInput.of(
            7,
            Instant.parse("2026-12-06T10:15:30Z"),
            "partner.answer",
            UUID.fromString("7e1c2a9d-3f4b-4c5d-9e8f-0a1b2c3d4e5f"),
            null,
            "TIKTOK",
            "tiktok",
            new byte[32]);
    assertEquals(
        "{\"index\":7,\"at\":\"2026-12-06T10:15:30Z\",\"kind\":\"partner.answer\","
            + "\"requestId\":\"7e1c2a9d-3f4b-4c5d-9e8f-0a1b2c3d4e5f\",\"caseId\":null,"
            + "\"platform\":\"TIKTOK\",\"actor\":\"tiktok\",\"contentSha256\":\""
            + "0".repeat(64)
            + "\"}",
        new String(leaf, StandardCharsets.UTF_8));
  }

  @Test
  void escapesWhatJsonRequiresAndLoneSurrogates() {
    StringBuilder json = new StringBuilder();
    LeafInput.string(json, "a\"b\\c\n\u0001é😀\ud800x");
    assertEquals("\"a\\\"b\\\\c\\n\\u0001é😀\\ud800x\"", json.toString());
  }

  @Test
  void keepsMicrosecondsAsRfc3339() {
    assertEquals(
        "2026-12-06T10:15:30.123456Z",
        LeafInput.rfc3339(Instant.parse("2026-12-06T10:15:30.123456Z")));
  }
}
