package org.takedown.gateway.dispatch;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How PENDING requests reach the partners.
 *
 * @param enabled false runs the API without sending anything (another instance sends)
 * @param concurrency partner calls in flight per partner and instance; default 4
 * @param pollInterval how often an idle partner lane looks for due requests; default 250 ms
 * @param lease how long a claim protects a request from other dispatchers; it must outlast the
 *     longest partner call, as each adapter tells it (PlatformAdapter#longestCall); default 2 min
 * @param backoffBase first retry delay bound, doubled per attempt with full jitter; default 2 s
 * @param backoffMax the cap of the retry delay; default 15 min
 * @param maxAttempts attempts before a request is FAILED; default 12
 * @param maxAge a request still undelivered this long after it was created is FAILED at its next
 *     failed attempt, whatever its attempts; default 3 days
 * @param unauthorizedPause how long a partner that refused the gateway's credentials is left alone
 *     before one probe call tests them again; default 1 min
 * @param instanceId this instance's name among those sharing the database, unique among them; at
 *     start, the instance takes back the leases a previous run under the same name left behind (it
 *     was killed) instead of waiting for them to expire. Unset: {@code <host>:<port>} when the port
 *     is fixed, otherwise none (leases left behind then expire)
 */
@ConfigurationProperties("gateway.dispatch")
public record DispatchProperties(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "4") @Min(1) int concurrency,
    @Bindable(defaultValue = "250ms") @NotNull Duration pollInterval,
    @Bindable(defaultValue = "2m") @NotNull Duration lease,
    @Bindable(defaultValue = "2s") @NotNull Duration backoffBase,
    @Bindable(defaultValue = "15m") @NotNull Duration backoffMax,
    @Bindable(defaultValue = "12") @Min(1) int maxAttempts,
    @Bindable(defaultValue = "3d") @NotNull Duration maxAge,
    @Bindable(defaultValue = "1m") @NotNull Duration unauthorizedPause,
    @Nullable String instanceId) {}
