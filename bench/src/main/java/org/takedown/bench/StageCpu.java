package org.takedown.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The CPU a stage's processes use between {@link #start} and {@link #stop}, per call or request:
 * the figures that say why a ratio is what it is.
 */
final class StageCpu {

  private final Map<String, DoubleSupplier> processes = new LinkedHashMap<>();
  private final Map<String, Double> atStart = new LinkedHashMap<>();
  private final Map<String, Double> atStop = new LinkedHashMap<>();
  private long startNanos;
  private long stopNanos;

  /** Adds a process (or group of them) whose CPU seconds {@code seconds} reads. */
  StageCpu with(String name, DoubleSupplier seconds) {
    processes.put(name, seconds);
    return this;
  }

  StageCpu start() {
    processes.forEach((name, seconds) -> atStart.put(name, seconds.getAsDouble()));
    startNanos = System.nanoTime();
    return this;
  }

  void stop() {
    processes.forEach((name, seconds) -> atStop.put(name, seconds.getAsDouble()));
    stopNanos = System.nanoTime();
  }

  /**
   * Prints {@code PREFIX_cpu_NAME_ms}, each process's CPU milliseconds per call, for {@code calls}
   * calls between {@link #start} and {@link #stop}, and {@code PREFIX_cores_busy}, how many cores
   * they kept busy together.
   */
  void printPerCall(String prefix, long calls) {
    StringBuilder note = new StringBuilder();
    double total = 0;
    for (String name : processes.keySet()) {
      double ms = 1000 * (atStop.get(name) - atStart.get(name)) / calls;
      total += ms;
      Figures.print(prefix + "_cpu_" + name + "_ms", ms, 3);
      note.append(String.format(Locale.ROOT, "%s %.3f, ", name, ms));
    }
    double coresBusy = total * calls / 1000 / ((stopNanos - startNanos) / 1e9);
    Figures.print(prefix + "_cores_busy", coresBusy);
    Figures.note("CPU per call (ms): %stotal %.3f; %.2f cores busy", note, total, coresBusy);
  }
}
