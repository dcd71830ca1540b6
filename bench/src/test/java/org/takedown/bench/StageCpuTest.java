package org.takedown.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageCpuTest {

  private static final Instant START = Instant.parse("2026-11-29T20:00:00Z");

  @Test
  void dividesEachProcesssCpuByTheCallsAndTheWholeByTheTime() {
    StageCpu.Reading from = reading(START, 10.0, 20.0);
    // two seconds later: the gateway used 0.6 s of CPU, PostgreSQL 1.0 s, for 4,000 calls
    StageCpu.Reading to = reading(START.plusSeconds(2), 10.6, 21.0);

    Map<String, Double> ms = StageCpu.msPerCall(from, to, 4000);

    assertEquals(0.15, ms.get("gateway"), 1e-9);
    assertEquals(0.25, ms.get("postgres"), 1e-9);
    assertEquals(0.8, StageCpu.coresBusy(from, to), 1e-9);
  }

  private static StageCpu.Reading reading(Instant at, double gateway, double postgres) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put("gateway", gateway);
    seconds.put("postgres", postgres);
    return new StageCpu.Reading(at, seconds);
  }
}
