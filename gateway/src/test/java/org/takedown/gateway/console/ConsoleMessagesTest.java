package org.takedown.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.takedown.contracts.Action;
import org.takedown.contracts.CaseStatus;
import org.takedown.contracts.Category;
import org.takedown.contracts.Outcome;
import org.takedown.contracts.Platform;
import org.takedown.contracts.Priority;
import org.takedown.contracts.RequestStatus;
import org.takedown.gateway.request.HistorySource;

/** Every word the console shows exists in both languages, and formats as written. */
class ConsoleMessagesTest {

  private static Properties bundle(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = ConsoleMessagesTest.class.getResourceAsStream("/console/" + name)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }

  @Test
  void frenchAndEnglishHaveTheSameWords() throws IOException {
    assertEquals(
        new TreeSet<>(bundle("messages.properties").stringPropertyNames()),
        new TreeSet<>(bundle("messages_en.properties").stringPropertyNames()));
  }

  @Test
  void noTextHoldsAQuoteThatMessageFormatWouldSwallow() throws IOException {
    for (String name : List.of("messages.properties", "messages_en.properties")) {
      Properties bundle = bundle(name);
      for (String key : bundle.stringPropertyNames()) {
        assertFalse(bundle.getProperty(key).contains("'"), name + ": " + key + " (write ’)");
      }
    }
  }

  @Test
  void everyLabelAndEveryKeyATemplateNamesExists() throws IOException {
    List<String> keys = new ArrayList<>();
    for (Class<? extends Enum<?>> type :
        List.of(
            Platform.class,
            org.takedown.platform.Platform.class,
            Action.class,
            RequestStatus.class,
            Outcome.class,
            Category.class,
            Priority.class,
            CaseStatus.class)) {
      String prefix =
          Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1);
      for (Enum<?> constant : type.getEnumConstants()) {
        keys.add(prefix + "." + constant.name());
      }
    }
    for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
      keys.add("circuit." + state.name());
    }
    for (HistorySource source : HistorySource.values()) {
      keys.add("source." + source.wireName());
    }
    for (org.takedown.gateway.custody.CustodyKind kind :
        org.takedown.gateway.custody.CustodyKind.values()) {
      keys.add("custody.kind." + kind.wireName());
    }
    for (Language language : Language.values()) {
      keys.add("language." + language.code());
    }
    for (Section section : Section.values()) {
      keys.add(section.messageKey());
    }
    for (int status : new int[] {400, 401, 403, 404, 405, 500, 503}) {
      ErrorPage page = ErrorPage.of(status, "id", true);
      keys.add(page.titleKey());
      keys.add(page.messageKey());
    }
    Pattern literal = Pattern.compile("chrome\\.t\\(\"([^\"]+)\"\\s*[,)]");
    try (Stream<Path> templates = Files.walk(Path.of("src/main/jte"))) {
      for (Path template : templates.filter(p -> p.toString().endsWith(".jte")).toList()) {
        Matcher used = literal.matcher(Files.readString(template));
        while (used.find()) {
          keys.add(used.group(1));
        }
      }
    }
    assertTrue(keys.size() > 100, "the templates were read: " + keys.size());
    for (Language language : Language.values()) {
      Texts texts = Texts.of(language);
      for (String key : keys) {
        assertFalse(texts.text(key).startsWith("["), language + " lacks " + key);
      }
    }
  }

  @Test
  void fillsArgumentsInEachLanguage() {
    assertEquals(
        "Connecté : officer-1", Texts.of(Language.FR).text("layout.signedInAs", "officer-1"));
    assertEquals(
        "Signed in: officer-1", Texts.of(Language.EN).text("layout.signedInAs", "officer-1"));
    assertEquals("Terrorisme", Texts.of(Language.FR).label(Category.TERRORISM));
    assertEquals("Terrorism", Texts.of(Language.EN).label(Category.TERRORISM));
    assertEquals("[no.such.key]", Texts.of(Language.FR).text("no.such.key"));
  }
}
