package org.takedown.gateway.console;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The console's words in one language, from the bundles {@code console/messages} (French, the
 * default) and {@code console/messages_en}. A text with arguments is a {@link MessageFormat}
 * pattern; the bundles write apostrophes as {@code ’} so that no pattern needs quoting.
 */
public final class Texts {

  static final String BUNDLE = "console.messages";

  private final ResourceBundle bundle;
  private final Locale locale;

  private Texts(ResourceBundle bundle, Locale locale) {
    this.bundle = bundle;
    this.locale = locale;
  }

  /** The texts of {@code language}; never falls back to the JVM's default locale. */
  public static Texts of(Language language) {
    // French is the base bundle: asking for French must not find the JVM's locale first
    Locale locale = language == Language.FR ? Locale.ROOT : language.locale();
    ResourceBundle bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    return new Texts(bundle, language.locale());
  }

  /** The text of {@code key} with {@code arguments} in its {@code {0}}, {@code {1}} ... */
  public String text(String key, Object... arguments) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      // a page never fails for a word: the key shows, and ConsoleMessagesTest finds it missing
      return "[" + key + "]";
    }
    return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
  }

  /** The label of an enum constant (a status, platform, category ...): {@code <type>.<NAME>}. */
  public String label(Enum<?> value) {
    String type = value.getDeclaringClass().getSimpleName();
    return text(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "." + value.name());
  }

  /** The keys of the bundle, for tests. */
  java.util.Set<String> keys() {
    return bundle.keySet();
  }
}
