package org.takedown.gateway.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import io.micronaut.runtime.Micronaut;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.takedown.gateway.testing.JsonLogCapture;
import org.takedown.platform.Platform;

/**
 * The production logback configuration: JSON lines by default, text when {@code
 * GATEWAY_LOG_FORMAT=text}, the log context and a line's fields at the top level of a JSON line.
 */
class LogFormatTest {

  private static final Logger LOG = LoggerFactory.getLogger(LogFormatTest.class);

  @Test
  void writesJsonLinesUnlessTextIsAsked() {
    assertInstanceOf(LogstashEncoder.class, JsonLogCapture.productionAppender("json").getEncoder());
    assertInstanceOf(
        PatternLayoutEncoder.class, JsonLogCapture.productionAppender("text").getEncoder());
  }

  @Test
  void jsonIsTheDefault() {
    assumeTrue(System.getenv("GATEWAY_LOG_FORMAT") == null, "the environment chooses a format");
    String property = System.clearProperty("GATEWAY_LOG_FORMAT");
    try {
      assertInstanceOf(LogstashEncoder.class, JsonLogCapture.productionAppender(null).getEncoder());
    } finally {
      if (property != null) {
        System.setProperty("GATEWAY_LOG_FORMAT", property);
      }
    }
  }

  @Test
  void micronautPrintsNoBannerAmongTheLines() {
    // the gateway's main builds its context with Micronaut.build, as here
    assertFalse(Micronaut.build(new String[0]).isBannerEnabled());
  }

  @Test
  void logbackHasNothingToSayOfItsOwnAboutEitherFormat() {
    // logback prints its status lines to stdout, in plain text, as soon as one is a warning
    for (String format : List.of("json", "text")) {
      LoggerContext context = JsonLogCapture.productionContext(format);
      List<Status> status = context.getStatusManager().getCopyOfStatusList();
      assertTrue(
          status.stream().allMatch(s -> s.getEffectiveLevel() == Status.INFO),
          format + ": " + status);
    }
  }

  @Test
  void anUnknownFormatStopsTheStartRatherThanRunWithoutALog() {
    LoggerContext context = JsonLogCapture.productionContext("xml");

    assertTrue(JsonLogCapture.rootAppenders(context).isEmpty(), "logback finds no appender");
    assertTrue(
        context.getStatusManager().getCopyOfStatusList().stream()
            .anyMatch(s -> s.getEffectiveLevel() >= Status.WARN),
        "logback warns, which makes it print its status at start");
    assertEquals(
        Optional.of(
            "GATEWAY_LOG_FORMAT is \"JSON\": it must be json (the default) or text; the gateway"
                + " does not run without a log"),
        LogFormatCheck.problem("JSON"));
    assertTrue(LogFormatCheck.problem("json").isEmpty());
    assertTrue(LogFormatCheck.problem("text").isEmpty());
    assertTrue(LogFormatCheck.problem(null).isEmpty(), "unset: json");
  }

  @Test
  void aJsonLineCarriesTheLogContextAndTheLinesFieldsAtItsTopLevel() {
    UUID requestId = UUID.randomUUID();
    UUID caseId = UUID.randomUUID();
    try (JsonLogCapture capture = JsonLogCapture.start()) {
      MDC.put(LogFields.CORRELATION_ID, "corr-1");
      try {
        LogFields.request(LOG.atWarn(), requestId, caseId, Platform.TIKTOK)
            .addKeyValue(LogFields.ATTEMPT, 3)
            .log("a line about request {}", requestId);
      } finally {
        MDC.remove(LogFields.CORRELATION_ID);
      }

      List<Map<String, Object>> lines =
          capture.lines(line -> LogFormatTest.class.getName().equals(line.get("logger_name")));
      assertEquals(1, lines.size(), lines.toString());
      Map<String, Object> line = lines.get(0);
      assertEquals("WARN", line.get("level"));
      assertEquals("a line about request " + requestId, line.get("message"));
      assertEquals("corr-1", line.get("correlationId"));
      assertEquals(requestId.toString(), line.get("requestId"));
      assertEquals(caseId.toString(), line.get("caseId"));
      assertEquals("TIKTOK", line.get("platform"));
      assertEquals(3, ((Number) line.get("attempt")).intValue());
    }
  }

  @Test
  void aTextLineEndsWithTheLogContextAndTheLinesFields() {
    Encoder<ILoggingEvent> text = JsonLogCapture.productionAppender("text").getEncoder();
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(LogFormatTest.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    try {
      MDC.put(LogFields.CORRELATION_ID, "corr-2");
      LOG.atWarn().addKeyValue(LogFields.PLATFORM, "META").log("with fields");
      MDC.remove(LogFields.CORRELATION_ID);
      LOG.warn("without fields");
    } finally {
      MDC.remove(LogFields.CORRELATION_ID);
      logger.detachAppender(events);
    }

    String with = new String(text.encode(events.list.get(0)), StandardCharsets.UTF_8);
    String without = new String(text.encode(events.list.get(1)), StandardCharsets.UTF_8);
    assertTrue(with.endsWith(" - with fields correlationId=corr-2 platform=META\n"), with);
    assertTrue(without.endsWith(" - without fields\n"), without);
    String tail = with.substring(with.indexOf(" - "));
    assertFalse(tail.contains("  "), "no double spaces: " + with);
  }
}
