package org.takedown.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How a {@link PartnerSandbox} starts. {@link #defaults()}: dynamic ports, bound to and advertised
 * as {@code 127.0.0.1}, the Google service-account file in a temporary directory removed on close,
 * the system clock, an unbounded request journal; no callback target (so no callbacks), none muted,
 * each callback sent up to {@value #DEFAULT_CALLBACK_ATTEMPTS} times with delays doubling from one
 * second; Google push tokens issued by {@code https://accounts.google.com}; no auto-completion.
 * Build others with {@link #builder()}.
 */
public final class SandboxOptions {

  /** Port 0 asks for a free port. */
  public static final int DYNAMIC_PORT = 0;

  /** How many times a callback is sent at most, by default. */
  public static final int DEFAULT_CALLBACK_ATTEMPTS = 5;

  /** The delay before a callback's second attempt, by default; each further one doubles it. */
  public static final Duration DEFAULT_CALLBACK_FIRST_DELAY = Duration.ofSeconds(1);

  private static final Set<String> PARTNERS = Set.of("meta", "tiktok", "google");

  private final int metaPort;
  private final int tiktokPort;
  private final int googlePort;
  private final Path directory;
  private final String bindAddress;
  private final String advertisedHost;
  private final Clock clock;
  private final Integer requestJournalLimit;
  private final URI callbackUrl;
  private final Set<String> mutedCallbacks;
  private final int callbackAttempts;
  private final Duration callbackFirstDelay;
  private final Duration autoComplete;
  private final String googlePushIssuer;

  private SandboxOptions(Builder builder) {
    this.metaPort = builder.metaPort;
    this.tiktokPort = builder.tiktokPort;
    this.googlePort = builder.googlePort;
    this.directory = builder.directory;
    this.bindAddress = builder.bindAddress;
    this.advertisedHost =
        builder.advertisedHost != null ? builder.advertisedHost : advertisable(builder.bindAddress);
    this.clock = builder.clock;
    this.requestJournalLimit = builder.requestJournalLimit;
    this.callbackUrl = builder.callbackUrl;
    this.mutedCallbacks = Set.copyOf(builder.mutedCallbacks);
    this.callbackAttempts = builder.callbackAttempts;
    this.callbackFirstDelay = builder.callbackFirstDelay;
    this.autoComplete = builder.autoComplete;
    this.googlePushIssuer = builder.googlePushIssuer;
  }

  public static SandboxOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public int metaPort() {
    return metaPort;
  }

  public int tiktokPort() {
    return tiktokPort;
  }

  public int googlePort() {
    return googlePort;
  }

  /** Where the Google service-account file is written; empty for a temporary directory. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /** The address the three servers listen on. */
  public String bindAddress() {
    return bindAddress;
  }

  /**
   * The host in the base URLs and in the service-account file's {@code token_uri}: the name under
   * which the gateway reaches the sandbox.
   */
  public String advertisedHost() {
    return advertisedHost;
  }

  /** The clock for timestamps and token expiry. */
  public Clock clock() {
    return clock;
  }

  /**
   * How many requests each WireMock server keeps in its journal (for {@code verify} and {@code
   * findAll}); empty for no limit, 0 for no journal. A long-running sandbox sets a limit to bound
   * its memory, or keeps none: WireMock counts a bounded journal on every request it serves, which
   * at a limit of 1,000 cost more CPU than answering the request.
   */
  public OptionalInt requestJournalLimit() {
    return requestJournalLimit == null ? OptionalInt.empty() : OptionalInt.of(requestJournalLimit);
  }

  /** The gateway's base URL that the partners' callbacks go to; empty for no callbacks. */
  public Optional<URI> callbackUrl() {
    return Optional.ofNullable(callbackUrl);
  }

  /** The partners ({@code meta}, {@code tiktok}, {@code google}) that send no callbacks. */
  public Set<String> mutedCallbacks() {
    return mutedCallbacks;
  }

  /** How many times a callback is sent at most before the partner gives up. */
  public int callbackAttempts() {
    return callbackAttempts;
  }

  /** The delay before a callback's second attempt; each further attempt waits twice as long. */
  public Duration callbackFirstDelay() {
    return callbackFirstDelay;
  }

  /**
   * After how long each new request is completed on its own (under review after half of it); empty
   * when requests wait to be moved on by hand.
   */
  public Optional<Duration> autoComplete() {
    return Optional.ofNullable(autoComplete);
  }

  /** The {@code iss} of Google's push tokens. */
  public String googlePushIssuer() {
    return googlePushIssuer;
  }

  private static String advertisable(String bindAddress) {
    return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "localhost" : bindAddress;
  }

  /** Builds {@link SandboxOptions}; every setting has the default {@link #defaults()} lists. */
  public static final class Builder {

    private int metaPort = DYNAMIC_PORT;
    private int tiktokPort = DYNAMIC_PORT;
    private int googlePort = DYNAMIC_PORT;
    private Path directory;
    private String bindAddress = "127.0.0.1";
    private String advertisedHost;
    private Clock clock = Clock.systemUTC();
    private Integer requestJournalLimit;
    private URI callbackUrl;
    private final Set<String> mutedCallbacks = new LinkedHashSet<>();
    private int callbackAttempts = DEFAULT_CALLBACK_ATTEMPTS;
    private Duration callbackFirstDelay = DEFAULT_CALLBACK_FIRST_DELAY;
    private Duration autoComplete;
    private String googlePushIssuer = GooglePushIdentity.DEFAULT_ISSUER;

    private Builder() {}

    public Builder metaPort(int port) {
      this.metaPort = checkPort("meta", port);
      return this;
    }

    public Builder tiktokPort(int port) {
      this.tiktokPort = checkPort("tiktok", port);
      return this;
    }

    public Builder googlePort(int port) {
      this.googlePort = checkPort("google", port);
      return this;
    }

    /** The directory for the Google service-account file; created when missing, kept on close. */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The listening address, e.g. {@code 0.0.0.0} inside a container. */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = requireText("bindAddress", bindAddress);
      return this;
    }

    /**
     * The host the gateway reaches the sandbox by; defaults to the bind address, or {@code
     * localhost} when that is a wildcard.
     */
    public Builder advertisedHost(String advertisedHost) {
      this.advertisedHost = requireText("advertisedHost", advertisedHost);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** See {@link SandboxOptions#requestJournalLimit()}; 0 keeps no journal. */
    public Builder requestJournalLimit(int entries) {
      if (entries < 0) {
        throw new IllegalArgumentException(
            "the request journal limit must be 0 or more, was " + entries);
      }
      this.requestJournalLimit = entries;
      return this;
    }

    /**
     * Delivers each partner's callbacks to the gateway at {@code gatewayBaseUrl}, e.g. {@code
     * http://localhost:8080}: to {@code /webhooks/meta}, {@code /webhooks/tiktok} and {@code
     * /webhooks/google} under it.
     */
    public Builder callbackUrl(URI gatewayBaseUrl) {
      Objects.requireNonNull(gatewayBaseUrl, "gatewayBaseUrl");
      String scheme = gatewayBaseUrl.getScheme();
      if (!gatewayBaseUrl.isAbsolute()
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException(
            "the callback URL must be an absolute http(s) URL, was " + gatewayBaseUrl);
      }
      this.callbackUrl = gatewayBaseUrl;
      return this;
    }

    /**
     * Sends no callbacks from {@code partners} ({@code meta}, {@code tiktok}, {@code google}), e.g.
     * {@code google} so that the gateway learns of its requests by polling only.
     */
    public Builder muteCallbacks(String... partners) {
      for (String partner : Arrays.asList(partners)) {
        if (!PARTNERS.contains(partner)) {
          throw new IllegalArgumentException(
              "no partner " + partner + "; one of " + PARTNERS.stream().sorted().toList());
        }
        mutedCallbacks.add(partner);
      }
      return this;
    }

    /**
     * Sends each callback up to {@code attempts} times while the gateway answers non-2xx or cannot
     * be reached, waiting {@code firstDelay} before the second attempt and twice as long before
     * each further one.
     */
    public Builder callbackRedelivery(int attempts, Duration firstDelay) {
      if (attempts < 1) {
        throw new IllegalArgumentException("callbacks need at least one attempt, was " + attempts);
      }
      Objects.requireNonNull(firstDelay, "firstDelay");
      if (firstDelay.isNegative()) {
        throw new IllegalArgumentException("the redelivery delay must not be negative");
      }
      this.callbackAttempts = attempts;
      this.callbackFirstDelay = firstDelay;
      return this;
    }

    /**
     * Completes every new request on its own {@code delay} after its creation, under review after
     * half of it: preservations end {@code PRESERVED}, the others {@code REMOVED} (in each
     * partner's words), announced by callback like any change.
     */
    public Builder autoComplete(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isZero() || delay.isNegative()) {
        throw new IllegalArgumentException(
            "the auto-complete delay must be positive, was " + delay);
      }
      this.autoComplete = delay;
      return this;
    }

    /** The {@code iss} of Google's push tokens, by default {@code https://accounts.google.com}. */
    public Builder googlePushIssuer(String issuer) {
      this.googlePushIssuer = requireText("googlePushIssuer", issuer);
      return this;
    }

    public SandboxOptions build() {
      return new SandboxOptions(this);
    }

    private static int checkPort(String partner, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(
            "the " + partner + " port must be between 0 and 65535, was " + port);
      }
      return port;
    }

    private static String requireText(String name, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
