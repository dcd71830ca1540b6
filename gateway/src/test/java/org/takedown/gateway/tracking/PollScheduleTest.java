package org.takedown.gateway.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContextConfiguration;
import io.micronaut.context.env.DefaultEnvironment;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.takedown.platform.Platform;

/** The poll cadence: soon after delivery, then a tenth of the request's age, capped. */
class PollScheduleTest {

  private static final Instant CREATED = Instant.parse("2026-11-20T08:00:00Z");

  /** The defaults of {@link PollingProperties}: 1 min, 1 h, a tenth of the age. */
  private static final PollingProperties DEFAULTS =
      new PollingProperties(
          true, Duration.ofMinutes(1), Duration.ofHours(1), 0.1, Duration.ofSeconds(1), 50);

  private final PollSchedule defaults = schedule(DEFAULTS, Map.of());

  /** The wait between a poll at {@code age} after creation and the next one. */
  private static Duration interval(PollSchedule schedule, Platform platform, Duration age) {
    Instant now = CREATED.plus(age);
    return Duration.between(now, schedule.nextPoll(platform, CREATED, now));
  }

  @Test
  void pollsAYoungRequestAtTheFirstAfterFloor() {
    assertEquals(Duration.ofMinutes(1), interval(defaults, Platform.META, Duration.ZERO));
    assertEquals(Duration.ofMinutes(1), interval(defaults, Platform.META, Duration.ofMinutes(5)));
    // at ten minutes a tenth of the age reaches the floor
    assertEquals(Duration.ofMinutes(1), interval(defaults, Platform.META, Duration.ofMinutes(10)));
  }

  @Test
  void pollsAtATenthOfTheAgeOnceThatExceedsTheFloor() {
    assertEquals(
        Duration.ofMinutes(2), interval(defaults, Platform.TIKTOK, Duration.ofMinutes(20)));
    assertEquals(Duration.ofMinutes(12), interval(defaults, Platform.TIKTOK, Duration.ofHours(2)));
    assertEquals(
        Duration.ofMinutes(45), interval(defaults, Platform.TIKTOK, Duration.ofMinutes(450)));
  }

  @Test
  void neverWaitsLongerThanTheMaxInterval() {
    assertEquals(Duration.ofHours(1), interval(defaults, Platform.GOOGLE, Duration.ofHours(10)));
    assertEquals(Duration.ofHours(1), interval(defaults, Platform.GOOGLE, Duration.ofDays(30)));
  }

  @Test
  void backsOffSteadilyAsTheRequestAges() {
    Duration previous = Duration.ZERO;
    for (long minutes = 0; minutes <= 24 * 60; minutes += 7) {
      Duration next = interval(defaults, Platform.META, Duration.ofMinutes(minutes));
      assertTrue(
          next.compareTo(previous) >= 0,
          "the interval shrank from " + previous + " to " + next + " at " + minutes + " min");
      assertTrue(next.compareTo(Duration.ofMinutes(1)) >= 0, next + " is under the floor");
      assertTrue(next.compareTo(Duration.ofHours(1)) <= 0, next + " is over the cap");
      previous = next;
    }
  }

  @Test
  void treatsACreationTimeInTheFutureAsAgeZero() {
    Instant now = CREATED.minusSeconds(30);
    assertEquals(now.plus(Duration.ofMinutes(1)), defaults.nextPoll(Platform.META, CREATED, now));
  }

  @Test
  void firstPollAndBackoffUseThePartnersOwnSettings() {
    PollSchedule schedule =
        schedule(
            DEFAULTS,
            Map.of(
                "gateway.partners.tiktok.polling.first-after", "5s",
                "gateway.partners.google.polling.max-interval", "10m"));
    Instant now = CREATED;

    assertEquals(now.plusSeconds(5), schedule.firstPoll(Platform.TIKTOK, now));
    assertEquals(now.plus(Duration.ofMinutes(1)), schedule.firstPoll(Platform.META, now));
    assertEquals(
        Duration.ofSeconds(5), interval(schedule, Platform.TIKTOK, Duration.ofSeconds(20)));
    assertEquals(Duration.ofMinutes(10), interval(schedule, Platform.GOOGLE, Duration.ofHours(10)));
    assertEquals(Duration.ofHours(1), interval(schedule, Platform.META, Duration.ofHours(10)));
    assertEquals(now.plus(Duration.ofMinutes(10)), schedule.backedOff(Platform.GOOGLE, now));
    assertEquals(now.plus(Duration.ofHours(1)), schedule.backedOff(Platform.TIKTOK, now));
  }

  @Test
  void followsAConfiguredAgeFraction() {
    PollSchedule quarter =
        schedule(
            new PollingProperties(
                true, Duration.ofSeconds(1), Duration.ofHours(6), 0.25, Duration.ofSeconds(1), 50),
            Map.of());
    assertEquals(Duration.ofMinutes(30), interval(quarter, Platform.META, Duration.ofHours(2)));
  }

  @Test
  void refusesAPartnerKeyWhereItUsedToBeAndSaysWhereItGoesNow() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> schedule(DEFAULTS, Map.of("gateway.polling.meta.first-after", "5s")));

    assertEquals(
        "gateway.polling.meta.first-after is now gateway.partners.meta.polling.first-after",
        refused.getMessage());
  }

  /**
   * A schedule over {@code properties}, with per-partner settings bound from {@code overrides}
   * (pairs of {@code gateway.partners.<partner>.polling.<key>} and value) as the gateway binds
   * them.
   */
  private static PollSchedule schedule(
      PollingProperties properties, Map<String, Object> overrides) {
    Environment environment =
        new DefaultEnvironment(
            new ApplicationContextConfiguration() {
              @Override
              public List<String> getEnvironments() {
                return List.of();
              }

              @Override
              public Optional<Boolean> getDeduceEnvironments() {
                return Optional.of(false);
              }

              // no application.yml, no environment variables: only what the test says
              @Override
              public boolean isEnableDefaultPropertySources() {
                return false;
              }

              @Override
              public boolean isEnvironmentPropertySource() {
                return false;
              }
            });
    environment.addPropertySource(PropertySource.of("poll-schedule-test", overrides));
    environment.start();
    Map<String, Map<String, Duration>> byPartner = new TreeMap<>();
    overrides.forEach(
        (key, value) -> {
          String[] parts = key.split("\\.");
          if (key.startsWith("gateway.partners.")) {
            byPartner
                .computeIfAbsent(parts[2], p -> new TreeMap<>())
                .put(parts[4], environment.getProperty(key, Duration.class).orElseThrow());
          }
        });
    List<PartnerPollingProperties> partners = new ArrayList<>();
    byPartner.forEach(
        (partner, values) ->
            partners.add(
                new PartnerPollingProperties(
                    partner,
                    new PartnerPollingProperties.Polling(
                        values.get("first-after"), values.get("max-interval")))));
    return new PollSchedule(properties, partners, environment);
  }
}
