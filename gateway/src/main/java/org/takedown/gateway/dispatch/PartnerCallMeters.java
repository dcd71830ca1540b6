package org.takedown.gateway.dispatch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.takedown.platform.PartnerFailure;
import org.takedown.platform.Platform;
import org.takedown.platform.SubmitOutcome;

/**
 * The meters of one partner's calls: {@code takedown.partner.calls} (a latency histogram tagged
 * with the outcome, whose count is the attempts made), {@code takedown.partner.circuit} (0 closed,
 * 1 half-open, 2 open) and {@code takedown.partner.paused} (1 while the partner refuses the
 * gateway's credentials).
 */
final class PartnerCallMeters {

  private final MeterRegistry registry;
  private final String partner;

  PartnerCallMeters(MeterRegistry registry, Platform platform, PartnerBudget budget) {
    this.registry = registry;
    this.partner = platform.name().toLowerCase(Locale.ROOT);
    Gauge.builder("takedown.partner.circuit", budget, b -> circuitValue(b.circuit()))
        .description("this instance's circuit breaker: 0 closed, 1 half-open, 2 open")
        .tag("partner", partner)
        .register(registry);
    Gauge.builder("takedown.partner.paused", budget, b -> b.isPaused() ? 1 : 0)
        .description("1 while the partner refuses the gateway's credentials and is left alone")
        .tag("partner", partner)
        .register(registry);
  }

  void record(SubmitOutcome outcome, Duration took) {
    Timer.builder("takedown.partner.calls")
        .description("create calls to the partner by outcome; the count is the attempts made")
        .tag("partner", partner)
        .tag("outcome", outcomeName(outcome))
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
  }

  private static String outcomeName(SubmitOutcome outcome) {
    if (outcome instanceof SubmitOutcome.Accepted) {
      return "accepted";
    } else if (outcome instanceof PartnerFailure.Rejected) {
      return "rejected";
    } else if (outcome instanceof PartnerFailure.Transient) {
      return "retry";
    }
    return "unauthorized";
  }

  private static double circuitValue(CircuitBreaker.State state) {
    switch (state) {
      case OPEN:
      case FORCED_OPEN:
        return 2;
      case HALF_OPEN:
        return 1;
      default:
        return 0;
    }
  }
}
