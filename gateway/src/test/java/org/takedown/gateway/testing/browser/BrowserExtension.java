package org.takedown.gateway.testing.browser;

import io.micronaut.runtime.server.EmbeddedServer;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstances;

/**
 * The JUnit side of {@link BrowserTest}: starts one {@link ChromiumSession} per test class and
 * keeps it in the class's store, which JUnit closes when the class ends, passed or failed; resolves
 * {@link Browser} parameters; saves a {@link FailureRecord} for every failure of a test or of its
 * set-up and tear-down methods, and names the files in the failure's report; resets the browser
 * between tests.
 */
public final class BrowserExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterTestExecutionCallback,
        AfterEachCallback,
        ParameterResolver,
        LifecycleMethodExecutionExceptionHandler {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(BrowserExtension.class);
  private static final String SESSION = "session";
  private static final String BROWSER = "browser";
  private static final String SETTINGS = "settings";

  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    if (store.get(BROWSER) != null) {
      return; // a @Nested class uses its outer class's browser
    }
    BrowserSettings settings =
        BrowserSettings.from(key -> context.getConfigurationParameter(key).orElse(null));
    ChromiumSession session = ChromiumSession.start(settings);
    store.put(SESSION, session); // AutoCloseable: closed by JUnit at the end of the class
    store.put(SETTINGS, settings);
    Browser browser = new Browser(session, settings.patience());
    store.put(BROWSER, browser);
    context.getTestInstances().ifPresent(instances -> findServerIn(browser, instances));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    findServerIn(browser(context), context.getRequiredTestInstances());
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    context.getExecutionException().ifPresent(failure -> record(context, "", failure));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    browser(context).reset();
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    record(context, "beforeAll", failure);
    throw failure;
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    record(context, "-beforeEach", failure);
    throw failure;
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    record(context, "-afterEach", failure);
    throw failure;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Browser.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return browser(context);
  }

  private static Browser browser(ExtensionContext context) {
    Browser browser = context.getStore(NAMESPACE).get(BROWSER, Browser.class);
    if (browser == null) {
      throw new IllegalStateException("no browser: the class's browser did not start");
    }
    return browser;
  }

  private static void record(ExtensionContext context, String phase, Throwable failure) {
    Browser browser = context.getStore(NAMESPACE).get(BROWSER, Browser.class);
    BrowserSettings settings = context.getStore(NAMESPACE).get(SETTINGS, BrowserSettings.class);
    if (browser == null || settings == null) {
      return; // the browser never started: there is nothing to show
    }
    Class<?> testClass = context.getRequiredTestClass();
    String className =
        testClass.getName().substring(testClass.getPackageName().length() + 1).replace('$', '.');
    List<Path> saved =
        FailureRecord.save(
            browser, settings.failures(), className, testName(context) + phase, failure);
    if (!saved.isEmpty()) {
      String where = "browser record of this failure: " + saved;
      failure.addSuppressed(new BrowserRecordSaved(where));
      System.err.println(className + "." + testName(context) + phase + ": " + where);
    }
  }

  /** The method's name, with the display name of a parameterized or repeated invocation. */
  private static String testName(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(
            method ->
                context.getUniqueId().contains("[test-template-invocation:")
                    ? method.getName() + "-" + context.getDisplayName()
                    : method.getName())
        .orElse("");
  }

  /** The URL of the first non-null {@code EmbeddedServer} field of the test instances, if any. */
  private static void findServerIn(Browser browser, TestInstances instances) {
    List<Object> all = instances.getAllInstances();
    browser.serverBase(
        () -> {
          for (int i = all.size() - 1; i >= 0; i--) {
            Optional<EmbeddedServer> server = serverField(all.get(i));
            if (server.isPresent()) {
              return URI.create(server.get().getURL().toString());
            }
          }
          return null;
        });
  }

  private static Optional<EmbeddedServer> serverField(Object instance) {
    for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (EmbeddedServer.class.isAssignableFrom(field.getType())) {
          try {
            field.setAccessible(true);
            Object value = field.get(instance);
            if (value != null) {
              return Optional.of((EmbeddedServer) value);
            }
          } catch (IllegalAccessException | RuntimeException e) {
            // not readable: look further
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Added to a failure's report: where its screenshot, page source and console were saved. */
  static final class BrowserRecordSaved extends RuntimeException {
    BrowserRecordSaved(String message) {
      super(message, null, false, false);
    }
  }
}
