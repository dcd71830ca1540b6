package org.takedown.gateway.testing.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * Locators that find controls as an officer (or a screen reader) does: a field by its label, a
 * button or a link by its name, a heading by its text. A control without a label is not found, so
 * these locators also check item 5's "labels on every control" wherever a test uses them. Texts are
 * compared after trimming and collapsing white space, as the page shows them.
 */
public final class Controls {

  private Controls() {}

  /**
   * The input, select or textarea labelled {@code label}: by a {@code <label for>}, by a {@code
   * <label>} around it, or by {@code aria-label}.
   */
  public static By field(String label) {
    String text = literal(label);
    String control = "(self::input or self::select or self::textarea)";
    return located(
        "field labelled " + text,
        "//*["
            + control
            + " and @id = //label[normalize-space(.) = "
            + text
            + "]/@for]"
            + " | //label[normalize-space(.) = "
            + text
            + " or normalize-space(text()) = "
            + text
            + "]//*["
            + control
            + "]"
            + " | //*["
            + control
            + " and normalize-space(@aria-label) = "
            + text
            + "]");
  }

  /** The button named {@code name}: its text, its {@code aria-label}, or a submit's value. */
  public static By button(String name) {
    String text = literal(name);
    return located(
        "button " + text,
        "//button[normalize-space(.) = "
            + text
            + " or normalize-space(@aria-label) = "
            + text
            + "]"
            + " | //input[(@type = 'submit' or @type = 'button' or @type = 'reset') and"
            + " normalize-space(@value) = "
            + text
            + "]");
  }

  /** The link named {@code name}: its text or its {@code aria-label}. */
  public static By link(String name) {
    String text = literal(name);
    return located(
        "link " + text,
        "//a[@href][normalize-space(.) = "
            + text
            + " or normalize-space(@aria-label) = "
            + text
            + "]");
  }

  /** The heading (h1 to h6) that reads {@code text}. */
  public static By heading(String text) {
    String literal = literal(text);
    return located(
        "heading " + literal,
        "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
            + "[normalize-space(.) = "
            + literal
            + "]");
  }

  /** An XPath 1.0 string literal of {@code text}, whatever quotes it holds. */
  static String literal(String text) {
    String normal = text.strip().replaceAll("\\s+", " ");
    if (!normal.contains("'")) {
      return "'" + normal + "'";
    }
    if (!normal.contains("\"")) {
      return "\"" + normal + "\"";
    }
    return "concat('" + normal.replace("'", "', \"'\", '") + "')";
  }

  /** An XPath locator that prints as what it looks for, for wait and failure messages. */
  private static By located(String description, String xpath) {
    By byXpath = By.xpath(xpath);
    return new By() {
      @Override
      public List<WebElement> findElements(SearchContext context) {
        return byXpath.findElements(context);
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
