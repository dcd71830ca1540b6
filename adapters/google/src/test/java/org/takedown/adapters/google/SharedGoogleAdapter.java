package org.takedown.adapters.google;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Google stand-in ({@link GoogleFixture}) and one adapter talking to it for a whole test class,
 * registered as {@code @RegisterExtension static final SharedGoogleAdapter google = new
 * SharedGoogleAdapter();}. Each test starts with the token grant as its only stub and fails if it
 * made a request that no stub matched; starting a context per test would cost seconds each.
 */
final class SharedGoogleAdapter
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private Path dir;
  private GoogleFixture fixture;
  private ApplicationContext context;

  @Override
  public void beforeAll(ExtensionContext extension) throws IOException {
    dir = Files.createTempDirectory("google-fixture");
    fixture = GoogleFixture.start(dir);
    context = fixture.context();
  }

  @Override
  public void afterAll(ExtensionContext extension) throws IOException {
    try {
      context.close();
      fixture.close();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext extension) {
    fixture.wm.resetAll();
    fixture.stubToken(GoogleFixture.TOKEN);
  }

  @Override
  public void afterEach(ExtensionContext extension) {
    fixture.assertNoUnmatchedRequests();
  }

  /** The adapter of the class's context. */
  GoogleAdapter adapter() {
    return context.getBean(GoogleAdapter.class);
  }

  /** The stand-in's WireMock server, to stub and to verify. */
  WireMockServer wm() {
    return fixture.wm;
  }

  /** Another context on the same stand-in, with {@code overrides}; the caller closes it. */
  ApplicationContext context(Map<String, Object> overrides) {
    return fixture.context(overrides);
  }
}
