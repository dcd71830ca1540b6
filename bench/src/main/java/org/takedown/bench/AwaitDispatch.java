package org.takedown.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Stages 2 and 3: watches a backlog go out, started before the dispatching gateways are. The rate
 * is taken between 10% and 90% of the backlog SUBMITTED, so that neither the gateways' start nor
 * the last stragglers weigh on it; with {@code --start-when FILE}, from the moment that file
 * appears (bench/run creates it once every gateway answers /health) to 90%.
 *
 * <p>With {@code --warm-up}, the backlog was held back by {@link #holdBack} all but its first
 * requests: those go out first and warm the gateway up (a fresh JVM spends its first tens of
 * seconds compiling its hot paths). With {@code --gateway-pid-file}, the warm-up ends as soon as
 * the gateway's JIT compilers use at most {@code --compilers-quiet} of a core (0.1 unless given)
 * over 3 s ({@link CompilerWatch}); otherwise, or if they never do, when the warm-up's requests are
 * out. Then everything still PENDING is released at once and measured, from the times the gateway
 * recorded the answers ({@code updated_at}), so that the watch's own polling costs the measured
 * database nothing.
 */
final class AwaitDispatch {

  /** How often the watch counts while a warmed-up backlog is measured from its timestamps. */
  private static final long QUIET_POLL_MILLIS = 250;

  /** Over how long the gateway's compilers must have been quiet for the warm-up to end. */
  private static final double COMPILER_WINDOW_SECONDS = 3;

  private AwaitDispatch() {}

  /**
   * Moves every PENDING request but the first {@code --keep} (in the gateway's claim order) a day
   * into the future: they are not due until {@link #run} with {@code --warm-up} releases them.
   */
  static void holdBack(Options options) throws Exception {
    try (Connection connection = DriverManager.getConnection(options.text("jdbc"));
        PreparedStatement hold =
            connection.prepareStatement(
                "UPDATE takedown_request SET next_attempt_at = now() + interval '1 day'"
                    + " WHERE status = 'PENDING' AND id NOT IN (SELECT id FROM takedown_request"
                    + " WHERE status = 'PENDING' ORDER BY due_at, next_attempt_at LIMIT ?)")) {
      hold.setInt(1, options.integer("keep", 0));
      Figures.note("held back %d requests until the warm-up is over", hold.executeUpdate());
    }
  }

  static void run(Options options) throws Exception {
    if (options.integer("warm-up", 0) > 0) {
      runWarmedUp(options);
      return;
    }
    String prefix = options.text("prefix", "dispatch");
    long timeoutNanos = options.seconds("timeout-seconds", 600).toNanos();
    try (RequestCounts counts = new RequestCounts(options.text("jdbc"))) {
      long total = counts.read().total();
      long low = Math.round(total * 0.1);
      long high = Math.round(total * 0.9);
      long start = System.nanoTime();
      String startFile = options.text("start-when", "");
      if (!startFile.isEmpty()) {
        while (!java.nio.file.Files.exists(java.nio.file.Path.of(startFile))) {
          if (System.nanoTime() - start > timeoutNanos) {
            throw new IllegalStateException("no " + startFile + " before the timeout");
          }
          Thread.sleep(10);
        }
        low = total - counts.pending();
        if (low >= high) {
          throw new IllegalStateException(
              "the backlog was 90% out before every gateway was ready; make it larger");
        }
      }
      // sent = no longer PENDING (SUBMITTED, or FAILED, which the figures report)
      long atLow = startFile.isEmpty() ? -1 : System.nanoTime();
      long atHigh = -1;
      long done = -1;
      long sent = 0;
      while (System.nanoTime() - start < timeoutNanos) {
        sent = total - counts.pending();
        long t = System.nanoTime();
        if (atLow < 0 && sent >= low) {
          atLow = t;
        }
        if (atHigh < 0 && sent >= high) {
          atHigh = t;
        }
        if (sent >= total) {
          done = t;
          break;
        }
        Thread.sleep(50);
      }
      if (done < 0 || atHigh <= atLow) {
        throw new IllegalStateException(
            "dispatch did not finish: " + sent + " of " + total + " sent after the timeout");
      }
      RequestCounts.Counts now = counts.read();
      double rate = (high - low) / ((atHigh - atLow) / 1e9);
      Figures.note(
          "%d requests: %d SUBMITTED, %d FAILED; all out %.1f s after the watch began;"
              + " %.0f requests/s from %d to %d sent",
          total, now.submitted(), now.failed(), (done - start) / 1e9, rate, low, high);
      Figures.print(prefix + "_requests", total);
      Figures.print(prefix + "_failed", now.failed());
      Figures.print(prefix + "_per_s", rate);
    }
  }

  /**
   * The CPU of the gateway, PostgreSQL and the sandbox, once the gateway's pid file and the
   * sandbox's pid are given; otherwise null.
   */
  private static StageCpu stageCpu(String gatewayPidFile, long sandboxPid) throws IOException {
    if (gatewayPidFile.isEmpty() || sandboxPid <= 0) {
      return null;
    }
    return StageCpu.of(ProcessCpu.pidIn(gatewayPidFile), sandboxPid);
  }

  private static void runWarmedUp(Options options) throws Exception {
    String prefix = options.text("prefix", "dispatch");
    long warmUp = options.integer("warm-up", 0);
    String pidFile = options.text("gateway-pid-file", "");
    double quiet = options.decimal("compilers-quiet", 0.1);
    long timeoutNanos = options.seconds("timeout-seconds", 600).toNanos();
    long start = System.nanoTime();
    CompilerWatch compilers = null;
    try (RequestCounts counts = new RequestCounts(options.text("jdbc"));
        Connection connection = DriverManager.getConnection(options.text("jdbc"))) {
      RequestCounts.Counts first = counts.read();
      long total = first.total();
      // the held-back requests are due a day from now (holdBack); the warm-up's are due already.
      // The warm-up ends when they are out or, sooner, when the gateway's compilers have gone
      // quiet: then its speed is the one it keeps.
      OffsetDateTime beforeHeld = first.at().plusHours(1);
      double share = Double.NaN;
      boolean quietReached = false;
      while (counts.pendingDueBefore(beforeHeld)) {
        if (System.nanoTime() - start > timeoutNanos) {
          throw new IllegalStateException("the warm-up did not finish: " + counts.read());
        }
        if (compilers == null && !pidFile.isEmpty() && Files.exists(Path.of(pidFile))) {
          compilers = new CompilerWatch(ProcessCpu.pidIn(pidFile));
        }
        if (compilers != null) {
          share = compilers.share(COMPILER_WINDOW_SECONDS);
          if (share <= quiet) {
            quietReached = true;
            break;
          }
        }
        Thread.sleep(QUIET_POLL_MILLIS);
      }
      // Only the held-back requests are released: the gateway may be sending what is left of the
      // warm-up, and an update of those rows too would deadlock with its own. What is left of the
      // warm-up (counted in the snapshot from before the release) is measured with them.
      OffsetDateTime released;
      long held;
      try (PreparedStatement release =
          connection.prepareStatement(
              "WITH released AS (UPDATE takedown_request SET next_attempt_at = now()"
                  + " WHERE status = 'PENDING' AND next_attempt_at >= ? RETURNING 1)"
                  + " SELECT now(), (SELECT count(*) FROM released)"
                  + " + (SELECT count(*) FROM takedown_request WHERE status = 'PENDING'"
                  + " AND next_attempt_at < ?)")) {
        release.setObject(1, beforeHeld);
        release.setObject(2, beforeHeld);
        try (ResultSet row = release.executeQuery()) {
          row.next();
          released = row.getObject(1, OffsetDateTime.class);
          held = row.getLong(2);
        }
      }
      double warmUpSeconds = (System.nanoTime() - start) / 1e9;
      String compilerState =
          Double.isNaN(share)
              ? "compilers not watched"
              : String.format(
                  Locale.ROOT,
                  "the gateway's compilers at %.0f%% of a core over the last %.0f s",
                  100 * share,
                  COMPILER_WINDOW_SECONDS);
      Figures.note(
          "warm-up: %d requests out in %.1f s, %s (%s); releasing %d",
          total - held,
          warmUpSeconds,
          quietReached ? "until the compilers went quiet" : "all " + warmUp + " of the warm-up",
          compilerState,
          held);
      Figures.print(prefix + "_warm_up_s", warmUpSeconds);
      Figures.print(prefix + "_warm_up", total - held);
      StageCpu cpu = stageCpu(pidFile, options.integer("sandbox-pid", 0));
      StageCpu.Reading cpuAtRelease = cpu == null ? null : cpu.read();
      long releasedAt = System.nanoTime();
      while (!counts.pendingAtMost(0)) {
        if (System.nanoTime() - start > timeoutNanos) {
          throw new IllegalStateException(
              "dispatch did not finish: " + counts.read() + " of " + total + " after the timeout");
        }
        Thread.sleep(QUIET_POLL_MILLIS);
      }
      StageCpu.Reading cpuAllOut = cpu == null ? null : cpu.read();
      RequestCounts.Counts now = counts.read();
      double allOut = (System.nanoTime() - releasedAt) / 1e9;
      double seconds;
      try (PreparedStatement spread =
          connection.prepareStatement(
              "SELECT EXTRACT(EPOCH FROM percentile_disc(0.9) WITHIN GROUP (ORDER BY updated_at)"
                  + " - percentile_disc(0.1) WITHIN GROUP (ORDER BY updated_at))"
                  + " FROM takedown_request WHERE status = 'SUBMITTED' AND updated_at >= ?")) {
        spread.setObject(1, released);
        try (ResultSet row = spread.executeQuery()) {
          row.next();
          seconds = row.getDouble(1);
        }
      }
      double rate = 0.8 * held / seconds;
      Figures.note(
          "%d requests after the warm-up: %d SUBMITTED, %d FAILED in all; out %.1f s after their"
              + " release; %.0f requests/s from 10%% to 90%% of them",
          held, now.submitted(), now.failed(), allOut, rate);
      Figures.print(prefix + "_requests", held);
      Figures.print(prefix + "_failed", now.failed());
      Figures.print(prefix + "_per_s", rate);
      if (cpu != null) {
        cpu.printPerCall(prefix, cpuAtRelease, cpuAllOut, held);
      }
      if (compilers != null) {
        double measuredShare = compilers.share(allOut);
        Figures.note(
            "the gateway's compilers while measured: %.0f%% of a core", 100 * measuredShare);
        Figures.print(prefix + "_compilers_share", measuredShare);
      }
    } finally {
      if (compilers != null) {
        compilers.close();
      }
    }
  }
}
