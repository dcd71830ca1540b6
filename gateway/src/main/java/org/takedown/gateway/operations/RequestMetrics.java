package org.takedown.gateway.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.takedown.gateway.request.RequestState;
import org.takedown.platform.Platform;

/**
 * Gauges of the request table, read from the {@link RequestSnapshot}: a scrape never queries the
 * database. Every (partner, state) pair is registered up front, so a series reads 0 rather than
 * vanishing. While the database cannot be read the gauges keep their last values, {@code
 * takedown.database.up} reads 0 and {@code takedown.snapshot.age} keeps growing.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
final class RequestMetrics {

  static final String REQUESTS = "takedown.requests";
  static final String BACKLOG = "takedown.backlog";
  static final String OLDEST_DUE_AGE = "takedown.oldest.due.age";
  static final String DATABASE_UP = "takedown.database.up";
  static final String PRESERVATIONS_EXPIRING = "takedown.preservations.expiring";
  static final String SNAPSHOT_AGE = "takedown.snapshot.age";

  private static final Platform[] PLATFORMS = Platform.values();
  private static final RequestState[] STATES = RequestState.values();

  RequestMetrics(RequestSnapshot snapshot, MeterRegistry registry) {
    for (Platform platform : PLATFORMS) {
      String partner = partner(platform);
      int p = platform.ordinal();
      for (RequestState state : STATES) {
        Gauge.builder(REQUESTS, snapshot, s -> s.reading().requests(platform, state))
            .description("Requests by partner and state")
            .tag("partner", partner)
            .tag("state", state.name())
            .strongReference(true)
            .register(registry);
      }
      Gauge.builder(BACKLOG, snapshot, s -> s.reading().backlog()[p])
          .description(
              "PENDING requests due for delivery now: their next attempt time has come"
                  + " (new requests at once, retries after their backoff), in flight included")
          .tag("partner", partner)
          .strongReference(true)
          .register(registry);
      Gauge.builder(OLDEST_DUE_AGE, snapshot, s -> s.reading().oldestDueAge()[p])
          .description(
              "How long the longest-waiting due PENDING request has been due"
                  + " (since its next attempt time); 0 when none is due")
          .baseUnit("seconds")
          .tag("partner", partner)
          .strongReference(true)
          .register(registry);
    }
    for (Platform platform : PLATFORMS) {
      int p = platform.ordinal();
      Gauge.builder(PRESERVATIONS_EXPIRING, snapshot, s -> s.reading().expiring()[p])
          .description(
              "Preservations (COMPLETED, PRESERVED) whose preservedUntil falls within"
                  + " gateway.preservation.warn-before: extend them before they lapse")
          .tag("partner", partner(platform))
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder(DATABASE_UP, snapshot, s -> s.reading().up() ? 1 : 0)
        .description(
            "1 when the last reading of the request table succeeded; 0 when it could not"
                + " (takedown gauges then keep their last values)")
        .strongReference(true)
        .register(registry);
    Gauge.builder(SNAPSHOT_AGE, snapshot, s -> s.reading().ageSeconds(s.clock()))
        .description(
            "How old the takedown gauges' figures are: the request table is read every"
                + " gateway.operations.snapshot-interval, not on each scrape; NaN before the"
                + " first reading")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  static String partner(Platform platform) {
    return platform.name().toLowerCase(Locale.ROOT);
  }
}
