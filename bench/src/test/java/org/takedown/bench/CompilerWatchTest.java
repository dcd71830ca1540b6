package org.takedown.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CompilerWatchTest {

  @Test
  void readsHowBusyAJvmsCompilersAreFromItsOwnCounters() throws Exception {
    try (CompilerWatch watch = new CompilerWatch(ProcessHandle.current().pid())) {
      assertTrue(Double.isNaN(watch.share(1)), "no share before the samples span the window");

      double share =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(() -> watch.share(1), value -> !Double.isNaN(value));

      // this JVM's compilers: some share of a core, at most all of the machine's
      assertTrue(
          share >= 0 && share <= Runtime.getRuntime().availableProcessors(), "share " + share);
    }
  }

  @Test
  void addsUpUserAndSystemTimeAfterTheThreadsName() {
    // a name may hold spaces and parentheses; utime and stime are the 14th and 15th fields
    String stat =
        "4242 (C2 Compi) (x) S 4200 4200 1 0 -1 1077936192 9 0 0 0 713 88 0 0 20 0 33 0 1234 5 6";

    assertEquals(801, CompilerWatch.cpuTicks(stat));
  }
}
