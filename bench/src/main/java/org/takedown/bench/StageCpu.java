package org.takedown.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The CPU a stage's processes use between two {@link Reading}s, per call or request: the figures
 * that say why a ratio is what it is.
 */
final class StageCpu {

  /** The CPU seconds each process had used at one moment. */
  record Reading(Instant at, Map<String, Double> seconds) {}

  private final Map<String, DoubleSupplier> processes = new LinkedHashMap<>();

  /**
   * The gateway, every local PostgreSQL process and the sandbox; a pid of 0 or less leaves that
   * process out.
   */
  static StageCpu of(long gatewayPid, long sandboxPid) {
    StageCpu cpu = new StageCpu();
    if (gatewayPid > 0) {
      cpu.with("gateway", () -> ProcessCpu.seconds(gatewayPid));
    }
    cpu.with("postgres", ProcessCpu::postgresSeconds);
    if (sandboxPid > 0) {
      cpu.with("sandbox", () -> ProcessCpu.seconds(sandboxPid));
    }
    return cpu;
  }

  /** Adds a process (or group of them) whose CPU seconds {@code seconds} reads. */
  StageCpu with(String name, DoubleSupplier seconds) {
    processes.put(name, seconds);
    return this;
  }

  Reading read() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    processes.forEach((name, reader) -> seconds.put(name, reader.getAsDouble()));
    return new Reading(Instant.now(), seconds);
  }

  /**
   * Prints {@code PREFIX_cpu_NAME_ms}, each process's CPU milliseconds per call, for {@code calls}
   * calls between the two readings, and {@code PREFIX_cores_busy}, how many cores they kept busy
   * together.
   */
  void printPerCall(String prefix, Reading from, Reading to, long calls) {
    if (calls <= 0 || !to.at().isAfter(from.at())) {
      Figures.note("no CPU figures for %s: %d calls between the readings", prefix, calls);
      return;
    }
    StringBuilder note = new StringBuilder();
    double total = 0;
    for (Map.Entry<String, Double> process : msPerCall(from, to, calls).entrySet()) {
      total += process.getValue();
      Figures.print(prefix + "_cpu_" + process.getKey() + "_ms", process.getValue(), 3);
      note.append(String.format(Locale.ROOT, "%s %.3f, ", process.getKey(), process.getValue()));
    }
    double coresBusy = coresBusy(from, to);
    Figures.print(prefix + "_cores_busy", coresBusy);
    Figures.note("CPU per call (ms): %stotal %.3f; %.2f cores busy", note, total, coresBusy);
  }

  /** Each process's CPU milliseconds per call between the two readings. */
  static Map<String, Double> msPerCall(Reading from, Reading to, long calls) {
    Map<String, Double> ms = new LinkedHashMap<>();
    from.seconds()
        .forEach(
            (name, atStart) -> ms.put(name, 1000 * (to.seconds().get(name) - atStart) / calls));
    return ms;
  }

  /** How many cores the processes kept busy together between the two readings. */
  static double coresBusy(Reading from, Reading to) {
    double cpuSeconds = 0;
    for (Map.Entry<String, Double> process : from.seconds().entrySet()) {
      cpuSeconds += to.seconds().get(process.getKey()) - process.getValue();
    }
    return cpuSeconds / (Duration.between(from.at(), to.at()).toNanos() / 1e9);
  }
}
