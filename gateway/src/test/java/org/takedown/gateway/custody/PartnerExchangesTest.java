package org.takedown.gateway.custody;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.takedown.platform.PartnerExchange;
import org.takedown.platform.PartnerRef;
import org.takedown.platform.Platform;

class PartnerExchangesTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-07T00:30:00.123456789Z"), ZoneOffset.UTC);
  private static final UUID REQUEST = UUID.randomUUID();
  private static final UUID CASE = UUID.randomUUID();

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aCallWithoutABodyIsLoggedAsItsMethodAndTargetAndAMissingAnswerAsNoBytes() {
    PartnerExchanges exchanges = PartnerExchanges.startingNow(CLOCK);
    exchanges.exchanged(
        new PartnerExchange(
            "GET",
            "/v21.0/123?fields=id,status",
            new byte[0],
            PartnerExchange.NO_ANSWER,
            null,
            List.of(PartnerRef.of("123"))));

    List<CustodyEntry> entries = exchanges.entries(Platform.META, REQUEST, CASE);

    assertEquals(2, entries.size());
    assertEquals(CustodyKind.PARTNER_REQUEST, entries.get(0).kind());
    assertArrayEquals(utf8("GET /v21.0/123?fields=id,status"), entries.get(0).content());
    assertEquals("gateway", entries.get(0).actor());
    assertEquals(CustodyKind.PARTNER_ANSWER, entries.get(1).kind());
    assertArrayEquals(new byte[0], entries.get(1).content());
    assertEquals("meta", entries.get(1).actor());
    assertEquals(Instant.parse("2026-12-07T00:30:00.123456Z"), entries.get(1).at());
  }

  @Test
  void aBatchReadIsInTheEntriesOfEachRequestItAskedAbout() {
    PartnerExchanges exchanges = PartnerExchanges.startingNow(CLOCK);
    byte[] query = utf8("{\"request_ids\":[\"a\",\"b\"]}");
    byte[] answer = utf8("{\"data\":{\"requests\":[]}}");
    exchanges.exchanged(
        new PartnerExchange(
            "POST",
            "/v2/legal/requests/query/",
            query,
            200,
            answer,
            List.of(PartnerRef.of("a"), PartnerRef.of("b"))));
    exchanges.exchanged(
        new PartnerExchange(
            "POST",
            "/v2/legal/requests/query/",
            utf8("{}"),
            200,
            answer,
            List.of(PartnerRef.of("c"))));

    List<CustodyEntry> ofA =
        exchanges.entriesAbout(PartnerRef.of("a"), Platform.TIKTOK, REQUEST, CASE);
    List<CustodyEntry> ofB =
        exchanges.entriesAbout(PartnerRef.of("b"), Platform.TIKTOK, UUID.randomUUID(), CASE);

    assertEquals(2, ofA.size());
    assertEquals(2, ofB.size());
    assertArrayEquals(query, ofA.get(0).content());
    assertArrayEquals(query, ofB.get(0).content());
    assertArrayEquals(answer, ofB.get(1).content());
    assertEquals(REQUEST, ofA.get(0).requestId());
    assertFalse(ofA.get(0).requestId().equals(ofB.get(0).requestId()));
  }

  @Test
  void anOfficersActionIsTheContractsJson() {
    Instant at = Instant.parse("2026-12-07T00:30:00.123456Z");
    CustodyEntry entry =
        CustodyEntries.officerAction(
            "cancel", REQUEST, CASE, Platform.GOOGLE, "said \"stop\"\n", "officer-7", at);

    assertEquals(CustodyKind.OFFICER_ACTION, entry.kind());
    assertEquals("officer-7", entry.actor());
    assertEquals(
        "{\"action\":\"cancel\",\"requestId\":\""
            + REQUEST
            + "\",\"reason\":\"said \\\"stop\\\"\\n\",\"at\":\"2026-12-07T00:30:00.123456Z\"}",
        new String(entry.content(), StandardCharsets.UTF_8));
  }
}
