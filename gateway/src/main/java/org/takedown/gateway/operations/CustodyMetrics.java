package org.takedown.gateway.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.takedown.gateway.custody.CustodyMonitor;

/**
 * {@code takedown_custody_consistent}: 1 while every check of this instance's {@link
 * CustodyMonitor} passed (and before the first), 0 once one failed.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
final class CustodyMetrics {

  static final String CONSISTENT = "takedown.custody.consistent";

  CustodyMetrics(CustodyMonitor monitor, MeterRegistry registry) {
    Gauge.builder(CONSISTENT, monitor, m -> m.consistent() ? 1 : 0)
        .description(
            "0 once the custody monitor found the log not consistent with a checkpoint it saw"
                + " before (or a checkpoint not signed by the gateway's key); 1 otherwise")
        .strongReference(true)
        .register(registry);
  }
}
