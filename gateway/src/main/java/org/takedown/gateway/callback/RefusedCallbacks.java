package org.takedown.gateway.callback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.takedown.gateway.logs.LogFields;
import org.takedown.platform.Platform;

/**
 * Counts the callbacks the webhooks refuse, by partner and reason, and says so in the log without
 * letting anyone flood it: the webhooks are open to the internet, and every forged or broken
 * delivery used to write its own warning.
 *
 * <ul>
 *   <li>Metric {@value #METER} ({@code takedown_callbacks_refused_total} in Prometheus), labels
 *       {@code partner} ({@code meta}, {@code tiktok}, {@code google}) and {@code reason}: a {@link
 *       org.takedown.platform.CallbackOutcome.RefusalCode} label ({@code signature}, {@code token},
 *       {@code stale}, {@code foreign}, {@code method}, {@code unconfigured}) or {@value
 *       #UNREADABLE} for an authentic callback whose body cannot be read.
 *   <li>Log: at most one warning per partner per {@link #QUIET}: the first refusal after a quiet
 *       minute at once, then what was refused since, counted by reason, at the next refusal or at
 *       the next check (every {@value #CHECK_EVERY}) once the minute has passed. Each refusal with
 *       the adapter's reason at DEBUG.
 * </ul>
 */
@Singleton
final class RefusedCallbacks {

  static final String METER = "takedown.callbacks.refused";
  static final String UNREADABLE = "unreadable";
  static final Duration QUIET = Duration.ofMinutes(1);
  static final String CHECK_EVERY = "10s";

  private static final Logger LOG = LoggerFactory.getLogger(RefusedCallbacks.class);

  /** What one partner had refused since its last line. */
  private static final class Tally {
    private Instant lastLine;
    private final Map<String, Long> byReason = new TreeMap<>();
    private long refused;
    private String latest;
  }

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<Platform, Tally> tallies = new EnumMap<>(Platform.class);
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  RefusedCallbacks(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    for (Platform platform : Platform.values()) {
      tallies.put(platform, new Tally());
    }
  }

  /**
   * One refused callback from {@code platform}.
   *
   * @param reason its metric label
   * @param status what it was answered
   * @param detail the adapter's reason, which never holds the body, a signature or a token
   */
  void refused(Platform platform, String reason, int status, String detail) {
    counter(platform, reason).increment();
    LOG.atDebug()
        .addKeyValue(LogFields.PLATFORM, platform.name())
        .addKeyValue("reason", reason)
        .log("{} callback refused with {}: {}", platform, status, detail);
    Tally tally = tallies.get(platform);
    synchronized (tally) {
      tally.refused++;
      tally.byReason.merge(reason, 1L, Long::sum);
      tally.latest = status + ": " + detail;
      writeIfDue(platform, tally, clock.instant());
    }
  }

  /** Writes what was refused since the last line, for each partner whose minute has passed. */
  @Scheduled(fixedDelay = CHECK_EVERY, initialDelay = CHECK_EVERY)
  void writeDueLines() {
    Instant now = clock.instant();
    tallies.forEach(
        (platform, tally) -> {
          synchronized (tally) {
            if (tally.refused > 0) {
              writeIfDue(platform, tally, now);
            }
          }
        });
  }

  private static void writeIfDue(Platform platform, Tally tally, Instant now) {
    if (tally.lastLine != null && now.isBefore(tally.lastLine.plus(QUIET))) {
      return;
    }
    LOG.atWarn()
        .addKeyValue(LogFields.PLATFORM, platform.name())
        .addKeyValue("refused", tally.refused)
        .addKeyValue("reasons", new TreeMap<>(tally.byReason))
        .log(
            "{} callbacks refused {}: {} {}; the latest answered {} (at most one such line a"
                + " minute per partner)",
            platform,
            tally.lastLine == null ? "after a quiet minute" : "since " + tally.lastLine,
            tally.refused,
            tally.byReason,
            tally.latest);
    tally.lastLine = now;
    tally.refused = 0;
    tally.byReason.clear();
  }

  private Counter counter(Platform platform, String reason) {
    return counters.computeIfAbsent(
        platform.name() + "/" + reason,
        key ->
            Counter.builder(METER)
                .description("callbacks refused by the webhooks, by partner and reason")
                .tag("partner", platform.name().toLowerCase(Locale.ROOT))
                .tag("reason", reason)
                .register(registry));
  }
}
