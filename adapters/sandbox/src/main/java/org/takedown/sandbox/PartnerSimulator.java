package org.takedown.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated partner, served by its own {@link WireMockServer}. The simulator's stubs compute
 * their answers from an in-memory store, so the partner deduplicates, remembers tokens and answers
 * status reads like the profile in PARTNERS.md says.
 *
 * <p>Tests observe it through the call counters and {@link #request(String)}, and inject faults
 * with {@link #failNextCreates} and {@link #loseNextCreateResponses}, or with their own stubs on
 * {@link #wireMock()}: the simulator's stubs have priority 10, so any stub a test adds (default
 * priority 5, or {@code atPriority(1)}) wins, and its calls still count.
 *
 * <p>Requests move on as the partner decides them, by the gateway's reference: {@link #review},
 * {@link #complete}, {@link #decline}, {@link #preserve} (or the admin endpoint {@code
 * /__sandbox/requests/{reference}/...}, or {@link SandboxOptions.Builder#autoComplete}). Status
 * reads answer the new state, and once {@link #deliverCallbacksTo} names the gateway, each change
 * is delivered to it as the partner's signed callback.
 */
public abstract sealed class PartnerSimulator
    permits MetaSimulator, TikTokSimulator, GoogleSimulator {

  static final String CREATE = "create";
  private static final String ADMIN = "sandbox-admin";
  private static final String STATS = "sandbox-stats";

  /** {@code GET} answers {@code {"createCalls": n, "requests": m}}, e.g. for a benchmark. */
  static final String STATS_PATH = "/__sandbox/stats";

  private static final int SIMULATOR_PRIORITY = 10;

  private final String partner;
  private final String bindAddress;
  private final int requestedPort;
  private final String advertisedHost;
  private final WireMockServer server;
  private final Set<UUID> simulatorStubs = ConcurrentHashMap.newKeySet();
  private final CallLedger ledger = new CallLedger();
  private final CallLedger extendLedger = new CallLedger();
  private final CreateFaults faults = new CreateFaults();
  private final ScheduledExecutorService scheduler;
  private final CallbackDispatcher callbacks;
  private final RequestLifecycle lifecycle;
  private final SandboxAdmin admin;
  private final AutoCompletion autoCompletion;
  final RequestStore store = new RequestStore(this::created);
  final Clock clock;

  PartnerSimulator(
      String partner,
      int port,
      SandboxOptions options,
      StateVocabulary words,
      CallbackFormat callbackFormat) {
    this.partner = partner;
    this.bindAddress = options.bindAddress();
    this.requestedPort = port;
    this.advertisedHost = options.advertisedHost();
    this.clock = options.clock();
    this.scheduler = Executors.newScheduledThreadPool(2, daemonThreads(partner));
    this.callbacks =
        new CallbackDispatcher(
            partner,
            callbackFormat,
            clock,
            scheduler,
            options.callbackAttempts(),
            options.callbackFirstDelay());
    options.callbackUrl().ifPresent(callbacks::deliverTo);
    callbacks.muteAll(options.mutedCallbacks().contains(partner));
    this.lifecycle = new RequestLifecycle(partner, words, store, clock, callbacks);
    this.admin = new SandboxAdmin(store, lifecycle);
    this.autoCompletion =
        options
            .autoComplete()
            .map(delay -> new AutoCompletion(partner, delay, scheduler, store, lifecycle, words))
            .orElse(null);
    // The extensions call back into this object only when requests arrive, after start(), by
    // which time the subclass is fully constructed.
    WireMockConfiguration config =
        WireMockConfiguration.options()
            .port(port)
            .bindAddress(bindAddress)
            // WireMock would log every request with its headers, tokens included.
            .stubRequestLoggingDisabled(true)
            .notifier(new WireMockLog(partner))
            .extensions(
                new EndpointTransformer(partner, this::route),
                new CallListener(
                    List.of(
                        new CallListener.Counted(this::isCreateCall, this::referenceOf, ledger),
                        new CallListener.Counted(
                            this::isExtendCall, this::extendedReferenceOf, extendLedger))));
    options
        .requestJournalLimit()
        .ifPresent(
            entries -> {
              if (entries == 0) {
                config.disableRequestJournal();
              } else {
                config.maxRequestJournalEntries(entries);
              }
            });
    this.server = new WireMockServer(config);
  }

  /**
   * The partner's base URL, the value of its gateway property {@code base-url}, e.g. {@code
   * http://127.0.0.1:41234}.
   */
  public String baseUrl() {
    String host = advertisedHost.contains(":") ? "[" + advertisedHost + "]" : advertisedHost;
    return "http://" + host + ":" + server.port();
  }

  /**
   * The gateway properties that point the gateway at this partner, keyed {@code
   * gateway.partners.<partner>.<key>}.
   */
  public abstract Map<String, String> gatewayProperties();

  /**
   * The WireMock server simulating the partner, for stubs and verifications of a test's own. Undo
   * them with {@link #reset()}: WireMock's own {@code resetAll()} would remove the simulator's
   * stubs too.
   */
  public WireMockServer wireMock() {
    return server;
  }

  /** Create calls received since start or {@link #reset()}, however they were answered. */
  public int createCalls() {
    return ledger.total();
  }

  /** Create calls that carried the gateway reference {@code reference}. */
  public int createCallsFor(String reference) {
    return ledger.callsFor(reference);
  }

  /** The distinct gateway references create calls carried. */
  public Set<String> references() {
    return ledger.references();
  }

  /** The partner-side requests that exist: one per reference a create call succeeded for. */
  public int requestCount() {
    return store.size();
  }

  /** The partner-side request created for the gateway reference {@code reference}. */
  public Optional<SandboxRequest> request(String reference) {
    return store.byReference(reference);
  }

  /**
   * Puts the request for {@code reference} under review (Meta {@code IN_REVIEW}, TikTok {@code
   * PROCESSING}, Google {@code UNDER_REVIEW}) and announces it by callback. A request under review
   * already stays as it is, and no callback is sent.
   *
   * @return the request as it is now
   * @throws NoSuchElementException when no request has {@code reference}
   * @throws IllegalStateException when the request is decided already
   */
  public SandboxRequest review(String reference) {
    return lifecycle.review(reference, true).request();
  }

  /**
   * Decides the request for {@code reference} with {@code outcome}, in the partner's words (Meta
   * {@code CONTENT_REMOVED}, TikTok {@code GEO_RESTRICTED}, Google {@code NO_ACTION}, ...) or the
   * gateway's ({@code REMOVED}, {@code RESTRICTED}, {@code PRESERVED}, {@code NOT_FOUND}, {@code
   * NO_VIOLATION}, {@code DECLINED}) as PARTNERS.md maps them: {@code complete(ref, "NOT_FOUND")}
   * declines a Meta request with {@code CONTENT_NOT_FOUND}. A preservation keeps the data for 90
   * days from now. The change is announced by callback; deciding a request the same way again
   * changes nothing.
   *
   * @return the request as it is now
   * @throws IllegalArgumentException when the partner has no such outcome
   * @throws NoSuchElementException when no request has {@code reference}
   * @throws IllegalStateException when the request was decided otherwise already
   */
  public SandboxRequest complete(String reference, String outcome) {
    return lifecycle.complete(reference, outcome, true).request();
  }

  /**
   * Declines the request for {@code reference} for {@code reason}: Meta {@code DECLINED} with
   * {@code CONTENT_NOT_FOUND}, {@code NO_VIOLATION_FOUND} or {@code INSUFFICIENT_LEGAL_BASIS};
   * TikTok {@code REJECTED} with {@code NOT_FOUND} or {@code NO_VIOLATION}; Google {@code RESOLVED}
   * with {@code NOT_FOUND} or {@code NO_ACTION}. The gateway's words work too.
   *
   * @return the request as it is now
   * @throws IllegalArgumentException when {@code reason} is no decline reason of the partner
   * @throws NoSuchElementException when no request has {@code reference}
   * @throws IllegalStateException when the request was decided otherwise already
   */
  public SandboxRequest decline(String reference, String reason) {
    return lifecycle.decline(reference, reason, true).request();
  }

  /**
   * Completes the request for {@code reference} with the partner's preservation outcome, the data
   * preserved for 90 days from now, and announces it by callback.
   *
   * @return the request as it is now
   * @throws NoSuchElementException when no request has {@code reference}
   * @throws IllegalStateException when the request was decided otherwise already
   */
  public SandboxRequest preserve(String reference) {
    return lifecycle.preserve(reference, true).request();
  }

  /**
   * Delivers the callback for the request's current state once more, as a partner redelivering
   * would: the gateway receives a duplicate. Nothing is sent when callbacks are muted or have no
   * target.
   *
   * @throws NoSuchElementException when no request has {@code reference}
   */
  public void redeliverCallback(String reference) {
    lifecycle.announceAgain(reference);
  }

  /**
   * Sends this partner's callbacks to the gateway at {@code gatewayBaseUrl} from now on, to its
   * webhook path: {@code /webhooks/meta}, {@code /webhooks/tiktok} or {@code /webhooks/google}.
   *
   * @throws IllegalArgumentException when {@code gatewayBaseUrl} is no absolute http(s) URL
   */
  public void deliverCallbacksTo(URI gatewayBaseUrl) {
    callbacks.deliverTo(gatewayBaseUrl);
  }

  /**
   * Forgets the callback target, so that changes are announced {@code off} again, as in a sandbox
   * started without one. A test that pointed a shared sandbox at its own gateway calls this (or
   * {@link #deliverCallbacksTo} with the previous target) when done, so that later changes are not
   * sent to a gateway that is gone.
   */
  public void stopDeliveringCallbacks() {
    callbacks.deliverNowhere();
  }

  /** The webhook URL this partner's callbacks go to, when {@link #deliverCallbacksTo} set one. */
  public Optional<URI> callbackUrl() {
    return callbacks.target();
  }

  /** Sends no callbacks until {@link #unmuteCallbacks()}: changes happen silently. */
  public void muteCallbacks() {
    callbacks.muteAll(true);
  }

  /** Sends callbacks again for the changes from now on. */
  public void unmuteCallbacks() {
    callbacks.muteAll(false);
  }

  /**
   * Sends no callback for the changes of the request for {@code reference}, e.g. so that the
   * gateway learns of them by polling only. Until {@link #reset()}.
   */
  public void muteCallbacks(String reference) {
    callbacks.mute(reference);
  }

  /**
   * The callbacks finished since start or {@link #reset()}, delivered or given up on, in the order
   * they finished (the latest 1000).
   */
  public List<CallbackDelivery> callbacks() {
    return callbacks.deliveries();
  }

  /** How many callbacks the gateway acknowledged with a 2xx. */
  public int callbacksDelivered() {
    return callbacks.delivered();
  }

  /** How many callbacks are being sent or wait to be sent again. */
  public int callbacksInFlight() {
    return callbacks.inFlight();
  }

  /** Preservation extension calls received since start or {@link #reset()}, however answered. */
  public int extendCalls() {
    return extendLedger.total();
  }

  /** Preservation extension calls for the request created for {@code reference}. */
  public int extendCallsFor(String reference) {
    return extendLedger.callsFor(reference);
  }

  /**
   * The admin URL of the request for {@code reference}: {@code GET} reads it, {@code POST} to
   * {@code /review}, {@code /complete}, {@code /decline} or {@code /preserve} under it moves it on.
   */
  public String adminUrl(String reference) {
    return baseUrl() + SandboxAdmin.PATH_PREFIX + reference;
  }

  /**
   * Answers the next {@code calls} create calls with {@code httpStatus} and the JSON {@code body},
   * creating nothing. Faults queue up: two calls of this method fail the sum of their calls, in
   * order.
   */
  public void failNextCreates(int calls, int httpStatus, String body) {
    failNextCreates(calls, httpStatus, body, Map.of());
  }

  /** As {@link #failNextCreates(int, int, String)}, with response headers (e.g. Retry-After). */
  public void failNextCreates(int calls, int httpStatus, String body, Map<String, String> headers) {
    faults.failNext(calls, JsonResponse.of(httpStatus, body, headers));
  }

  /**
   * Answers the first create call whose body contains {@code mention} (a content URL, as the
   * gateway sends it) with {@code httpStatus} and the JSON {@code body}, creating nothing. Other
   * create calls are not affected, so a test can fail its own request while the gateway sends
   * others. Checked before the faults of {@link #failNextCreates(int, int, String)}.
   */
  public void failNextCreateMentioning(String mention, int httpStatus, String body) {
    faults.failNextMentioning(mention, JsonResponse.of(httpStatus, body, Map.of()));
  }

  /**
   * Processes the next {@code calls} create calls as usual but resets the connection instead of
   * answering: the partner-side request exists, the gateway does not know it.
   */
  public void loseNextCreateResponses(int calls) {
    faults.loseNext(calls);
  }

  /**
   * Forgets every request, count, pending fault, finished callback and per-request mute, abandons
   * callbacks in flight, and removes the stubs tests added, keeping the simulator's own. Tokens
   * issued stay valid, so a client's cached token keeps working; the callback target and a mute of
   * all callbacks stay too.
   */
  public void reset() {
    faults.clear();
    callbacks.clear();
    for (StubMapping stub : server.listAllStubMappings().getMappings()) {
      if (!simulatorStubs.contains(stub.getId())) {
        server.removeStubMapping(stub);
      }
    }
    server.resetScenarios();
    server.resetRequests();
    store.clear();
    ledger.clear();
    extendLedger.clear();
  }

  final void start() {
    try {
      server.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot start the " + partner + " sandbox on " + bindAddress + ":" + requestedPort, e);
    }
    List<MappingBuilder> stubs = new ArrayList<>(stubs());
    stubs.add(routedTo(any(urlPathMatching(SandboxAdmin.PATH_PATTERN)), ADMIN));
    stubs.add(routedTo(get(urlPathEqualTo(STATS_PATH)), STATS));
    for (MappingBuilder stub : stubs) {
      simulatorStubs.add(server.stubFor(stub.atPriority(SIMULATOR_PRIORITY)).getId());
    }
    started();
  }

  /** Stops the server, pending auto-completions and callback redeliveries. */
  final void stop() {
    scheduler.shutdownNow();
    if (server.isRunning()) {
      server.stop();
    }
  }

  /** The simulator's stubs, each answered by an endpoint (see {@link #routedTo}). */
  abstract List<MappingBuilder> stubs();

  /** The endpoint a stub named. */
  abstract Endpoint endpoint(String name);

  /** The path of the create endpoint, called with POST. */
  abstract String createPath();

  /** Whether a call is a create call, whichever stub answers it. */
  final boolean isCreateCall(Request request) {
    return request.getMethod().equals(RequestMethod.POST)
        && EndpointTransformer.path(request.getUrl()).equals(createPath());
  }

  /** The gateway reference a create call carries, {@code null} when it carries none. */
  abstract String referenceOf(Request request);

  /** Whether a call is a preservation extension call, whichever stub answers it. */
  boolean isExtendCall(Request request) {
    return extendedIdOf(request) != null;
  }

  /** The first group of {@code path} in a POST's path; {@code null} for another call. */
  static String postPathGroup(Request request, Pattern path) {
    if (!request.getMethod().equals(RequestMethod.POST)) {
      return null;
    }
    Matcher matcher = path.matcher(EndpointTransformer.path(request.getUrl()));
    return matcher.matches() ? matcher.group(1) : null;
  }

  /** The partner id an extension call names, {@code null} when it names none. */
  abstract String extendedIdOf(Request request);

  /** The lifecycle the partner's endpoints extend preservations through. */
  final RequestLifecycle lifecycle() {
    return lifecycle;
  }

  /** Runs once the server listens and the stubs are in place. */
  void started() {}

  /** {@code request} answered by the endpoint {@code endpoint}. */
  static MappingBuilder routedTo(MappingBuilder request, String endpoint) {
    return request.willReturn(
        aResponse()
            .withTransformers(EndpointTransformer.NAME)
            .withTransformerParameter(EndpointTransformer.PARAMETER, endpoint));
  }

  static String propertyKey(String partner, String key) {
    return "gateway.partners." + partner + "." + key;
  }

  private Endpoint route(String name) {
    if (ADMIN.equals(name)) {
      return admin;
    }
    if (STATS.equals(name)) {
      return request ->
          JsonResponse.of(200, Map.of("createCalls", createCalls(), "requests", requestCount()));
    }
    Endpoint endpoint = endpoint(name);
    return CREATE.equals(name) ? request -> createWithFaults(request, endpoint) : endpoint;
  }

  private void created(SandboxRequest request) {
    if (autoCompletion != null) {
      autoCompletion.schedule(request);
    }
  }

  private String extendedReferenceOf(Request request) {
    String id = extendedIdOf(request);
    return id == null ? null : store.byId(id).map(SandboxRequest::reference).orElse(null);
  }

  private static ThreadFactory daemonThreads(String partner) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread =
          new Thread(task, "partner-sandbox-" + partner + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private ResponseDefinition createWithFaults(Request request, Endpoint create) {
    CreateFaults.CreateFault fault = faults.next(request.getBodyAsString()).orElse(null);
    if (fault instanceof CreateFaults.Failure failure) {
      return failure.response();
    }
    if (fault instanceof CreateFaults.LostResponse) {
      try {
        create.respond(request);
      } catch (PartnerRefusal refusal) {
        // The refusal is lost with the connection, like any other answer.
      }
      return ResponseDefinitionBuilder.responseDefinition()
          .withFault(Fault.CONNECTION_RESET_BY_PEER)
          .build();
    }
    return create.respond(request);
  }
}
