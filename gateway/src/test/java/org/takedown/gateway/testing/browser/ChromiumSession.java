package org.takedown.gateway.testing.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium and its ChromeDriver, started from the installed binaries (never
 * downloaded: giving Selenium the driver's path keeps Selenium Manager out), with a fresh profile
 * folder. {@link #close()} leaves no process behind: it quits the browser, stops the driver, then
 * kills whatever of either is still alive and deletes the profile.
 */
final class ChromiumSession implements AutoCloseable {

  /** STACK.md's flags; without the networking ones Chromium calls Google at every start. */
  static final List<String> FLAGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-quic",
          "--window-size=1280,1024");

  private static final Set<ChromiumSession> OPEN = ConcurrentHashMap.newKeySet();

  /**
   * Selenium warns when none of its DevTools bindings matches the installed Chromium. These tests
   * use only ChromeDriver's own DevTools command (executeCdpCommand), which needs no binding, so
   * the warning is noise in every report. Held here so the setting is not collected.
   */
  private static final Logger CDP_VERSION_FINDER =
      Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    // a JVM stopped mid-class (Ctrl-C, surefire's timeout) still takes its browsers with it
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> List.copyOf(OPEN).forEach(ChromiumSession::closeQuietly)));
  }

  private final Path profile;
  private final ChromeDriverService service;
  private final ProcessHandle driverProcess;
  private final ChromeDriver driver;

  private ChromiumSession(
      Path profile, ChromeDriverService service, ProcessHandle driverProcess, ChromeDriver driver) {
    this.profile = profile;
    this.service = service;
    this.driverProcess = driverProcess;
    this.driver = driver;
  }

  /**
   * Starts Chromium, or fails with what to install when it or its driver is missing: a browser test
   * without a browser fails rather than passing or being skipped unseen.
   */
  static ChromiumSession start(BrowserSettings settings) {
    requireInstalled(settings);
    Path profile;
    try {
      profile = Files.createTempDirectory("takedown-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Chromium profile folder", e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(settings.chromedriver().toFile())
            .usingAnyFreePort()
            .build();
    ProcessHandle driverProcess = null;
    try {
      service.start();
      driverProcess = driverProcessOf(service);
      ChromeOptions options = new ChromeOptions();
      options.setBinary(settings.chromium().toFile());
      options.addArguments(FLAGS);
      options.addArguments("--user-data-dir=" + profile);
      // the page's console messages, for the record of a failing test
      options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
      ChromeDriver driver = new ChromeDriver(service, options);
      ChromiumSession session = new ChromiumSession(profile, service, driverProcess, driver);
      OPEN.add(session);
      return session;
    } catch (IOException | RuntimeException e) {
      List<ProcessHandle> started =
          new ArrayList<>(driverProcess == null ? List.of() : treeOf(driverProcess));
      started.addAll(processesNaming(profile));
      try {
        service.stop();
      } catch (RuntimeException stop) {
        e.addSuppressed(stop);
      }
      kill(started);
      deleteQuietly(profile);
      throw new IllegalStateException(
          "Chromium ("
              + settings.chromium()
              + ") did not start under ChromeDriver ("
              + settings.chromedriver()
              + "); both must come from the same Chromium version",
          e);
    }
  }

  private static void requireInstalled(BrowserSettings settings) {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(settings.chromium())) {
      missing.add("Chromium at " + settings.chromium());
    }
    if (!Files.isExecutable(settings.chromedriver())) {
      missing.add("ChromeDriver at " + settings.chromedriver());
    }
    if (!missing.isEmpty()) {
      throw new BrowserMissing(
          "Browser tests need headless Chromium, and there is no "
              + String.join(" and no ", missing)
              + ". On Debian: apt-get install -y chromium chromium-driver (.ci/run does it)."
              + " Elsewhere, point -D"
              + BrowserSettings.CHROMIUM
              + " and -D"
              + BrowserSettings.CHROMEDRIVER
              + " at a Chromium and the ChromeDriver of its version."
              + " To build without browser tests, leave them out on purpose:"
              + " mvn verify -DexcludedGroups=browser");
    }
  }

  /** ChromeDriver is a child of this JVM, started with the service's port. */
  private static ProcessHandle driverProcessOf(ChromeDriverService service) {
    String port = "--port=" + service.getUrl().getPort();
    return ProcessHandle.current()
        .children()
        .filter(p -> p.info().commandLine().map(c -> c.contains(port)).orElse(false))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "ChromeDriver started, but no child process has " + port));
  }

  ChromeDriver driver() {
    return driver;
  }

  Path profile() {
    return profile;
  }

  /**
   * The processes of this session still alive: ChromeDriver, everything it started, and any process
   * that names this session's profile folder (a browser process that outlived its parent).
   */
  List<ProcessHandle> liveProcesses() {
    Set<ProcessHandle> processes = new LinkedHashSet<>(treeOf(driverProcess));
    processes.addAll(processesNaming(profile));
    return processes.stream().filter(ProcessHandle::isAlive).toList();
  }

  @Override
  public void close() {
    if (!OPEN.remove(this)) {
      return;
    }
    List<ProcessHandle> seen = liveProcesses();
    RuntimeException failure = null;
    try {
      driver.quit();
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      service.stop();
    } catch (RuntimeException e) {
      failure = addTo(failure, e);
    }
    Set<ProcessHandle> remaining = new LinkedHashSet<>(seen);
    remaining.addAll(liveProcesses());
    List<ProcessHandle> survivors = kill(remaining);
    deleteQuietly(profile);
    if (!survivors.isEmpty()) {
      failure =
          addTo(
              failure,
              new IllegalStateException(
                  "browser processes outlived their test class and a kill: "
                      + survivors.stream()
                          .map(p -> p.pid() + " " + p.info().command().orElse("?"))
                          .collect(Collectors.joining(", "))));
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      // the JVM is going away; nothing is left to tell
    }
  }

  private static RuntimeException addTo(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private static List<ProcessHandle> treeOf(ProcessHandle root) {
    return Stream.concat(Stream.of(root), root.descendants()).toList();
  }

  private static List<ProcessHandle> processesNaming(Path profile) {
    String folder = profile.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(folder)).orElse(false))
        .toList();
  }

  /** Kills each process still alive and waits for it (bounded); answers those that survive. */
  private static List<ProcessHandle> kill(java.util.Collection<ProcessHandle> processes) {
    processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    List<ProcessHandle> survivors = new ArrayList<>();
    for (ProcessHandle process : processes) {
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        survivors.add(process);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        survivors.add(process);
      }
    }
    return survivors;
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder; the system cleans it eventually
    }
  }

  /** Chromium or ChromeDriver is not installed where the settings say. */
  static final class BrowserMissing extends IllegalStateException {
    BrowserMissing(String message) {
      super(message);
    }
  }
}
