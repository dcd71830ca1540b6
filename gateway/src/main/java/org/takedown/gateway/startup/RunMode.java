package org.takedown.gateway.startup;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How this gateway runs: in production mode every service is the configured one; in local mode some
 * are stood in for, each named here with what stands in for it. {@code /health} shows it and the
 * first log line says it.
 *
 * @param standIns service name ({@code database}, {@code token-issuer}, {@code meta}, ...) to a
 *     description of its stand-in
 */
public record RunMode(Mode mode, Map<String, String> standIns) {

  public enum Mode {
    LOCAL,
    PRODUCTION;

    /** {@code local} or {@code production}, as {@code /health} writes it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RunMode {
    standIns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(standIns));
  }

  public static RunMode production() {
    return new RunMode(Mode.PRODUCTION, Map.of());
  }
}
