package org.takedown.gateway.console.signin;

import io.micronaut.context.BeanContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the sign-in flow runs (its start and its callback), makes sure the provider's discovery
 * document is known: its endpoints, and where {@link ProviderKeys} finds the keys that verify the
 * ID token. Micronaut reads it when the gateway starts; when the provider could not be reached
 * then, this reads it again, off the event loop (once per {@link #RETRY_AFTER} at most), and
 * answers the "sign-in unavailable" page (503) while it still cannot, so that the console signs in
 * again as soon as the provider is back, with no restart, and the API never notices.
 *
 * <p>{@link #RETRY_AFTER} counts on the gateway's {@link Clock} (a test moves it by hand). A
 * failure that seems to lie in the future (the system clock was set back since) does not hold the
 * next read back: one read more costs little, a sign-in unavailable for as long as the clock went
 * back would not.
 */
@ServerFilter(SignInPaths.SIGN_IN + "/**")
@ConsoleEnabled
final class ProviderCheckFilter {

  /** How long a failed read keeps the next ones from asking the provider again. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(ProviderCheckFilter.class);

  private final BeanContext beans;
  private final Clock clock;
  private final AtomicReference<Instant> failedAt = new AtomicReference<>();
  private volatile boolean known;

  ProviderCheckFilter(BeanContext beans, Clock clock) {
    this.beans = beans;
    this.clock = clock;
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  HttpResponse<?> check(HttpRequest<?> request) {
    if (known) {
      return null;
    }
    // a flood of sign-in attempts asks an unreachable provider once per RETRY_AFTER at most
    if (!failedRecently()) {
      try {
        known =
            beans
                .findBean(OpenIdProviderMetadata.class, Qualifiers.byName(SignInPaths.CLIENT))
                .map(OpenIdProviderMetadata::getAuthorizationEndpoint)
                .isPresent();
      } catch (RuntimeException e) {
        known = false;
      }
      if (known) {
        return null;
      }
      failedAt.set(clock.instant());
      LOG.warn(
          "console sign-in unavailable: the identity provider's discovery document is unknown");
    }
    return SignInPages.respond(HttpStatus.SERVICE_UNAVAILABLE, SignInPages.signInUnavailable())
        .header("Retry-After", String.valueOf(RETRY_AFTER.toSeconds()));
  }

  private boolean failedRecently() {
    Instant lastFailure = failedAt.get();
    if (lastFailure == null) {
      return false;
    }
    Duration since = Duration.between(lastFailure, clock.instant());
    return !since.isNegative() && since.compareTo(RETRY_AFTER) <= 0;
  }
}
