package org.takedown.adapters.meta;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Graph stand-in ({@link GraphStub}) and its adapter for a whole test class, registered as
 * {@code @RegisterExtension static final SharedGraphStub graph = new SharedGraphStub();}. Each test
 * fails if it made a request that no stub matched, and leaves no stub to the next; starting a
 * context per test would cost seconds each.
 */
final class SharedGraphStub implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

  private final Map<String, Object> properties;
  private GraphStub graph;

  SharedGraphStub() {
    this(Map.of());
  }

  /** With {@code properties} over the stand-in's own. */
  SharedGraphStub(Map<String, Object> properties) {
    this.properties = properties;
  }

  @Override
  public void beforeAll(ExtensionContext extension) {
    graph = GraphStub.start(properties);
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    graph.close();
  }

  @Override
  public void afterEach(ExtensionContext extension) {
    try {
      graph.assertNoUnmatchedRequests();
    } finally {
      graph.reset();
    }
  }

  MetaAdapter adapter() {
    return graph.adapter();
  }

  /** The stand-in's WireMock server, to stub and to verify. */
  WireMockServer wm() {
    return graph.wm;
  }

  /** Forgets every stub and every request seen. */
  void reset() {
    graph.reset();
  }
}
