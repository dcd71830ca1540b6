package org.takedown.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of {@link SandboxMain}: each {@code --name value} (or {@code --name=value}) argument,
 * else the environment variable {@code SANDBOX_NAME}, else the default.
 */
final class SandboxCommandLine {

  static final int DEFAULT_META_PORT = 8181;
  static final int DEFAULT_TIKTOK_PORT = 8182;
  static final int DEFAULT_GOOGLE_PORT = 8183;
  static final String DEFAULT_DIRECTORY = "./data/sandbox";

  /** No journal by default: the sandbox's own call counts ({@code /__sandbox/stats}) need none. */
  static final int DEFAULT_REQUEST_JOURNAL = 0;

  private static final Set<String> OPTIONS =
      Set.of(
          "meta-port",
          "tiktok-port",
          "google-port",
          "dir",
          "bind-address",
          "host",
          "callback-url",
          "mute-callbacks",
          "auto-complete",
          "request-journal");
  private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");

  static final String USAGE =
      String.join(
          "\n",
          "Usage: SandboxMain [--meta-port 8181] [--tiktok-port 8182] [--google-port 8183]",
          "                   [--dir ./data/sandbox] [--bind-address 127.0.0.1] [--host HOST]",
          "                   [--callback-url http://localhost:8080] [--mute-callbacks google]",
          "                   [--auto-complete 5s] [--request-journal 0]",
          "Each option can also be set by its environment variable: SANDBOX_META_PORT,",
          "SANDBOX_TIKTOK_PORT, SANDBOX_GOOGLE_PORT, SANDBOX_DIR, SANDBOX_BIND_ADDRESS, SANDBOX_HOST,",
          "SANDBOX_CALLBACK_URL, SANDBOX_MUTE_CALLBACKS, SANDBOX_AUTO_COMPLETE,",
          "SANDBOX_REQUEST_JOURNAL.",
          "--host is the name the gateway reaches the sandbox by (defaults to the bind address).",
          "--callback-url is the gateway's base URL; the partners' signed callbacks go to",
          "/webhooks/meta, /webhooks/tiktok and /webhooks/google under it.",
          "--mute-callbacks lists partners (comma-separated) that send none, e.g. google.",
          "--auto-complete completes every new request after that long (500ms, 5s, 2m, PT1M).",
          "--request-journal keeps the last N requests per partner for WireMock's",
          "/__admin/requests; 0 (the default) keeps none, which is cheapest.");

  private SandboxCommandLine() {}

  /**
   * The options {@code args} and {@code environment} give.
   *
   * @throws IllegalArgumentException naming the option that is unknown or has a bad value
   */
  static SandboxOptions parse(String[] args, Map<String, String> environment) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      given.put(name, value);
    }
    for (String name : given.keySet()) {
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
    }
    Function<String, String> option =
        name -> given.getOrDefault(name, environment.get(environmentName(name)));

    SandboxOptions.Builder options =
        SandboxOptions.builder()
            .metaPort(port(option, "meta-port", DEFAULT_META_PORT))
            .tiktokPort(port(option, "tiktok-port", DEFAULT_TIKTOK_PORT))
            .googlePort(port(option, "google-port", DEFAULT_GOOGLE_PORT))
            .directory(Path.of(orDefault(option.apply("dir"), DEFAULT_DIRECTORY)))
            .requestJournalLimit(count(option, "request-journal", DEFAULT_REQUEST_JOURNAL));
    String bindAddress = option.apply("bind-address");
    if (bindAddress != null) {
      options.bindAddress(bindAddress);
    }
    String host = option.apply("host");
    if (host != null) {
      options.advertisedHost(host);
    }
    String callbackUrl = option.apply("callback-url");
    if (callbackUrl != null) {
      options.callbackUrl(uri("callback-url", callbackUrl));
    }
    String muted = option.apply("mute-callbacks");
    if (muted != null && !muted.isBlank()) {
      for (String partner : muted.split(",")) {
        options.muteCallbacks(partner.trim().toLowerCase(Locale.ROOT));
      }
    }
    String autoComplete = option.apply("auto-complete");
    if (autoComplete != null) {
      options.autoComplete(duration("auto-complete", autoComplete));
    }
    return options.build();
  }

  /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 such as {@code PT1M30S}. */
  static Duration duration(String name, String value) {
    String text = value.trim();
    Matcher simple = SHORT_DURATION.matcher(text);
    try {
      if (simple.matches()) {
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
      }
      return Duration.parse(text);
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "--" + name + " must be a duration such as 5s, 500ms or PT1M, was " + value);
    }
  }

  private static URI uri(String name, String value) {
    try {
      return URI.create(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + name + " must be a URL, was " + value);
    }
  }

  private static int port(Function<String, String> option, String name, int defaultPort) {
    String value = option.apply(name);
    if (value == null) {
      return defaultPort;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a port number, was " + value);
    }
  }

  private static int count(Function<String, String> option, String name, int defaultCount) {
    String value = option.apply(name);
    if (value == null) {
      return defaultCount;
    }
    try {
      int count = Integer.parseInt(value.trim());
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // falls through to the refusal below
    }
    throw new IllegalArgumentException("--" + name + " must be 0 or more, was " + value);
  }

  private static String orDefault(String value, String defaultValue) {
    return value == null ? defaultValue : value;
  }

  private static String environmentName(String option) {
    return "SANDBOX_" + option.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
