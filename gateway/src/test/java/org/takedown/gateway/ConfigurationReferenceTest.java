package org.takedown.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code gateway.*} property the code binds appears in the configuration reference, and every
 * one the reference names is bound (a renamed property leaves no stale row behind). The properties
 * come from the typed configuration (the metadata Micronaut writes for each
 * {@code @ConfigurationProperties} and {@code @EachProperty} class, the adapters' included) and
 * from the property names the sources spell out for {@code @Value}, {@code @Property} and {@code
 * getProperty}. A partner's setting is documented either under its partner ({@code
 * gateway.partners.meta.api-version}) or for every partner ({@code
 * gateway.partners.<partner>.read-timeout}).
 */
class ConfigurationReferenceTest {

  /** The configuration reference: its tables' first column names the properties. */
  static final Path CONFIGURATION_REFERENCE = Path.of("../README.md");

  /** The modules that make the gateway, whose main sources may bind properties. */
  private static final List<Path> SOURCES =
      List.of(Path.of("src/main/java"), Path.of("local/src/main/java"), Path.of("../adapters"));

  private static final String PARTNER = "<partner>";

  /** A property's name spelt out whole in a string, or in a {@code ${name:default}} placeholder. */
  private static final Pattern NAMED_IN_SOURCE =
      Pattern.compile("\"(?:\\$\\{)?(gateway(?:\\.[a-z][a-z0-9-]*)+)(?::[^\"}]*)?\\}?\"");

  private static final Pattern REFERENCE_ROW = Pattern.compile("(?m)^\\|([^|]*)\\|");
  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

  @Test
  void everyBoundPropertyIsInTheConfigurationReference() throws IOException {
    Set<String> documented = documented();
    List<String> missing = new ArrayList<>();
    for (String property : bound()) {
      if (!documented.contains(property) && !documented.contains(forEveryPartner(property))) {
        missing.add(property);
      }
    }

    assertTrue(
        missing.isEmpty(),
        "bound but not in " + CONFIGURATION_REFERENCE.normalize() + ": " + missing);
  }

  @Test
  void everyPropertyTheReferenceNamesIsBound() throws IOException {
    Set<String> bound = new TreeSet<>();
    for (String property : bound()) {
      bound.add(property);
      bound.add(forEveryPartner(property));
    }
    List<String> stale = documented().stream().filter(name -> !bound.contains(name)).toList();

    assertTrue(
        stale.isEmpty(),
        "in " + CONFIGURATION_REFERENCE.normalize() + " but read by nothing: " + stale);
  }

  @Test
  void readsBothKindsOfBinding() throws IOException {
    Set<String> bound = bound();

    // typed: an @EachProperty record's nested setting, and an adapter's own
    assertTrue(bound.contains("gateway.partners.<partner>.breaker.open-wait"), bound.toString());
    assertTrue(bound.contains("gateway.partners.meta.api-version"), bound.toString());
    // spelt out: an @Value placeholder, and a name a constant holds
    assertTrue(bound.contains("gateway.custody.integrate-interval"), bound.toString());
    assertTrue(bound.contains("gateway.custody.signing-key"), bound.toString());
    // a prefix is not a property
    assertFalse(bound.contains("gateway.partners.meta"), bound.toString());
    assertFalse(bound.contains("gateway.dispatch"), bound.toString());
  }

  /** The properties the code binds, each partner's own under {@code <partner>}. */
  private static Set<String> bound() throws IOException {
    Set<String> names = new TreeSet<>(typed());
    for (Path root : SOURCES) {
      try (Stream<Path> files = Files.walk(root.toAbsolutePath().normalize())) {
        for (Path file : files.filter(ConfigurationReferenceTest::isMainJava).toList()) {
          Matcher named = NAMED_IN_SOURCE.matcher(Files.readString(file));
          while (named.find()) {
            names.add(named.group(1));
          }
        }
      }
    }
    // a name that others extend is a prefix (@ConfigurationProperties("gateway.dispatch")), not a
    // property
    names.removeIf(name -> names.stream().anyMatch(other -> other.startsWith(name + ".")));
    return names;
  }

  private static boolean isMainJava(Path file) {
    return file.toString().endsWith(".java")
        && file.toString().replace('\\', '/').contains("/src/main/java/");
  }

  /** The typed configuration's properties, from the metadata of every module on the classpath. */
  @SuppressWarnings("unchecked")
  private static Set<String> typed() throws IOException {
    Set<String> names = new TreeSet<>();
    JsonMapper json = JsonMapper.createDefault();
    for (URL metadata :
        Collections.list(
            ConfigurationReferenceTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = metadata.openStream()) {
        Map<String, Object> document = json.readValue(in, Map.class);
        for (Map<String, Object> property :
            (List<Map<String, Object>>) document.getOrDefault("properties", List.of())) {
          String name = (String) property.get("name");
          if (name.startsWith("gateway.")) {
            names.add(name.replace("*", PARTNER));
          }
        }
      }
    }
    return names;
  }

  /**
   * The properties the reference's tables name: each row's first column, where {@code `.secret`}
   * after {@code `gateway.a.b.id`} stands for {@code gateway.a.b.secret}.
   */
  private static Set<String> documented() throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher row = REFERENCE_ROW.matcher(Files.readString(CONFIGURATION_REFERENCE));
    while (row.find()) {
      String parent = null;
      Matcher cell = BACKTICKED.matcher(row.group(1));
      while (cell.find()) {
        String name = cell.group(1).trim();
        if (name.startsWith(".") && parent != null) {
          names.add(parent + name);
        } else if (name.startsWith("gateway.")) {
          names.add(name);
          parent = name.substring(0, name.lastIndexOf('.'));
        }
      }
    }
    return names;
  }

  /**
   * {@code gateway.partners.meta.read-timeout} as {@code gateway.partners.<partner>.read-timeout}.
   */
  private static String forEveryPartner(String property) {
    return property.replaceFirst(
        "^gateway\\.partners\\.[a-z0-9-]+\\.", "gateway.partners.<partner>.");
  }
}
