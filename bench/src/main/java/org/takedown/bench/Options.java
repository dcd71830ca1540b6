package org.takedown.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} arguments of one harness command. */
final class Options {

  private final Map<String, String> values = new HashMap<>();

  Options(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      String name = args[i].substring(2);
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      values.put(name, flag ? "true" : args[++i]);
    }
  }

  String text(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return value;
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  double decimal(String name, double fallback) {
    return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
  }

  Duration seconds(String name, double fallback) {
    return Duration.ofMillis(Math.round(decimal(name, fallback) * 1000));
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }
}
