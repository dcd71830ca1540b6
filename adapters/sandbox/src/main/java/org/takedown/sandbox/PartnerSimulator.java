package org.takedown.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One simulated partner, served by its own {@link WireMockServer}. The simulator's stubs compute
 * their answers from an in-memory store, so the partner deduplicates, remembers tokens and answers
 * status reads like the profile in PARTNERS.md says.
 *
 * <p>Tests observe it through the create-call counters and {@link #request(String)}, and inject
 * faults with {@link #failNextCreates} and {@link #loseNextCreateResponses}, or with their own
 * stubs on {@link #wireMock()}: the simulator's stubs have priority 10, so any stub a test adds
 * (default priority 5, or {@code atPriority(1)}) wins, and its calls still count.
 */
public abstract sealed class PartnerSimulator
    permits MetaSimulator, TikTokSimulator, GoogleSimulator {

  static final String CREATE = "create";
  private static final int SIMULATOR_PRIORITY = 10;

  private final String partner;
  private final String bindAddress;
  private final int requestedPort;
  private final String advertisedHost;
  private final WireMockServer server;
  private final Set<UUID> simulatorStubs = ConcurrentHashMap.newKeySet();
  private final CreateCallLedger ledger = new CreateCallLedger();
  private final CreateFaults faults = new CreateFaults();
  final RequestStore store = new RequestStore();
  final Clock clock;

  PartnerSimulator(String partner, int port, SandboxOptions options) {
    this.partner = partner;
    this.bindAddress = options.bindAddress();
    this.requestedPort = port;
    this.advertisedHost = options.advertisedHost();
    this.clock = options.clock();
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
                new CreateCallListener(this::isCreateCall, this::referenceOf, ledger));
    options.requestJournalLimit().ifPresent(config::maxRequestJournalEntries);
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
   * Processes the next {@code calls} create calls as usual but resets the connection instead of
   * answering: the partner-side request exists, the gateway does not know it.
   */
  public void loseNextCreateResponses(int calls) {
    faults.loseNext(calls);
  }

  /**
   * Forgets every request, count and pending fault, and removes the stubs tests added, keeping the
   * simulator's own. Tokens issued stay valid, so a client's cached token keeps working.
   */
  public void reset() {
    faults.clear();
    for (StubMapping stub : server.listAllStubMappings().getMappings()) {
      if (!simulatorStubs.contains(stub.getId())) {
        server.removeStubMapping(stub);
      }
    }
    server.resetScenarios();
    server.resetRequests();
    store.clear();
    ledger.clear();
  }

  final void start() {
    try {
      server.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot start the " + partner + " sandbox on " + bindAddress + ":" + requestedPort, e);
    }
    for (MappingBuilder stub : stubs()) {
      simulatorStubs.add(server.stubFor(stub.atPriority(SIMULATOR_PRIORITY)).getId());
    }
    started();
  }

  final void stop() {
    if (server.isRunning()) {
      server.stop();
    }
  }

  /** The simulator's stubs, each answered by an endpoint (see {@link #routedTo}). */
  abstract List<MappingBuilder> stubs();

  /** The endpoint a stub named. */
  abstract Endpoint endpoint(String name);

  /** Whether a call is a create call, whichever stub answers it. */
  abstract boolean isCreateCall(Request request);

  /** The gateway reference a create call carries, {@code null} when it carries none. */
  abstract String referenceOf(Request request);

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
    Endpoint endpoint = endpoint(name);
    return CREATE.equals(name) ? request -> createWithFaults(request, endpoint) : endpoint;
  }

  private ResponseDefinition createWithFaults(Request request, Endpoint create) {
    CreateFaults.CreateFault fault = faults.next().orElse(null);
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
