package org.takedown.gateway.deadletter;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * How a bulk retry walks the dead letter.
 *
 * @param batchSize requests retried per transaction; default 500. Small enough that a huge dead
 *     letter never holds one long transaction and its row locks, large enough that each commit
 *     carries real work
 */
@ConfigurationProperties("gateway.dead-letter")
record DeadLetterProperties(@Bindable(defaultValue = "500") @Min(1) int batchSize) {}
