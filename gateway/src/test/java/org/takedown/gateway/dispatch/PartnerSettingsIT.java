package org.takedown.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.takedown.gateway.testing.TestDatabase;
import org.takedown.gateway.testing.TestGateway;
import org.takedown.gateway.tracking.PollSchedule;
import org.takedown.platform.Platform;

/**
 * Each partner's settings under {@code gateway.partners.<partner>.} reach that partner's budget and
 * poll schedule, and a bad one stops the start with a message that names the property.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerSettingsIT {

  private String database;

  @BeforeAll
  void database() {
    database = TestDatabase.freshDatabaseUrl();
  }

  private ApplicationContext start(String... overrides) {
    return ApplicationContext.run(
            EmbeddedServer.class,
            Map.<String, Object>copyOf(TestGateway.propertiesOn(database, overrides)))
        .getApplicationContext();
  }

  @Test
  void eachPartnersSettingsReachItsOwnBudgetAndSchedule() {
    try (ApplicationContext gateway =
        start(
            "gateway.partners.meta.concurrency", "3",
            "gateway.partners.meta.rate-limit", "7",
            "gateway.partners.meta.rate-period", "2s",
            "gateway.partners.meta.breaker.failure-rate", "25",
            "gateway.partners.meta.breaker.open-wait", "45s",
            "gateway.partners.tiktok.polling.first-after", "5s",
            "gateway.dispatch.concurrency", "6")) {
      Map<Platform, PartnerBudget> budgets = gateway.getBean(PartnerLanes.class).budgets();
      PartnerBudget meta = budgets.get(Platform.META);
      CircuitBreakerConfig breaker = meta.breaker().getCircuitBreakerConfig();
      PollSchedule schedule = gateway.getBean(PollSchedule.class);
      Instant now = Instant.parse("2026-12-07T09:00:00Z");

      assertEquals(3, meta.bulkhead().getBulkheadConfig().getMaxConcurrentCalls());
      assertEquals(7, meta.rateLimiter().getRateLimiterConfig().getLimitForPeriod());
      assertEquals(
          Duration.ofSeconds(2), meta.rateLimiter().getRateLimiterConfig().getLimitRefreshPeriod());
      assertEquals(25f, breaker.getFailureRateThreshold());
      assertEquals(80f, breaker.getSlowCallRateThreshold(), "the default");
      assertEquals(
          Duration.ofSeconds(45).toMillis(), breaker.getWaitIntervalFunctionInOpenState().apply(1));
      PartnerBudget tiktok = budgets.get(Platform.TIKTOK);
      assertEquals(
          6,
          tiktok.bulkhead().getBulkheadConfig().getMaxConcurrentCalls(),
          "gateway.dispatch.concurrency where the partner sets none");
      assertEquals(now.plusSeconds(5), schedule.firstPoll(Platform.TIKTOK, now));
      assertEquals(now.plus(Duration.ofMinutes(1)), schedule.firstPoll(Platform.META, now));
    }
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "gateway.partners.meta.rate-limit | 0 | gateway.partners.meta.rate-limit must be at least 1,"
            + " not 0",
        "gateway.partners.tiktok.concurrency | -2 | gateway.partners.tiktok.concurrency must be at"
            + " least 1, not -2",
        "gateway.partners.google.rate-period | 0s | gateway.partners.google.rate-period must be"
            + " longer than 0",
        "gateway.partners.google.breaker.failure-rate | 150 |"
            + " gateway.partners.google.breaker.failure-rate must be in (0, 100], not 150.0",
        "gateway.partners.meta.breaker.window | 0 | gateway.partners.meta.breaker.window must be at"
            + " least 1, not 0",
        "gateway.partners.meta.breaker.open-wait | -5s | gateway.partners.meta.breaker.open-wait"
            + " must be longer than 0",
        "gateway.partners.google.polling.max-interval | 0s |"
            + " gateway.partners.google.polling.max-interval must be longer than 0",
        "gateway.partners.facebook.rate-limit | 5 | gateway.partners.facebook names no partner the"
            + " gateway knows; the partners are [meta, tiktok, google]",
        "gateway.polling.meta.first-after | 5s | gateway.polling.meta.first-after is now"
            + " gateway.partners.meta.polling.first-after",
      })
  void aBadPartnerSettingStopsTheStartNamingTheProperty(
      String property, String value, String message) {
    RuntimeException refused = assertThrows(RuntimeException.class, () -> start(property, value));

    assertTrue(
        refused.getMessage().contains(message),
        "expected a message with \"" + message + "\", got: " + refused.getMessage());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "gateway.partners.meta.rate-limit | ten | gateway.partners.meta.rate-limit is not a whole"
            + " number: \"ten\"",
        "gateway.partners.tiktok.breaker.open-wait | half a minute |"
            + " gateway.partners.tiktok.breaker.open-wait is not a duration",
        "gateway.partners.google.polling.first-after | soon |"
            + " gateway.partners.google.polling.first-after is not a duration",
      })
  void aSettingOfTheWrongTypeStopsTheStartRatherThanFallingBackToItsDefault(
      String property, String value, String message) {
    RuntimeException refused = assertThrows(RuntimeException.class, () -> start(property, value));

    assertTrue(
        refused.getMessage().contains(message),
        "expected a message with \"" + message + "\", got: " + refused.getMessage());
  }
}
