package org.takedown.gateway.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's languages. French unless the officer chose English with the switch every page
 * carries; the choice is kept in a cookie ({@link #COOKIE}), so that a link (a filtered view, a
 * request) opens in each reader's own language. The browser's {@code Accept-Language} is not
 * consulted: the unit works in French, whatever a workstation's browser says.
 */
public enum Language {
  FR("fr", Locale.FRENCH),
  EN("en", Locale.ENGLISH);

  /** The cookie that holds the choice: {@code fr} or {@code en}. */
  public static final String COOKIE = "console_lang";

  private final String code;
  private final Locale locale;

  Language(String code, Locale locale) {
    this.code = code;
    this.locale = locale;
  }

  /** The BCP 47 tag, as {@code <html lang>} and the cookie hold it. */
  public String code() {
    return code;
  }

  public Locale locale() {
    return locale;
  }

  /** The language named exactly {@code code}; empty for anything else. */
  public static Optional<Language> ofCode(String code) {
    for (Language language : values()) {
      if (language.code.equals(code)) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }

  /** The language {@code request} asks for by its cookie; French without one (or a bad one). */
  public static Language of(HttpRequest<?> request) {
    return request
        .getCookies()
        .findCookie(COOKIE)
        .map(Cookie::getValue)
        .flatMap(Language::ofCode)
        .orElse(FR);
  }
}
