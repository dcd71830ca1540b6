package org.takedown.gateway.localrun.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.takedown.gateway.testing.Cases;
import org.takedown.gateway.testing.browser.Browser;
import org.takedown.gateway.testing.browser.BrowserTest;

/**
 * The README's pictures of the console: a local run as a newcomer's looks after a morning's work
 * (four cases across the three partners; one TERRORISM request overdue, one request FAILED at Meta,
 * one preservation kept, others in review or waiting), signed in as the development officer, each
 * main page photographed whole, 1280 px wide, into {@code docs/console/}. A tool more than a test,
 * so it runs only when asked (a build would spend half a minute on pictures nobody looks at; the
 * journeys check the same pages):
 *
 * <pre>
 * mvn -B -ntp -q -pl gateway/local -am verify -Dtest=ConsoleScreenshotsIT \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dconsole.screenshots.update=true
 * </pre>
 *
 * <p>A new page gets its picture with one line in {@link #pages}, then a line in the README.
 *
 * <p>Nothing is faked in the run: the TERRORISM deadline is set to a few seconds on the command
 * line ({@code gateway.deadlines.terrorism}), so that its request is overdue by the time the
 * pictures are taken, and the FAILED request is Meta's answer to one post (a stub added to Meta's
 * sandbox through WireMock's admin API: error 100, invalid parameter, which is permanent).
 */
