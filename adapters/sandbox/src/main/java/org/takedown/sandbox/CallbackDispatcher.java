package org.takedown.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether and where a simulated partner's callbacks go, and their delivery: asynchronous, and
 * redelivered with doubling delays while the gateway answers non-2xx or cannot be reached, up to a
 * fixed number of attempts, as partners redeliver. Finished deliveries are kept for tests (the
 * latest {@value #KEPT_DELIVERIES}).
 */
final class CallbackDispatcher {

  /** What became of the callback for one change. */
  enum Announcement {
    /** Being delivered. */
    QUEUED,
    /** Muted for the partner, the request or the change: nothing is sent. */
    MUTED,
    /** No callback target is configured: nothing is sent. */
    OFF,
    /** Nothing changed, so there was nothing to announce. */
    UNCHANGED;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final int KEPT_DELIVERIES = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(CallbackDispatcher.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final String partner;
  private final CallbackFormat format;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final int maxAttempts;
  private final Duration firstDelay;
  private final Set<String> mutedReferences = ConcurrentHashMap.newKeySet();
  private final Deque<CallbackDelivery> finished = new ConcurrentLinkedDeque<>();
  private final AtomicInteger delivered = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  // Deliveries of an older generation, started before a clear(), are neither retried nor kept.
  private final AtomicInteger generation = new AtomicInteger();
  private volatile URI target;
  private volatile boolean muted;
  // Made with the first target: most sandboxes in tests never send a callback.
  private volatile HttpClient client;

  CallbackDispatcher(
      String partner,
      CallbackFormat format,
      Clock clock,
      ScheduledExecutorService scheduler,
      int maxAttempts,
      Duration firstDelay) {
    this.partner = partner;
    this.format = format;
    this.clock = clock;
    this.scheduler = scheduler;
    this.maxAttempts = maxAttempts;
    this.firstDelay = firstDelay;
  }

  /** Sends callbacks to the webhook path under {@code gatewayBaseUrl} from now on. */
  void deliverTo(URI gatewayBaseUrl) {
    Objects.requireNonNull(gatewayBaseUrl, "gatewayBaseUrl");
    String base = gatewayBaseUrl.toString();
    String scheme = gatewayBaseUrl.getScheme();
    if (!gatewayBaseUrl.isAbsolute()
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException("the callback target must be an http(s) URL: " + base);
    }
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    synchronized (this) {
      if (client == null) {
        client =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
      }
    }
    target = URI.create(trimmed + format.path());
  }

  /**
   * Sends no callbacks from now on, as before the first {@link #deliverTo}: changes are announced
   * {@code off}. Deliveries already under way finish, or are retried, as usual.
   */
  void deliverNowhere() {
    target = null;
  }

  /** The webhook URL callbacks go to, when one is configured. */
  Optional<URI> target() {
    return Optional.ofNullable(target);
  }

  void muteAll(boolean mute) {
    this.muted = mute;
  }

  boolean isMuted() {
    return muted;
  }

  void mute(String reference) {
    mutedReferences.add(reference);
  }

  /**
   * Announces {@code request}'s current state unless callbacks are muted (for the partner, for the
   * request, or by {@code wanted} false for this change) or have no target.
   */
  Announcement announce(SandboxRequest request, boolean wanted) {
    if (!wanted || muted || mutedReferences.contains(request.reference())) {
      return Announcement.MUTED;
    }
    URI url = target;
    if (url == null) {
      return Announcement.OFF;
    }
    Delivery delivery =
        new Delivery(request, url, format.body(request, clock.instant()), generation.get());
    inFlight.incrementAndGet();
    attempt(delivery, 1);
    return Announcement.QUEUED;
  }

  /** The finished deliveries, oldest first. */
  List<CallbackDelivery> deliveries() {
    return new ArrayList<>(finished);
  }

  /** How many callbacks the gateway acknowledged. */
  int delivered() {
    return delivered.get();
  }

  /** How many callbacks are being sent or waiting to be sent again. */
  int inFlight() {
    return inFlight.get();
  }

  /** Forgets finished deliveries and per-request mutes, and abandons those in flight. */
  void clear() {
    generation.incrementAndGet();
    mutedReferences.clear();
    finished.clear();
    delivered.set(0);
  }

  private void attempt(Delivery delivery, int attempt) {
    Map<String, String> headers = format.headers(delivery.body, clock.instant());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(delivery.url)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body));
    headers.forEach(request::header);
    client
        .sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              int status = response == null ? 0 : response.statusCode();
              answered(delivery, attempt, headers, status, failure);
            });
  }

  private void answered(
      Delivery delivery, int attempt, Map<String, String> headers, int status, Throwable failure) {
    boolean acknowledged = status >= 200 && status < 300;
    if (delivery.generation != generation.get()) {
      inFlight.decrementAndGet();
      return;
    }
    if (acknowledged || attempt >= maxAttempts) {
      finish(delivery, attempt, headers, status, acknowledged);
      return;
    }
    LOG.debug(
        "The {} callback for request {} was not acknowledged ({}), attempt {} of {}",
        partner,
        delivery.request.id(),
        failure != null ? failure.getClass().getSimpleName() : "HTTP " + status,
        attempt,
        maxAttempts);
    try {
      scheduler.schedule(
          () -> attempt(delivery, attempt + 1), delayAfter(attempt), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      inFlight.decrementAndGet();
    }
  }

  private void finish(
      Delivery delivery, int attempts, Map<String, String> headers, int status, boolean ok) {
    SandboxRequest request = delivery.request;
    finished.addLast(
        new CallbackDelivery(
            request.reference(),
            request.id(),
            request.status(),
            request.outcome(),
            delivery.url,
            headers,
            new String(delivery.body, StandardCharsets.UTF_8),
            attempts,
            status,
            ok));
    while (finished.size() > KEPT_DELIVERIES) {
      finished.pollFirst();
    }
    if (ok) {
      delivered.incrementAndGet();
      LOG.debug(
          "The {} callback for request {} ({}) was delivered after {} attempt(s)",
          partner,
          request.id(),
          request.status(),
          attempts);
    } else {
      LOG.warn(
          "The {} sandbox gave up the callback for request {} ({}) to {} after {} attempts;"
              + " last answer {}",
          partner,
          request.id(),
          request.status(),
          delivery.url,
          attempts,
          status == 0 ? "none" : "HTTP " + status);
    }
    inFlight.decrementAndGet();
  }

  private long delayAfter(int attempt) {
    return firstDelay.toMillis() << Math.min(attempt - 1, 20);
  }

  /** One change on its way to the gateway. */
  private record Delivery(SandboxRequest request, URI url, byte[] body, int generation) {}
}
