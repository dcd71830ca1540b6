package org.takedown.gateway.startup;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.env.Environment;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.takedown.gateway.dispatch.PartnerDispatchProperties;
import org.takedown.gateway.tracking.PartnerPollingProperties;

/**
 * Stops the start when a partner setting holds a value of the wrong type ({@code rate-limit: ten}):
 * Micronaut binds such a value to nothing, so the setting's default would apply without a word. The
 * settings are the components of the partners' typed configuration, read from the records
 * themselves.
 */
@Context
final class UnconvertibleSettings {

  private static final List<Class<? extends Record>> PARTNER_SETTINGS =
      List.of(PartnerDispatchProperties.class, PartnerPollingProperties.class);

  UnconvertibleSettings(Environment environment) {
    List<String> unreadable = new ArrayList<>();
    for (String partner : environment.getPropertyEntries(PartnerDispatchProperties.PREFIX)) {
      String prefix = PartnerDispatchProperties.PREFIX + "." + partner + ".";
      for (Class<? extends Record> settings : PARTNER_SETTINGS) {
        check(environment, prefix, settings, unreadable);
      }
    }
    if (!unreadable.isEmpty()) {
      throw new IllegalStateException(String.join("; ", unreadable));
    }
  }

  private static void check(
      Environment environment, String prefix, Class<?> settings, List<String> unreadable) {
    for (RecordComponent component : settings.getRecordComponents()) {
      if (component.isAnnotationPresent(Parameter.class)) {
        continue; // the partner's name, the entry itself
      }
      Class<?> type = component.getType();
      ConfigurationProperties nested = type.getAnnotation(ConfigurationProperties.class);
      if (nested != null && type.isRecord()) {
        check(environment, prefix + nested.value() + ".", type, unreadable);
        continue;
      }
      String property = prefix + kebab(component.getName());
      environment
          .getProperty(property, String.class)
          .filter(raw -> environment.getProperty(property, type).isEmpty())
          .ifPresent(
              raw ->
                  unreadable.add(property + " is not a " + describe(type) + ": \"" + raw + "\""));
    }
  }

  private static String describe(Class<?> type) {
    return switch (type.getSimpleName()) {
      case "Integer", "int" -> "whole number";
      case "Float", "float", "Double", "double" -> "number";
      case "Duration" -> "duration (such as 500ms, 30s, 5m)";
      default -> type.getSimpleName();
    };
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
