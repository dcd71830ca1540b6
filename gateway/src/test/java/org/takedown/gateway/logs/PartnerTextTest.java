package org.takedown.gateway.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.takedown.platform.PartnerText;

/** What a log line may quote of text a partner chose: bounded, on one line. */
class PartnerTextTest {

  @Test
  void quotesAShortPartnerWordAsItIs() {
    assertEquals(
        "TikTok error invalid_params over HTTP 400 (log_id 2024x)",
        PartnerText.forLog("TikTok error invalid_params over HTTP 400 (log_id 2024x)"));
    assertEquals("null", PartnerText.forLog(null));
  }

  @Test
  void aLineBreakCannotForgeALineOfItsOwn() {
    assertEquals(
        "code?? ERROR forged line?x", PartnerText.forLog("code\r\n ERROR forged line\u0000x"));
  }

  @Test
  void quotesAtMost160Characters() {
    String quoted = PartnerText.forLog("x".repeat(10_000));

    assertEquals("x".repeat(160) + "... (10000 chars)", quoted);
  }
}
