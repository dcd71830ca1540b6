package org.takedown.bench;

import java.util.Locale;

/** Prints measured figures as {@code name=value} lines, which bench/run collects. */
final class Figures {

  private Figures() {}

  static void print(String name, double value) {
    print(name, value, 2);
  }

  static void print(String name, double value, int decimals) {
    System.out.println(name + "=" + String.format(Locale.ROOT, "%." + decimals + "f", value));
    System.out.flush();
  }

  static void print(String name, long value) {
    System.out.println(name + "=" + value);
    System.out.flush();
  }

  /** A setting rather than a measure: {@code on}, {@code 17.7}. */
  static void print(String name, String value) {
    System.out.println(name + "=" + value);
    System.out.flush();
  }

  /** Progress for the reader, on stderr so that stdout holds figures only. */
  static void note(String format, Object... args) {
    System.err.println("  " + String.format(Locale.ROOT, format, args));
    System.err.flush();
  }
}
