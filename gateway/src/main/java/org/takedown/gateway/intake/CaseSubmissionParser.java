package org.takedown.gateway.intake;

import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.takedown.contracts.Action;
import org.takedown.contracts.Category;
import org.takedown.contracts.Priority;
import org.takedown.gateway.refusal.InvalidInput;
import org.takedown.gateway.refusal.PlainText;
import org.takedown.gateway.refusal.Violation;
import org.takedown.gateway.status.ListingParameters;

/**
 * Checks a case submission against every rule of GATEWAY-API.md at once and builds the {@link
 * NewCase}. It reads the JSON tree rather than a bound object, so that a wrong type or an unknown
 * enum value is reported with its field, next to every other broken rule. Unknown fields are
 * ignored. Text fields hold no control characters (a note may hold tabs and line breaks, see {@link
 * PlainText}), and {@code observedAt} lies in the years 0001 to 9999, so that nothing PostgreSQL
 * would refuse reaches it.
 */
@Singleton
final class CaseSubmissionParser {

  static final int MAX_ITEMS = 100;
  static final int MAX_EXTERNAL_REF = 128;
  static final int MAX_NOTE = 2000;
  static final int MAX_TEXT = 256;
  // URLs are not free text: real permalinks outgrow 256 characters, so they get a URL-sized bound
  static final int MAX_URL = 2048;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  /**
   * {@code requestedBy.email}: the OpenAPI document's {@code pattern} to the letter (decision
   * 0036); control characters, the only other white space, are refused before as in every text.
   */
  static final Pattern EMAIL = Pattern.compile("[^@ ]+@[^@ ]+\\.[^@ ]+");

  NewCase parse(JsonNode root) {
    Reader in = new Reader();
    if (root == null || !root.isObject()) {
      throw new InvalidInput(List.of(new Violation("$", "must be a JSON object")));
    }
    String externalRef = in.text(root, "externalRef", "externalRef", true, MAX_EXTERNAL_REF);
    Category category = in.choice(root, "category", "category", Category.class);
    Priority priority = in.choice(root, "priority", "priority", Priority.class);

    JsonNode legal = in.object(root, "legalBasis", "legalBasis");
    String law = in.text(legal, "law", "legalBasis.law", true, MAX_TEXT);
    String article = in.text(legal, "article", "legalBasis.article", false, MAX_TEXT);
    String authorizationRef =
        in.text(legal, "authorizationRef", "legalBasis.authorizationRef", true, MAX_TEXT);

    JsonNode requester = in.object(root, "requestedBy", "requestedBy");
    String name = in.text(requester, "name", "requestedBy.name", false, MAX_TEXT);
    String email = in.text(requester, "email", "requestedBy.email", true, MAX_TEXT);
    if (email != null && !email.isBlank() && !EMAIL.matcher(email).matches()) {
      in.refuse("requestedBy.email", "must be an email address");
    }
    String unit = in.text(requester, "unit", "requestedBy.unit", false, MAX_TEXT);
    Boolean nonDisclosure = in.flag(root, "nonDisclosure", "nonDisclosure");

    List<NewCase.Item> items = items(in, root);
    if (!in.violations.isEmpty()) {
      throw new InvalidInput(in.violations);
    }
    return new NewCase(
        externalRef,
        category,
        priority,
        law,
        article,
        authorizationRef,
        name,
        email,
        unit,
        nonDisclosure == null || nonDisclosure,
        items);
  }

