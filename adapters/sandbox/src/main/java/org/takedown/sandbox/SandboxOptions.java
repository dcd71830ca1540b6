package org.takedown.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a {@link PartnerSandbox} starts. {@link #defaults()}: dynamic ports, bound to and advertised
 * as {@code 127.0.0.1}, the Google service-account file in a temporary directory removed on close,
 * the system clock, an unbounded request journal. Build others with {@link #builder()}.
 */
public final class SandboxOptions {

  /** Port 0 asks for a free port. */
  public static final int DYNAMIC_PORT = 0;

  private final int metaPort;
  private final int tiktokPort;
  private final int googlePort;
  private final Path directory;
  private final String bindAddress;
  private final String advertisedHost;
  private final Clock clock;
  private final Integer requestJournalLimit;

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
   * findAll}); empty for no limit. A long-running sandbox sets one to bound its memory.
   */
  public OptionalInt requestJournalLimit() {
    return requestJournalLimit == null ? OptionalInt.empty() : OptionalInt.of(requestJournalLimit);
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

    public Builder requestJournalLimit(int entries) {
      if (entries < 1) {
        throw new IllegalArgumentException(
            "the request journal limit must be positive, was " + entries);
      }
      this.requestJournalLimit = entries;
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
