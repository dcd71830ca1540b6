package org.takedown.gateway.testing.browser;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the browser showed when a test failed, saved as {@code <failures>/<TestClass>/<test>.png} (a
 * screenshot), {@code .html} (the page source as the browser holds it, scripts' changes included)
 * and {@code .txt} (the URL, the failure, the browser console's lines).
 */
final class FailureRecord {

  private FailureRecord() {}

  /**
   * Saves the three files and answers their paths; a part the browser cannot give (it crashed) is
   * left out rather than hiding the test's own failure.
   */
  static List<Path> save(
      Browser browser, Path failures, String testClass, String test, Throwable failure) {
    Path folder = failures.resolve(safe(testClass));
    String name = safe(test);
    List<Path> saved = new ArrayList<>();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      failure.addSuppressed(e);
      return saved;
    }
    write(folder.resolve(name + ".txt"), describe(browser, failure), saved, failure);
    try {
      write(folder.resolve(name + ".png"), screenshot(browser.session().driver()), saved, failure);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
    try {
      String html = browser.driver().getPageSource();
      write(folder.resolve(name + ".html"), html.getBytes(StandardCharsets.UTF_8), saved, failure);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
    return saved;
  }

  /**
   * The whole page, not only the window: a list the failure is about may run below the fold.
   * Through Chromium's DevTools command; the window alone if that fails.
   */
  static byte[] screenshot(ChromeDriver chrome) {
    try {
      Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
      @SuppressWarnings("unchecked")
      Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
      double width = ((Number) content.get("width")).doubleValue();
      double height = Math.min(((Number) content.get("height")).doubleValue(), 16_000);
      Map<String, Object> shot =
          chrome.executeCdpCommand(
              "Page.captureScreenshot",
              Map.of(
                  "format",
                  "png",
                  "captureBeyondViewport",
                  true,
                  "clip",
                  Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
      return Base64.getDecoder().decode((String) shot.get("data"));
    } catch (RuntimeException e) {
      return chrome.getScreenshotAs(OutputType.BYTES);
    }
  }

  private static byte[] describe(Browser browser, Throwable failure) {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.println("page: " + browser.where());
    out.println();
    out.println("browser console:");
    browser.consoleLines().forEach(line -> out.println("  " + line));
    out.println();
    out.println(failure);
    // the test's own frames; the report of the test run has the whole trace
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getClassName().startsWith("org.takedown.")) {
        out.println("\tat " + frame);
      }
    }
    out.flush();
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Path file, byte[] content, List<Path> saved, Throwable failure) {
    try {
      Files.write(file, content);
      saved.add(file);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** A file name from a test's name: letters, digits, dot, dash and underscore only. */
  static String safe(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9._-]+", "_");
    return cleaned.length() > 120 ? cleaned.substring(0, 120) : cleaned;
  }
}