  private List<NewCase.Item> items(Reader in, JsonNode root) {
    JsonNode items = root.get("items");
    if (items == null || items.isNull()) {
      in.refuse("items", "is required");
      return List.of();
    }
    if (!items.isArray()) {
      in.refuse("items", "must be an array");
      return List.of();
    }
    if (items.size() < 1 || items.size() > MAX_ITEMS) {
      in.refuse("items", "must hold between 1 and " + MAX_ITEMS + " items");
    }
    List<NewCase.Item> parsed = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "items[" + i + "]";
      JsonNode item = items.get(i);
      if (item == null || !item.isObject()) {
        in.refuse(path, "must be an object");
        continue;
      }
      String url = in.text(item, "url", path + ".url", true, MAX_URL);
      ContentLocation location = null;
      if (url != null && !url.isBlank()) {
        try {
          location = ContentUrls.locate(url);
        } catch (UnsupportedContentUrlException e) {
          // the URL is named (PARTNERS.md), unless it carries credentials, which no answer repeats
          in.refuse(path + ".url", e.mayQuoteUrl() ? url + ": " + e.getMessage() : e.getMessage());
        }
      }
      List<Action> actions = actions(in, item, path + ".actions");
      String evidence = in.text(item, "evidenceSha256", path + ".evidenceSha256", true, 64);
      if (evidence != null && !evidence.isBlank() && !SHA256.matcher(evidence).matches()) {
        in.refuse(path + ".evidenceSha256", "must be 64 hexadecimal characters (a SHA-256)");
      }
      Instant observedAt = in.instant(item, "observedAt", path + ".observedAt");
      String note = in.multiLineText(item, "note", path + ".note", MAX_NOTE);
      if (location != null && !actions.isEmpty()) {
        parsed.add(
            new NewCase.Item(
                url,
                location,
                actions,
                evidence == null ? null : evidence.toLowerCase(),
                observedAt,
                note));
      }
    }
    return parsed;
  }

  private static List<Action> actions(Reader in, JsonNode item, String path) {
    JsonNode actions = item.get("actions");
    if (actions == null || actions.isNull()) {
      in.refuse(path, "is required");
      return List.of();
    }
    if (!actions.isArray()) {
      in.refuse(path, "must be an array");
      return List.of();
    }
    Set<Action> distinct = new LinkedHashSet<>();
    boolean valid = true;
    for (int i = 0; i < actions.size(); i++) {
      Action action = in.choiceOf(actions.get(i), path + "[" + i + "]", Action.class);
      if (action == null) {
        valid = false;
      } else if (!distinct.add(action)) {
        in.refuse(path, "must not repeat an action");
        valid = false;
      }
    }
    if (actions.size() < 1 || actions.size() > 2) {
      in.refuse(path, "must hold 1 or 2 distinct actions");
      valid = false;
    }
    return valid ? List.copyOf(distinct) : List.of();
  }

  /** Reads fields, collecting every broken rule instead of stopping at the first. */
  private static final class Reader {
    final List<Violation> violations = new ArrayList<>();

    void refuse(String path, String message) {
      violations.add(new Violation(path, message));
    }

    /** A single-line text field: no control characters at all. */
    String text(JsonNode parent, String name, String path, boolean required, int max) {
      return text(parent, name, path, required, max, false);
    }

    /** A text field that may span lines: tabs and line breaks are its only control characters. */
    String multiLineText(JsonNode parent, String name, String path, int max) {
      return text(parent, name, path, false, max, true);
    }

    private String text(
        JsonNode parent, String name, String path, boolean required, int max, boolean multiLine) {
      JsonNode node = parent == null ? null : parent.get(name);
      if (node == null || node.isNull()) {
        if (required && parent != null) {
          refuse(path, "is required");
        }
        return null;
      }
      if (!node.isString()) {
        refuse(path, "must be a string");
        return null;
      }
      String value = node.getStringValue();
      if (required && value.isBlank()) {
        refuse(path, "must not be blank");
      } else if (value.length() > max) {
        refuse(path, "must be at most " + max + " characters");
      } else if (multiLine ? !PlainText.isPlainMultiLine(value) : !PlainText.isPlain(value)) {
        // PostgreSQL refuses U+0000; the other control characters are refused with it
        refuse(path, multiLine ? PlainText.MULTI_LINE_RULE : PlainText.RULE);
        return null;
      }
      return value;
    }

    JsonNode object(JsonNode parent, String name, String path) {
      JsonNode node = parent.get(name);
      if (node == null || node.isNull()) {
        refuse(path, "is required");
        return null;
      }
      if (!node.isObject()) {
        refuse(path, "must be an object");
        return null;
      }
      return node;
    }

    <E extends Enum<E>> E choice(JsonNode parent, String name, String path, Class<E> type) {
      JsonNode node = parent.get(name);
      if (node == null || node.isNull()) {
        refuse(path, "is required");
        return null;
      }
      return choiceOf(node, path, type);
    }

    <E extends Enum<E>> E choiceOf(JsonNode node, String path, Class<E> type) {
      if (node != null && node.isString()) {
        for (E constant : type.getEnumConstants()) {
          if (constant.name().equals(node.getStringValue())) {
            return constant;
          }
        }
      }
      refuse(
          path,
          "must be one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(Enum::name)
                  .collect(Collectors.joining(", ")));
      return null;
    }

    Boolean flag(JsonNode parent, String name, String path) {
      JsonNode node = parent.get(name);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isBoolean()) {
        refuse(path, "must be true or false");
        return null;
      }
      return node.getBooleanValue();
    }

    /** A date-time by the rule of every other date-time the API reads, years 0001-9999. */
    Instant instant(JsonNode parent, String name, String path) {
      JsonNode node = parent.get(name);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isString()) {
        refuse(path, ListingParameters.DATE_TIME_RULE);
        return null;
      }
      return ListingParameters.instant(path, node.getStringValue(), violations);
    }
  }
}
