package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.takedown.contracts.HistoryEntry;
import org.takedown.contracts.RequestStatus;
import org.takedown.gateway.custody.CustodyKind;
import org.takedown.gateway.custody.ReadCustodyLog.Recorded;

class TimelineLineTest {

  static final Instant T = Instant.parse("2026-12-07T00:00:00Z");

  @Test
  void interleavesHistoryAndCustodyEntriesInTimeOrderAnExchangeBeforeTheChangeItCauses() {
    HistoryEntry created = new HistoryEntry(T, null, RequestStatus.PENDING, "gateway", null, null);
    HistoryEntry submitted =
        new HistoryEntry(
            T.plusSeconds(2),
            RequestStatus.PENDING,
            RequestStatus.SUBMITTED,
            "gateway",
            null,
            null);
    Recorded call = new Recorded(CustodyKind.PARTNER_REQUEST, T.plusSeconds(1), "gateway", 4L);
    Recorded answer = new Recorded(CustodyKind.PARTNER_ANSWER, T.plusSeconds(2), "meta", 5L);
    Recorded pending = new Recorded(CustodyKind.PARTNER_REQUEST, T.plusSeconds(3), "gateway", null);

    List<TimelineLine> lines =
        TimelineLine.of(List.of(created, submitted), List.of(call, answer, pending));

    assertEquals(5, lines.size());
    assertEquals(created, lines.get(0).history());
    assertEquals(call, lines.get(1).custody());
    assertEquals(answer, lines.get(2).custody(), "the answer comes before the change it causes");
    assertEquals(submitted, lines.get(3).history());
    assertEquals(pending, lines.get(4).custody());
  }
}
