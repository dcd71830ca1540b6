package org.takedown.sandbox;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/** JSON documents as maps, read and written with Nimbus' bundled parser. */
final class JsonText {

  private JsonText() {}

  /**
   * The JSON object {@code text} holds, empty when it is no JSON object. Numbers come back as
   * {@link Long} or {@link Double}, arrays as lists.
   */
  static Optional<Map<String, Object>> parseObject(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSONObjectUtils.parse(text));
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  /** {@code document} as JSON; {@code null} values are written as {@code null}. */
  static String write(Map<String, ?> document) {
    return JSONObjectUtils.toJSONString(document);
  }
}
