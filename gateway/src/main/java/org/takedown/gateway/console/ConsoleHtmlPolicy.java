package org.takedown.gateway.console;

import gg.jte.html.HtmlAttribute;
import gg.jte.html.HtmlPolicy;
import gg.jte.html.HtmlPolicyException;
import gg.jte.html.HtmlTag;
import gg.jte.html.OwaspHtmlPolicy;
import gg.jte.html.policy.PreventInlineEventHandlers;
import gg.jte.html.policy.PreventSingleQuotedAttributes;
import java.util.Locale;

/**
 * What the build refuses in the console's templates (jte-maven-plugin's {@code htmlPolicyClass}),
 * so that a template never counts on something the Content-Security-Policy blocks ({@link
 * ConsoleHeaders}): OWASP's rules (no output inside a tag name or an unquoted attribute), no inline
 * event handler ({@code onclick}), no {@code style} attribute or element, and no single-quoted
 * attribute.
 */
public final class ConsoleHtmlPolicy extends OwaspHtmlPolicy {

  public ConsoleHtmlPolicy() {
    addPolicy(new PreventInlineEventHandlers());
    addPolicy(new PreventSingleQuotedAttributes());
    addPolicy(new PreventInlineStyles());
  }

  /** No {@code style} attribute or element: {@code style-src 'self'} ignores them. */
  static final class PreventInlineStyles implements HtmlPolicy {

    @Override
    public void validateHtmlTag(HtmlTag tag) throws HtmlPolicyException {
      if (tag.getName().toLowerCase(Locale.ROOT).equals("style")) {
        throw new HtmlPolicyException("no <style> element: styles go in console.css");
      }
    }

    @Override
    public void validateHtmlAttribute(HtmlTag tag, HtmlAttribute attribute)
        throws HtmlPolicyException {
      if (attribute.getName().toLowerCase(Locale.ROOT).equals("style")) {
        throw new HtmlPolicyException("no style attribute: styles go in console.css");
      }
    }
  }
}
