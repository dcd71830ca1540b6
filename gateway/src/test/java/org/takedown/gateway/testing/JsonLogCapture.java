package org.takedown.gateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Captures everything the gateway logs, as the production configuration writes it: the encoder is
 * the one {@code logback.xml} configures for {@code GATEWAY_LOG_FORMAT=json} (read from the very
 * files, in a logging context of its own), attached to the root logger of the running one. The
 * tests' own console keeps its text lines.
 */
public final class JsonLogCapture implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Encoder<ILoggingEvent> encoder;
  private final List<String> lines = new ArrayList<>();
  private final Map<String, Level> levelsBefore = new LinkedHashMap<>();
  private final Appender<ILoggingEvent> appender;

  private JsonLogCapture(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
    this.appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
            synchronized (lines) {
              lines.add(line);
            }
          }
        };
    appender.setName("json-capture");
    appender.setContext(running());
    appender.start();
  }

  /** Starts capturing every line the JVM logs from now on. */
  public static JsonLogCapture start() {
    JsonLogCapture capture = new JsonLogCapture(productionEncoder("json"));
    running().getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture.appender);
    return capture;
  }

  /**
   * A logging context of its own, configured by the production {@code logback.xml} with {@code
   * GATEWAY_LOG_FORMAT} = {@code format} (null: unset, as far as the context is concerned).
   */
  public static LoggerContext productionContext(String format) {
    LoggerContext context = new LoggerContext();
    context.setName("production-logback-" + format);
    if (format != null) {
      context.putProperty("GATEWAY_LOG_FORMAT", format);
    }
    URL file = JsonLogCapture.class.getResource("/logback.xml");
    Objects.requireNonNull(file, "logback.xml is not on the class path");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(file);
    } catch (JoranException e) {
      throw new AssertionError("logback.xml does not configure", e);
    }
    return context;
  }

  /** The appenders of {@code context}'s root logger. */
  public static List<Appender<ILoggingEvent>> rootAppenders(LoggerContext context) {
    List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    context
        .getLogger(Logger.ROOT_LOGGER_NAME)
        .iteratorForAppenders()
        .forEachRemaining(appenders::add);
    return appenders;
  }

  /** The one root appender the production configuration has for {@code format}. */
  public static ConsoleAppender<ILoggingEvent> productionAppender(String format) {
    List<Appender<ILoggingEvent>> appenders = rootAppenders(productionContext(format));
    assertEquals(1, appenders.size(), "one root appender: " + appenders);
    return (ConsoleAppender<ILoggingEvent>) appenders.get(0);
  }

  private static Encoder<ILoggingEvent> productionEncoder(String format) {
    return productionAppender(format).getEncoder();
  }

  private static LoggerContext running() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  /** Sets {@code logger} to {@code level} until {@link #close}. */
  public JsonLogCapture level(String logger, Level level) {
    Logger target = running().getLogger(logger);
    levelsBefore.putIfAbsent(logger, target.getLevel());
    target.setLevel(level);
    return this;
  }

  /** Every line captured so far, as written. */
  public List<String> raw() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /**
   * Every line captured so far, parsed; fails unless each is exactly one JSON object on one line.
   */
  public List<Map<String, Object>> parsed() {
    List<Map<String, Object>> parsed = new ArrayList<>();
    for (String line : raw()) {
      assertTrue(line.endsWith("\n"), "a line ends with a newline: " + line);
      assertFalse(
          line.substring(0, line.length() - 1).contains("\n"), "one object per line: " + line);
      try {
        Map<String, Object> object = JSON.readValue(line, new TypeReference<>() {});
        assertTrue(object.containsKey("@timestamp") && object.containsKey("level"), line);
        assertTrue(object.containsKey("logger_name") && object.containsKey("message"), line);
        parsed.add(object);
      } catch (IOException e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
    }
    return parsed;
  }

  /** The parsed lines that match {@code which}. */
  public List<Map<String, Object>> lines(Predicate<Map<String, Object>> which) {
    return parsed().stream().filter(which).toList();
  }

  @Override
  public void close() {
    running().getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    appender.stop();
    levelsBefore.forEach((logger, level) -> running().getLogger(logger).setLevel(level));
  }
}
