package org.takedown.gateway.testing.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Where the browser tests find Chromium and ChromeDriver, where they leave what a failing test
 * looked like, and how long a wait may last. Each is a JUnit configuration parameter, which JUnit
 * also reads from the system properties ({@code mvn verify -Dbrowser.chromium=...}).
 *
 * <ul>
 *   <li>{@code browser.chromium}: the browser, default {@code /usr/bin/chromium} (Debian's package
 *       {@code chromium});
 *   <li>{@code browser.chromedriver}: its driver, default {@code /usr/bin/chromedriver} (Debian's
 *       package {@code chromium-driver}); never downloaded;
 *   <li>{@code browser.failures}: the folder of screenshots and page sources of failing tests,
 *       default {@code target/browser-failures} (the gateway's pom sets it to the module's);
 *   <li>{@code browser.wait-seconds}: the longest wait for a page or a change, default 15.
 * </ul>
 */
record BrowserSettings(Path chromium, Path chromedriver, Path failures, Duration patience) {

  static final String CHROMIUM = "browser.chromium";
  static final String CHROMEDRIVER = "browser.chromedriver";
  static final String FAILURES = "browser.failures";
  static final String WAIT_SECONDS = "browser.wait-seconds";

  /** Reads the settings through {@code parameter}, a lookup of configuration parameters. */
  static BrowserSettings from(Function<String, String> parameter) {
    return new BrowserSettings(
        Path.of(or(parameter.apply(CHROMIUM), "/usr/bin/chromium")),
        Path.of(or(parameter.apply(CHROMEDRIVER), "/usr/bin/chromedriver")),
        Path.of(or(parameter.apply(FAILURES), "target/browser-failures")),
        Duration.ofSeconds(Long.parseLong(or(parameter.apply(WAIT_SECONDS), "15"))));
  }

  private static String or(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value;
  }
}
