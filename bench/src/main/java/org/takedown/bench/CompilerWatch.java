package org.takedown.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How busy another JVM's JIT compilers are, from that JVM's own counters: one {@code jstat
 * -compiler PID 1000} runs alongside and prints, every second, the total seconds its compiler
 * threads have spent (one long-lived jstat, not one per look: each start of a JVM would cost the
 * machine being measured more than the look is worth). A gateway whose compilers still take a
 * sizeable share of a core has not reached the speed it keeps: on 2 cores, measured, a fresh
 * gateway compiled for 30-40 s of full-speed dispatch, at a third to a half of its own CPU.
 */
final class CompilerWatch implements AutoCloseable {

  private record Sample(long nanos, double compileSeconds) {}

  private final Process jstat;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread reader;

  CompilerWatch(long pid) throws IOException {
    Path tool = Path.of(System.getProperty("java.home"), "bin", "jstat");
    this.jstat =
        new ProcessBuilder(tool.toString(), "-compiler", Long.toString(pid), "1000")
            .redirectErrorStream(true)
            .start();
    this.reader = new Thread(this::read, "jstat-" + pid);
    this.reader.setDaemon(true);
    this.reader.start();
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

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        // Compiled Failed Invalid Time FailedType FailedMethod
        String[] columns = line.trim().split("\\s+");
        if (columns.length >= 4 && columns[0].chars().allMatch(Character::isDigit)) {
          double seconds = Double.parseDouble(columns[3]);
          synchronized (this) {
            samples.add(new Sample(System.nanoTime(), seconds));
          }
        }
      }
    } catch (IOException e) {
      if (jstat.isAlive()) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() {
    jstat.destroy();
  }
}