@BrowserTest
@EnabledIfSystemProperty(
    named = "console.screenshots.update",
    matches = "true",
    disabledReason = "pictures for the README: -Dconsole.screenshots.update=true takes them")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleScreenshotsIT {

  /** The width of the README's pictures: the browser's window ({@code --window-size=1280,...}). */
  static final int WIDTH = 1280;

  /** One picture: its file name under docs/console (without .png) and the page's address. */
  record Shot(String name, String path) {}

  /**
   * The pages the README shows, one line each; {@code seeded} names the local run's cases and
   * requests (add one there when a page needs data of its own).
   */
  static List<Shot> pages(Seeded seeded) {
    return List.of(
        new Shot("work-queue", "/console"),
        new Shot("requests", "/console/requests"),
        new Shot("request", "/console/requests/" + seeded.preservation()),
        new Shot("case", "/console/cases/" + seeded.sextortionCase()),
        new Shot("dead-letter", "/console/dead-letter"),
        new Shot("preservations", "/console/preservations"),
        new Shot("partners", "/console/partners"),
        // this year by partner, then its annual report (the year of the run: the morning's cases)
        new Shot("statistics", "/console/statistics"),
        new Shot("statistics-report", "/console/statistics/report"));
  }

  LocalRun run;
  Seeded seeded;

  @BeforeAll
  void seedALocalRun(Browser browser) {
    // overdue once the pictures are taken (TERRORISM's deadline is 1 hour otherwise): its case is
    // submitted first, so it is late by the time the others take
    run = LocalRun.start("gateway.deadlines.terrorism=2s");
    browser.useBase(run.gateway());
    seeded = Seeded.into(run);
  }

  @AfterAll
  void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void picturesEachMainPageOfARealisticLocalRun(Browser browser) {
    List<Path> written = new ArrayList<>();
    browser.open(WorkQueuePage.PATH);
    IdentityPickerPage picker = new IdentityPickerPage(browser);
    written.add(save("sign-in", browser));
    // an admin sees every page (the dead letter is theirs) and every action a page offers
    WorkQueuePage queue = picker.signInAsAdmin();
    queue.awaitDueState(seeded.terrorism(), "overdue");
    queue.awaitStatus(seeded.terrorism(), "IN_REVIEW");
    // the partners' board counts from a snapshot: one read after the seeding, so that it agrees
    queue.awaitFreshCounts();

    for (Shot shot : pages(seeded)) {
      browser.open(shot.path());
      browser.visible(By.cssSelector("main h1"));
      // the statistics page's charts are drawn by its script once the page is shown
      browser.waitUntil(
          driver ->
              Boolean.TRUE.equals(
                  browser.script(
                      "return Array.from(document.querySelectorAll('figure[data-chart]'))"
                          + ".every(function (f) { return !f.querySelector('canvas')"
                          + " || f.hasAttribute('data-chart-drawn'); });")),
          "every chart drawn");
      assertTrue(
          browser.driver().findElements(By.cssSelector("[data-testid=error-page]")).isEmpty(),
          shot + " shows an error page: " + browser.where());
      written.add(save(shot.name(), browser));
    }
    for (Path png : written) {
      assertEquals(WIDTH, widthOf(png), png + " is " + WIDTH + " px wide");
    }
  }

  /** Writes the page shown as {@code docs/console/<name>.png}. */
  private static Path save(String name, Browser browser) {
    Path folder = Path.of(System.getProperty("console.screenshots.docs", "../../docs/console"));
    try {
      Files.createDirectories(folder);
      return Files.write(folder.resolve(name + ".png"), browser.screenshotOfWholePage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int widthOf(Path png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
      return image.getWidth();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cases of the pictures, submitted and decided as the README's walk-through does. */
  record Seeded(String sextortionCase, String preservation, String terrorism, String failed) {

    static Seeded into(LocalRun run) {
      // Meta refuses one post for good (error 100: invalid parameter): that request ends FAILED
      run.stub(
          "meta",
          """
          {"priority": 1,
           "request": {"method": "POST", "urlPathPattern": "/v21.0/[0-9]+/legal_requests",
                       "bodyPatterns": [{"contains": "1122334455667788"}]},
           "response": {"status": 400, "headers": {"Content-Type": "application/json"},
                        "jsonBody": {"error": {"message": "Invalid parameter",
                          "type": "OAuthException", "code": 100, "error_subcode": 1487851,
                          "is_transient": false, "fbtrace_id": "AqZ3u5Kp2Lm"}}}}
          """);

      String terrorismCase =
          run.submit(
              caseOf(
                  "EIB-2026-004230",
                  "TERRORISM",
                  "URGENT",
                  "Loi 03-03",
                  "art. 218-2",
                  "PR-RABAT-2026-0627",
                  true,
                  Cases.item("https://www.facebook.com/watch/?v=1029384756102938", "TAKEDOWN")));
      String sextortion =
          run.submit(
              caseOf(
                  "EIB-2026-004211",
                  "SEXTORTION",
                  "URGENT",
                  "Loi 103-13",
                  "art. 447-1",
                  "PR-RABAT-2026-0611",
                  true,
                  Cases.item(
                      "https://www.tiktok.com/@rania.invest/video/7441236650019876543",
                      "TAKEDOWN",
                      "PRESERVATION"),
                  Cases.item("https://www.instagram.com/reel/DAx7Qm2NpLw/", "TAKEDOWN"),
                  Cases.item("https://www.youtube.com/watch?v=Xq3LmT9aB0c", "TAKEDOWN")));
      String fraud =
          run.submit(
              caseOf(
                  "EIB-2026-004187",
                  "FRAUD",
                  "ROUTINE",
                  "Code pénal",
                  "art. 540",
                  "PR-CASA-2026-1894",
                  true,
                  Cases.item(
                      "https://www.facebook.com/groups/bourse.rapide/posts/1122334455667788",
                      "TAKEDOWN"),
                  Cases.item(
                      "https://www.tiktok.com/@bourse.rapide/video/7441555512345678901",
                      "TAKEDOWN")));
      String harassment =
          run.submit(
              caseOf(
                  "EIB-2026-004245",
                  "HARASSMENT",
                  "ROUTINE",
                  "Loi 103-13",
                  "art. 503-1-1",
                  "PR-FES-2026-0342",
                  false,
                  Cases.item("https://www.instagram.com/p/DBc4Lm9xYz1/", "TAKEDOWN"),
                  Cases.item("https://www.youtube.com/shorts/Hk2Lp9QwXyZ", "TAKEDOWN")));

      Map<String, String> first = run.requestIds(sextortion);
      Map<String, String> second = run.requestIds(terrorismCase);
      Map<String, String> third = run.requestIds(fraud);
      Map<String, String> fourth = run.requestIds(harassment);
      for (Map<String, String> ids : List.of(first, second, third, fourth)) {
        ids.forEach(
            (kind, id) ->
                run.awaitStatus(
                    id, id.equals(third.get("META/TAKEDOWN")) ? "FAILED" : "SUBMITTED"));
      }
      // the partners' reviewers at work, as the README's walk-through has them
      run.decide("tiktok", first.get("TIKTOK/TAKEDOWN"), "complete", "{\"outcome\":\"REMOVED\"}");
      run.decide("tiktok", first.get("TIKTOK/PRESERVATION"), "preserve", "");
      run.decide("meta", first.get("META/TAKEDOWN"), "review", "");
      run.decide("meta", second.get("META/TAKEDOWN"), "review", "");
      run.decide("meta", fourth.get("META/TAKEDOWN"), "complete", "{\"outcome\":\"RESTRICTED\"}");
      run.awaitStatus(first.get("TIKTOK/TAKEDOWN"), "COMPLETED");
      run.awaitStatus(first.get("TIKTOK/PRESERVATION"), "COMPLETED");
      run.awaitStatus(first.get("META/TAKEDOWN"), "IN_REVIEW");
      run.awaitStatus(second.get("META/TAKEDOWN"), "IN_REVIEW");
      run.awaitStatus(fourth.get("META/TAKEDOWN"), "COMPLETED");
      return new Seeded(
          sextortion,
          first.get("TIKTOK/PRESERVATION"),
          second.get("META/TAKEDOWN"),
          third.get("META/TAKEDOWN"));
    }

    @SafeVarargs
    private static Map<String, Object> caseOf(
        String externalRef,
        String category,
        String priority,
        String law,
        String article,
        String authorizationRef,
        boolean nonDisclosure,
        Map<String, Object>... items) {
      Map<String, Object> body = Cases.sample(externalRef);
      body.put("category", category);
      body.put("priority", priority);
      body.put(
          "legalBasis",
          Map.of("law", law, "article", article, "authorizationRef", authorizationRef));
      body.put(
          "requestedBy",
          Map.of(
              "name", "Cdt. A. Benali",
              "email", "liaison@bnpj.example",
              "unit", "BNPJ / Brigade technique"));
      body.put("nonDisclosure", nonDisclosure);
      body.put("items", new ArrayList<>(List.of(items)));
      return body;
    }
  }
}
