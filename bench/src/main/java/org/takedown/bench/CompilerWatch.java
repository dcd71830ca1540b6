package org.takedown.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How busy another JVM's JIT compilers are: the CPU time its compiler threads have used, read from
 * Linux's {@code /proc/PID/task/TID/stat} four times a second. A gateway whose compilers still take
 * a sizeable share of a core has not reached the speed it keeps: on 2 cores, measured, a fresh
 * gateway compiled for 30-40 s of full-speed dispatch, at a third to a half of its own CPU.
 *
 * <p>Not {@code jstat -compiler}, which this used until the seventh session: its compile time
 * counts a compilation when it ends, so a C2 compilation of several seconds reads as a quiet window
 * and then as a burst. Measured: stage 4's warm-up stopped after 19 s on such a quiet window, and
 * the next read gave 215% of a core.
 */
final class CompilerWatch implements AutoCloseable {

  /** Linux's USER_HZ, the unit of the CPU times in {@code /proc}: 100 on every usual build. */
  private static final double TICKS_PER_SECOND = 100;

  private static final long SAMPLE_MILLIS = 250;

  private record Sample(long nanos, double compileSeconds) {}

  private final Path threads;
  private final Map<String, Long> ticksByThread = new HashMap<>();
  private final List<Sample> samples = new ArrayList<>();
  private final Thread sampler;
  private long compilerTicks;
  private volatile boolean running = true;

  CompilerWatch(long pid) throws IOException {
    this.threads = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(threads)) {
      throw new IOException("no such process, or not Linux: " + threads);
    }
    sample();
    this.sampler = new Thread(this::run, "compiler-watch-" + pid);
    this.sampler.setDaemon(true);
    this.sampler.start();
  }

  /**
   * The share of one core the compilers used over the last {@code windowSeconds} or more, or {@code
   * NaN} while the samples do not yet span that long.
   */
  synchronized double share(double windowSeconds) {
    if (samples.size() < 2) {
      return Double.NaN;
    }
    Sample last = samples.get(samples.size() - 1);
    for (int i = samples.size() - 2; i >= 0; i--) {
      Sample earlier = samples.get(i);
      double seconds = (last.nanos() - earlier.nanos()) / 1e9;
      if (seconds >= windowSeconds) {
        return (last.compileSeconds() - earlier.compileSeconds()) / seconds;
      }
    }
    return Double.NaN;
  }

  /** The CPU time (utime + stime, in ticks) in one line of {@code /proc/.../stat}. */
  static long cpuTicks(String stat) {
    // the thread's name, in parentheses, may hold spaces and parentheses: count from after it
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // fields[0] is the third field (state); utime and stime are the 14th and 15th
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private void run() {
    while (running) {
      try {
        Thread.sleep(SAMPLE_MILLIS);
        sample();
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        if (running && Files.isDirectory(threads)) {
          throw new UncheckedIOException(e);
        }
        return;
      }
    }
  }

  private synchronized void sample() throws IOException {
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(threads)) {
      for (Path task : tasks) {
        try {
          // "C1 CompilerThre", "C2 CompilerThre": the kernel keeps 15 characters of the name
          if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
            continue;
          }
          long ticks = cpuTicks(Files.readString(task.resolve("stat")));
          Long before = ticksByThread.put(task.getFileName().toString(), ticks);
          // a compiler thread that appears later adds what it used since it started
          compilerTicks += ticks - (before == null ? 0 : before);
        } catch (NoSuchFileException ended) {
          // the thread ended between the listing and the read; what it used stays counted
        }
      }
    }
    samples.add(new Sample(System.nanoTime(), compilerTicks / TICKS_PER_SECOND));
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
