package org.takedown.gateway.console.signin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/**
 * The console's session: a cookie the gateway seals itself, so that any instance sharing the
 * database (and this secret) reads it, with no session store and no sticky sessions.
 *
 * @param secret seals (encrypts and authenticates) the session cookie and keys its CSRF tokens; at
 *     least 32 characters, the same on every instance; changing it signs everyone out
 * @param length how long a session lasts from sign-in, a duty shift; default 8h
 * @param secureCookie whether the console's cookies carry {@code Secure} (sent over https only);
 *     default true, which a gateway behind a TLS-terminating proxy needs though it sees plain http;
 *     the local run sets false for http://localhost
 */
@ConfigurationProperties("gateway.console.session")
public record ConsoleSessionProperties(
    @NotBlank @Size(min = 32) String secret,
    @Bindable(defaultValue = "8h") @NotNull Duration length,
    @Bindable(defaultValue = "true") boolean secureCookie) {

  @Override
  public String toString() {
    // the secret never reaches a log line or an error message
    return "ConsoleSessionProperties[length=" + length + ", secureCookie=" + secureCookie + "]";
  }
}
