package org.takedown.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stateful simulators of the Meta, TikTok and Google profiles of PARTNERS.md, each on its own
 * WireMock server, with well-known sandbox credentials. Start one, point the gateway at it with
 * {@link #gatewayProperties()}, and close it when done:
 *
 * <pre>{@code
 * try (PartnerSandbox sandbox = PartnerSandbox.start()) {
 *   Map<String, String> properties = sandbox.gatewayProperties();
 *   ...
 *   assertEquals(1, sandbox.meta().requestCount());
 * }
 * }</pre>
 *
 * <p>Requests move on when a test says so ({@code sandbox.tiktok().complete(reference,
 * "REMOVED")}), through the admin endpoint {@code /__sandbox/requests/{reference}/...} of each
 * partner, or on their own with {@link SandboxOptions.Builder#autoComplete}. Each change is
 * delivered to the gateway as the partner's signed callback once {@link #deliverCallbacksTo} (or
 * {@link SandboxOptions.Builder#callbackUrl}) names it.
 *
 * <p>State lives in memory: a restarted sandbox knows no requests, and generates new Google keys.
 */
public final class PartnerSandbox implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerSandbox.class);

  private final MetaSimulator meta;
  private final TikTokSimulator tiktok;
  private final GoogleSimulator google;
  private final Path temporaryDirectory;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PartnerSandbox(
      MetaSimulator meta, TikTokSimulator tiktok, GoogleSimulator google, Path temporaryDirectory) {
    this.meta = meta;
    this.tiktok = tiktok;
    this.google = google;
    this.temporaryDirectory = temporaryDirectory;
  }

  /** Starts the three simulators with {@link SandboxOptions#defaults()}. */
  public static PartnerSandbox start() {
    return start(SandboxOptions.defaults());
  }

  /**
   * Starts the three simulators.
   *
   * @throws IllegalStateException when a server cannot listen, e.g. its port is taken
   * @throws UncheckedIOException when the service-account file cannot be written
   */
  public static PartnerSandbox start(SandboxOptions options) {
    Path temporaryDirectory = options.directory().isPresent() ? null : createTemporaryDirectory();
    Path directory = options.directory().orElse(temporaryDirectory);
    List<PartnerSimulator> started = new ArrayList<>();
    try {
      MetaSimulator meta = startAndTrack(new MetaSimulator(options), started);
      TikTokSimulator tiktok = startAndTrack(new TikTokSimulator(options), started);
      GoogleSimulator google = startAndTrack(new GoogleSimulator(options, directory), started);
      PartnerSandbox sandbox = new PartnerSandbox(meta, tiktok, google, temporaryDirectory);
      LOG.info(
          "Partner sandbox started: meta at {}, tiktok at {}, google at {}; callbacks to {}",
          meta.baseUrl(),
          tiktok.baseUrl(),
          google.baseUrl(),
          options.callbackUrl().map(URI::toString).orElse("nowhere yet"));
      return sandbox;
    } catch (RuntimeException e) {
      started.forEach(PartnerSimulator::stop);
      deleteQuietly(temporaryDirectory);
      throw e;
    }
  }

  public MetaSimulator meta() {
    return meta;
  }

  public TikTokSimulator tiktok() {
    return tiktok;
  }

  public GoogleSimulator google() {
    return google;
  }

  /**
   * The gateway properties that point the gateway at all three simulators: {@code
   * gateway.partners.meta.*}, {@code gateway.partners.tiktok.*} and {@code
   * gateway.partners.google.*}.
   */
  public Map<String, String> gatewayProperties() {
    Map<String, String> properties = new LinkedHashMap<>(meta.gatewayProperties());
    properties.putAll(tiktok.gatewayProperties());
    properties.putAll(google.gatewayProperties());
    return Collections.unmodifiableMap(properties);
  }

  /**
   * {@link PartnerSimulator#deliverCallbacksTo} on all three simulators: their callbacks go to
   * {@code /webhooks/meta}, {@code /webhooks/tiktok} and {@code /webhooks/google} under {@code
   * gatewayBaseUrl}.
   */
  public void deliverCallbacksTo(URI gatewayBaseUrl) {
    meta.deliverCallbacksTo(gatewayBaseUrl);
    tiktok.deliverCallbacksTo(gatewayBaseUrl);
    google.deliverCallbacksTo(gatewayBaseUrl);
    LOG.info("Partner sandbox callbacks go to {}", gatewayBaseUrl);
  }

  /** {@link PartnerSimulator#reset()} on all three simulators. */
  public void reset() {
    meta.reset();
    tiktok.reset();
    google.reset();
  }

  /** Same as {@link #close()}. */
  public void stop() {
    close();
  }

  /**
   * Stops the servers and removes the temporary directory, if the sandbox made one. Closing twice
   * does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    meta.stop();
    tiktok.stop();
    google.stop();
    deleteQuietly(temporaryDirectory);
  }

  private static <T extends PartnerSimulator> T startAndTrack(
      T simulator, List<PartnerSimulator> started) {
    simulator.start();
    started.add(simulator);
    return simulator;
  }

  private static Path createTemporaryDirectory() {
    try {
      return Files.createTempDirectory("partner-sandbox");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the sandbox", e);
    }
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.warn("The sandbox directory {} was not fully removed: {}", directory, e.getMessage());
    }
  }
}
