package org.takedown.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU time processes have used, read from Linux's {@code /proc}: where each request's CPU goes
 * (gateway, PostgreSQL, sandbox, load generator), so that a run's ratios come with their cause. On
 * 2 cores every process of a stage competes for the same CPU: a ratio of two rates is close to the
 * inverse ratio of the CPU each costs per request.
 */
final class ProcessCpu {

  /** Linux's USER_HZ, the unit of the CPU times in {@code /proc}: 100 on every usual build. */
  static final double TICKS_PER_SECOND = 100;

  private static final Path PROC = Path.of("/proc");

  private ProcessCpu() {}

  /** The process id written in {@code file} (bench/run writes one per gateway it starts). */
  static long pidIn(String file) throws IOException {
    return Long.parseLong(Files.readString(Path.of(file)).strip());
  }

  /** CPU seconds (user and system, all threads) process {@code pid} has used so far. */
  static double seconds(long pid) {
    try {
      return CompilerWatch.cpuTicks(Files.readString(PROC.resolve(pid + "/stat")))
          / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
    }
  }

  /**
   * CPU seconds every PostgreSQL process on this machine has used so far, with the processes that
   * have ended (backends, autovacuum workers), which the kernel adds to their parent's count once
   * it reaps them. 0 when PostgreSQL runs elsewhere (bench/run --db-url).
   */
  static double postgresSeconds() {
    double seconds = 0;
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path process : processes) {
        try {
          String stat = Files.readString(process.resolve("stat"));
          if (stat.contains("(postgres)")) {
            seconds += withEndedChildren(stat) / TICKS_PER_SECOND;
          }
        } catch (IOException ended) {
          // gone between the listing and the read (no such file), or reaped while being read (no
          // such process): either way its parent's count has it now, or will a moment later
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list /proc", e);
    }
    return seconds;
  }

  /** utime + stime + cutime + cstime, in ticks, of one line of {@code /proc/PID/stat}. */
  static long withEndedChildren(String stat) {
    List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
    // fields.get(0) is the third field (state); utime, stime, cutime, cstime the 14th to 17th
    return CompilerWatch.cpuTicks(stat)
        + Long.parseLong(fields.get(13))
        + Long.parseLong(fields.get(14));
  }
}
