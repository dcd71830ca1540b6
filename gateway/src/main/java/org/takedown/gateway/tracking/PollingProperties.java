package org.takedown.gateway.tracking;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How the gateway asks partners where delivered requests stand (callbacks can be lost; polling is
 * the source of truth). A request is polled {@code firstAfter} after it was delivered or last
 * updated, then at a tenth of its age, never less often than {@code maxInterval}. Each partner can
 * override {@code first-after} and {@code max-interval} ({@link PartnerPollingProperties}).
 *
 * @param enabled false: this instance never polls
 * @param firstAfter default 1 min
 * @param maxInterval default 1 h
 * @param ageFraction the poll interval as a fraction of the request's age; default 0.1
 * @param idleInterval how often an idle polling lane looks for due requests; default 1 s
 * @param batchSize requests claimed per polling round; default 50
 */
@ConfigurationProperties("gateway.polling")
public record PollingProperties(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "1m") @NotNull Duration firstAfter,
    @Bindable(defaultValue = "1h") @NotNull Duration maxInterval,
    @Bindable(defaultValue = "0.1") double ageFraction,
    @Bindable(defaultValue = "1s") @NotNull Duration idleInterval,
    @Bindable(defaultValue = "50") @Min(1) int batchSize) {}
